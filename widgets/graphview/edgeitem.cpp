// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "edgeitem.h"

#include <widgets/graphview/nodeitem.h>

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace Mcw::Widgets {

static constexpr double s_arrowLength = 7.0;

EdgeItem::EdgeItem(int edgeIndex, const QString &tensor, const Core::LayoutResult::EdgePath &edgePath,
                   const QString &label, const GraphStyle *style)
    : m_index(edgeIndex)
    , m_tensor(tensor)
    , m_label(label)
    , m_style(style)
{
    setZValue(0);
    const QList<QPointF> &points = edgePath.points;
    if (points.isEmpty())
        return;
    // Stop the line short of the arrowhead so the tip stays sharp.
    QList<QPointF> pts = points;
    QPointF tip = pts.last();
    QPointF from = pts.size() >= 2 ? pts.at(pts.size() - 2) : tip;
    for (int i = int(pts.size()) - 2; i >= 0 && QLineF(from, tip).length() < 1e-6; --i)
        from = pts.at(i);
    QLineF direction(tip, from);
    if (direction.length() > 1e-6) {
        direction.setLength(s_arrowLength);
        const QPointF base = direction.p2();
        const QPointF normal = QPointF(-(base - tip).y(), (base - tip).x()) * (3.5 / s_arrowLength);
        m_arrow = QPolygonF({tip, base + normal, base - normal});
        pts.last() = base;
    }
    m_path.moveTo(pts.first());
    for (int i = 1; i + 2 < pts.size(); i += 3)
        m_path.cubicTo(pts.at(i), pts.at(i + 1), pts.at(i + 2));
    if (pts.size() == 2)
        m_path.lineTo(pts.at(1));
    if (!m_label.isEmpty()) {
        const QFontMetricsF metrics(m_style->labelFont());
        const QSizeF size(metrics.horizontalAdvance(m_label) + 4, metrics.height());
        m_labelRect = QRectF(edgePath.labelPosition - QPointF(size.width() / 2, size.height() / 2), size);
    }
    m_segment = QLineF(points.first(), points.last());
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).united(m_labelRect).adjusted(-3, -3, 3, 3);
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    QPainterPath hit = stroker.createStroke(m_path);
    hit.addPolygon(m_arrow);
    return hit;
}

void EdgeItem::setMarked(bool selected)
{
    if (m_selected != selected) {
        m_selected = selected;
        update();
    }
}

void EdgeItem::setGreyed(bool greyed)
{
    if (m_greyed != greyed) {
        m_greyed = greyed;
        update();
    }
}

void EdgeItem::setCut(bool cut)
{
    if (m_cut != cut) {
        m_cut = cut;
        update();
    }
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    if (m_path.isEmpty())
        return;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    QColor color = m_selected ? m_style->selection()
                   : m_cut ? m_style->cut()
                   : m_greyed ? m_style->greyFill().darker(120) : m_style->edge();
    if (lod < NodeItem::lodThreshold) {
        // Overview: a cosmetic straight segment is an order of magnitude cheaper than a curve.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(color, 0));
        painter->drawLine(m_segment);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    const double width = m_selected || m_cut ? 2.5 : 1.0;
    painter->setPen(QPen(color, width));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);
    if (m_cut) {
        // Scissors-like marker: a red bar across the edge right after it leaves its producer.
        const QPointF p = m_path.pointAtPercent(0.0);
        const double angle = m_path.angleAtPercent(0.02);
        painter->save();
        painter->translate(p);
        painter->rotate(-angle);
        painter->setBrush(m_style->cut());
        painter->drawRect(QRectF(4, -7, 4, 14));
        painter->restore();
    }
    if (!m_label.isEmpty() && lod >= 0.6) {
        painter->setFont(m_style->labelFont());
        painter->setPen(m_greyed ? m_style->greyFill().darker(140) : m_style->mutedText());
        painter->drawText(m_labelRect, Qt::AlignCenter, m_label);
    }
}

} // namespace Mcw::Widgets
