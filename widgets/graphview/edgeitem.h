// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <widgets/graphview/graphstyle.h>

#include <QGraphicsItem>
#include <QPainterPath>

namespace Mcw::Widgets {

/**
 * One edge: a cubic Bézier path with an arrowhead and the tensor's shape as label. A wide
 * invisible stroke is its hit area (Netron's hit-test path), so thin edges are easy to click.
 */
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(int edgeIndex, const QString &tensor, const Core::LayoutResult::EdgePath &path,
             const QString &label, const GraphStyle *style);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    int edgeIndex() const { return m_index; }
    QString tensor() const { return m_tensor; }
    QPainterPath path() const { return m_path; }
    QPolygonF arrow() const { return m_arrow; }
    QString label() const { return m_label; }
    QRectF labelRect() const { return m_labelRect; }
    /** Start to arrow tip as one straight segment, for the overview. */
    QLineF overviewSegment() const { return m_segment; }

    void setMarked(bool selected);
    bool isMarked() const { return m_selected; }
    void setGreyed(bool greyed);
    bool isGreyed() const { return m_greyed; }
    void setCut(bool cut);
    bool isCut() const { return m_cut; }

private:
    int m_index;
    QString m_tensor;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QString m_label;
    QRectF m_labelRect;
    QRectF m_bounds;
    QLineF m_segment;
    const GraphStyle *m_style;
    bool m_selected = false;
    bool m_greyed = false;
    bool m_cut = false;
};

} // namespace Mcw::Widgets
