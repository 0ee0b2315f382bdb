// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodeitem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

namespace Mcw::Widgets {

NodeItem::NodeItem(int displayIndex, const Core::ViewGraph::Node &node, const QRectF &rect,
                   const GraphStyle *style, const GraphViewOptions &options)
    : m_index(displayIndex)
    , m_kind(node.kind)
    , m_category(node.category)
    , m_rect(rect)
    , m_header(GraphStyle::headerText(node, options))
    , m_title(node.kind == Core::ViewGraph::Node::Kind::Op
                  ? node.opType + QStringLiteral(": ") + node.name
                  : node.opType + QStringLiteral(": ") + node.name)
    , m_lines(GraphStyle::bodyLines(node, options))
    , m_style(style)
{
    setZValue(1);
    setAcceptHoverEvents(false);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline; a proposal's dashed frame and tag reach further.
    return m_proposed ? m_rect.adjusted(-6, -16, 6, 6) : m_rect.adjusted(-3, -3, 3, 3);
}

QString NodeItem::toolTipText() const
{
    return m_title;
}

void NodeItem::setMarked(bool selected)
{
    if (m_selected != selected) {
        m_selected = selected;
        update();
    }
}

void NodeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted != highlighted) {
        m_highlighted = highlighted;
        update();
    }
}

void NodeItem::setGreyed(bool greyed)
{
    if (m_greyed != greyed) {
        m_greyed = greyed;
        update();
    }
}

void NodeItem::setCutMarker(bool cut)
{
    if (m_cut != cut) {
        m_cut = cut;
        update();
    }
}

void NodeItem::setProposalMarker(bool proposed)
{
    if (m_proposed != proposed) {
        prepareGeometryChange();
        m_proposed = proposed;
        update();
    }
}

void NodeItem::setTint(const QColor &tint)
{
    if (m_tint != tint) {
        m_tint = tint;
        update();
    }
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    Q_UNUSED(widget)
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor header = m_greyed ? m_style->greyFill() : m_style->headerColor(m_category);
    const QColor outline = m_selected ? m_style->selection()
                           : m_highlighted ? m_style->highlight()
                           : m_cut ? m_style->cut()
                           : m_proposed ? m_style->proposal() : QColor();

    if (lod < lodThreshold) {
        // Overview: one filled box per node, no antialiasing, no text.
        m_paintedText = false;
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(m_rect, outline.isValid() ? outline : m_tint.isValid() ? m_tint : header);
        return;
    }
    m_paintedText = true;
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setRenderHint(QPainter::TextAntialiasing, true);
    const QFontMetricsF bodyMetrics(m_style->bodyFont());
    const bool pill = m_kind != Core::ViewGraph::Node::Kind::Op;
    const double radius = pill ? m_rect.height() / 2 : GraphStyle::cornerRadius;

    QPainterPath shape;
    shape.addRoundedRect(m_rect, radius, radius);
    const double headerHeight = pill ? m_rect.height() : m_style->headerHeight();
    const QRectF headerRect(m_rect.left(), m_rect.top(), m_rect.width(), headerHeight);

    painter->setPen(Qt::NoPen);
    QColor body = m_greyed ? m_style->greyFill() : m_style->nodeFill();
    if (m_tint.isValid()) {
        // A light wash of the tint keeps the body text readable; the frame carries the full colour.
        const double a = m_style->isDark() ? 0.35 : 0.30;
        body = QColor::fromRgbF(body.redF() * (1 - a) + m_tint.redF() * a,
                                body.greenF() * (1 - a) + m_tint.greenF() * a,
                                body.blueF() * (1 - a) + m_tint.blueF() * a);
    }
    painter->setBrush(body);
    painter->drawPath(shape);
    QPainterPath headerPath;
    headerPath.addRect(headerRect);
    painter->setBrush(header);
    painter->drawPath(shape.intersected(headerPath));

    painter->setBrush(Qt::NoBrush);
    if (m_tint.isValid())
        painter->setPen(QPen(m_tint, 3.5));
    else
        painter->setPen(QPen(m_greyed ? m_style->greyFill().darker(115) : m_style->nodeBorder(), 1));
    painter->drawPath(shape);
    if (outline.isValid()) {
        painter->setPen(QPen(outline, m_selected ? 3 : 2.5));
        painter->drawPath(shape);
    }

    painter->setFont(m_style->headerFont());
    QColor headerText = m_style->headerTextColor(m_category);
    if (m_greyed)
        headerText = m_style->mutedText();
    painter->setPen(headerText);
    painter->drawText(headerRect, Qt::AlignCenter, m_header);

    if (!m_lines.isEmpty() && !pill) {
        painter->setFont(m_style->bodyFont());
        double y = headerRect.bottom() + GraphStyle::bodyPadding - 1;
        const double x = m_rect.left() + GraphStyle::bodyPadding + 2;
        const QColor nameColor = m_greyed ? m_style->mutedText() : m_style->text();
        for (const auto &[name, value] : m_lines) {
            const QRectF lineRect(x, y, m_rect.width() - 2 * GraphStyle::bodyPadding, bodyMetrics.height());
            painter->setPen(nameColor);
            painter->drawText(lineRect, Qt::AlignLeft | Qt::AlignVCenter, name);
            painter->setPen(m_style->mutedText());
            painter->drawText(lineRect.adjusted(bodyMetrics.horizontalAdvance(name + QLatin1Char(' ')), 0, 0, 0),
                              Qt::AlignLeft | Qt::AlignVCenter, value);
            y += bodyMetrics.height() + 1;
        }
    }
    if (m_proposed) {
        // Dashed outside the frame (the tint keeps the frame), and a tag over the top-right corner.
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(m_style->proposal(), 2.5, Qt::DashLine));
        painter->drawRoundedRect(m_rect.adjusted(-4, -4, 4, 4), radius + 3, radius + 3);
        QFont font = m_style->bodyFont();
        font.setBold(true);
        const QString tag = QStringLiteral("BF16?");
        const QFontMetricsF metrics(font);
        const double tagWidth = metrics.horizontalAdvance(tag) + 8;
        const QRectF tagRect(m_rect.right() - tagWidth + 2, m_rect.top() - metrics.height() / 2 - 4, tagWidth,
                             metrics.height() + 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_style->proposal());
        painter->drawRoundedRect(tagRect, 3, 3);
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(tagRect, Qt::AlignCenter, tag);
    }
    if (m_cut) {
        // A red bar with a scissors-like notch along the output side marks a cut point.
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_style->cut());
        painter->drawRect(QRectF(m_rect.left(), m_rect.bottom() - 3, m_rect.width(), 3));
    }
}

} // namespace Mcw::Widgets
