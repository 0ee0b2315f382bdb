// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewitem.h"

#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/nodeitem.h>

#include <QHash>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Mcw::Widgets {

OverviewItem::OverviewItem(const GraphScene *scene)
    : m_scene(scene)
{
    setFlag(ItemUsesExtendedStyleOption, true); // exposedRect for culling
    setZValue(2);
}

void OverviewItem::setBounds(const QRectF &bounds)
{
    prepareGeometryChange();
    m_bounds = bounds;
}

void OverviewItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    const QRectF exposed = option->exposedRect.isEmpty() ? m_bounds : option->exposedRect;
    const GraphStyle &style = m_scene->style();
    painter->setRenderHint(QPainter::Antialiasing, false);

    // Bucket by colour so each colour is one drawLines()/drawRects() call.
    QHash<QRgb, QList<QLineF>> lines;
    for (const EdgeItem *edge : m_scene->edgeItems()) {
        const QLineF segment = edge->overviewSegment();
        if (segment.isNull() || !exposed.intersects(QRectF(segment.p1(), segment.p2()).normalized().adjusted(-1, -1, 1, 1)))
            continue;
        const QColor color = edge->isMarked() ? style.selection()
                             : edge->isCut() ? style.cut()
                             : edge->isGreyed() ? style.greyFill().darker(120) : style.edge();
        lines[color.rgba()].append(segment);
    }
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        painter->setPen(QPen(QColor::fromRgba(it.key()), 0));
        painter->drawLines(it.value());
    }

    QHash<QRgb, QList<QRectF>> rects;
    for (const NodeItem *node : m_scene->nodeItems()) {
        const QRectF box = node->box();
        if (!exposed.intersects(box))
            continue;
        const QColor color = node->isMarked() ? style.selection()
                             : node->isHighlighted() ? style.highlight()
                             : node->hasCutMarker() ? style.cut()
                             : node->isGreyed() ? style.greyFill() : style.headerColor(node->category());
        rects[color.rgba()].append(box);
    }
    painter->setPen(Qt::NoPen);
    for (auto it = rects.cbegin(); it != rects.cend(); ++it) {
        painter->setBrush(QColor::fromRgba(it.key()));
        painter->drawRects(it.value());
    }
}

} // namespace Mcw::Widgets
