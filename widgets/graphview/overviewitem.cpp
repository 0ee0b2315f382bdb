// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewitem.h"

#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/nodeitem.h>

#include <QHash>
#include <QImage>
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

// Boxes smaller than this many device pixels are plotted straight into a pixel buffer: at
// fit-to-window a 10k-node graph is mostly sub-pixel, where QPainter's per-primitive cost
// dominates.
static constexpr double s_pixelThreshold = 2.0;

void OverviewItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    const QRectF exposed = option->exposedRect.isEmpty() ? m_bounds : option->exposedRect;
    const GraphStyle &style = m_scene->style();
    const QTransform transform = painter->worldTransform();
    const bool plain = transform.type() <= QTransform::TxScale;
    painter->setRenderHint(QPainter::Antialiasing, false);

    QRect deviceRect = transform.mapRect(exposed).toAlignedRect();
    if (painter->device())
        deviceRect &= QRect(0, 0, painter->device()->width(), painter->device()->height());
    QImage pixels;
    auto plot = [&pixels, &deviceRect](const QRectF &device, QRgb color) {
        if (pixels.isNull()) {
            pixels = QImage(deviceRect.size(), QImage::Format_ARGB32_Premultiplied);
            pixels.fill(Qt::transparent);
        }
        const int x0 = std::max(0, int(device.left()) - deviceRect.left());
        const int y0 = std::max(0, int(device.top()) - deviceRect.top());
        const int x1 = std::min(pixels.width() - 1, int(device.right()) - deviceRect.left());
        const int y1 = std::min(pixels.height() - 1, int(device.bottom()) - deviceRect.top());
        for (int y = y0; y <= y1; ++y) {
            auto *line = reinterpret_cast<QRgb *>(pixels.scanLine(y));
            for (int x = x0; x <= x1; ++x)
                line[x] = color;
        }
    };

    // Bucket by colour so each colour is one drawLines()/drawRects() call.
    QHash<QRgb, QList<QLineF>> lines;
    for (const EdgeItem *edge : m_scene->edgeItems()) {
        const QLineF segment = edge->overviewSegment();
        if (segment.isNull() || !exposed.intersects(QRectF(segment.p1(), segment.p2()).normalized().adjusted(-1, -1, 1, 1)))
            continue;
        if (plain && transform.map(segment).length() < s_pixelThreshold)
            continue; // inside the pixels of its end nodes
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
                             : node->tint().isValid() ? node->tint()
                             : node->isGreyed() ? style.greyFill() : style.headerColor(node->category());
        if (plain && !deviceRect.isEmpty()) {
            const QRectF device = transform.mapRect(box);
            if (device.width() < s_pixelThreshold && device.height() < s_pixelThreshold) {
                plot(device, color.rgba());
                continue;
            }
        }
        rects[color.rgba()].append(box);
    }
    painter->setPen(Qt::NoPen);
    for (auto it = rects.cbegin(); it != rects.cend(); ++it) {
        painter->setBrush(QColor::fromRgba(it.key()));
        painter->drawRects(it.value());
    }
    if (!pixels.isNull()) {
        painter->save();
        painter->resetTransform();
        painter->drawImage(deviceRect.topLeft(), pixels);
        painter->restore();
    }
}

} // namespace Mcw::Widgets
