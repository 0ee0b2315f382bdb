// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <widgets/graphview/graphstyle.h>

#include <QColor>
#include <QGraphicsItem>

namespace Mcw::Widgets {

/**
 * One display node: a rounded box with a coloured op-type header and body lines. At low zoom
 * (level of detail below lodThreshold) it paints a plain box and no text.
 */
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr double lodThreshold = 0.4;

    NodeItem(int displayIndex, const Core::ViewGraph::Node &node, const QRectF &rect,
             const GraphStyle *style, const GraphViewOptions &options);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    int displayIndex() const { return m_index; }
    QRectF box() const { return m_rect; }
    QString title() const { return m_title; }
    /** Header text and body lines as painted (the SVG writer draws the same). */
    QString header() const { return m_header; }
    const QList<std::pair<QString, QString>> &lines() const { return m_lines; }
    /** Inputs and outputs are compact pills with no body. */
    bool isPill() const { return m_kind != Core::ViewGraph::Node::Kind::Op; }
    Core::OpCategory category() const { return m_category; }
    QString toolTipText() const;

    void setMarked(bool selected);
    bool isMarked() const { return m_selected; }
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }
    void setGreyed(bool greyed);
    bool isGreyed() const { return m_greyed; }
    void setCutMarker(bool cut);
    /** A violet dashed frame and a "BF16?" tag: a search proposes keeping this layer in BF16. */
    void setProposalMarker(bool proposed);
    bool hasProposalMarker() const { return m_proposed; }
    bool hasCutMarker() const { return m_cut; }
    /** Metric colour (support class, cosine) of the body and frame; invalid = none. */
    void setTint(const QColor &tint);
    QColor tint() const { return m_tint; }
    /** Text drawn in the last paint() call; lets tests check the level-of-detail switch. */
    bool paintedText() const { return m_paintedText; }

private:
    int m_index;
    Core::ViewGraph::Node::Kind m_kind;
    Core::OpCategory m_category;
    QRectF m_rect;
    QString m_header;
    QString m_title;
    QList<std::pair<QString, QString>> m_lines;
    const GraphStyle *m_style; // owned by the scene, outlives items
    bool m_selected = false;
    bool m_highlighted = false;
    bool m_greyed = false;
    bool m_cut = false;
    bool m_proposed = false;
    QColor m_tint;
    bool m_paintedText = false;
};

} // namespace Mcw::Widgets
