// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodetintlegendwidget.h"

#include <QFontMetrics>
#include <QLinearGradient>
#include <QPainter>

namespace Mcw::Widgets {

static constexpr int s_margin = 8;
static constexpr int s_swatch = 12;
static constexpr int s_scaleWidth = 140;

NodeTintLegendWidget::NodeTintLegendWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("nodeTintLegend"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void NodeTintLegendWidget::setLegend(const NodeTintLegend &legend)
{
    m_legend = legend;
    QStringList tips;
    for (const NodeTintLegend::Entry &entry : legend.entries)
        tips.append(entry.label + QStringLiteral(": ") + entry.description);
    setToolTip(tips.join(QLatin1Char('\n')));
    resize(sizeHint());
    update();
}

QStringList NodeTintLegendWidget::lines() const
{
    QStringList result{m_legend.title};
    if (m_legend.hasScale) {
        result.append(QStringLiteral("%1 – %2  %3")
                          .arg(m_legend.scaleMin, 0, 'f', 3)
                          .arg(m_legend.scaleMax, 0, 'f', 3)
                          .arg(m_legend.scaleLabel));
    }
    for (const NodeTintLegend::Entry &entry : m_legend.entries)
        result.append(entry.label);
    return result;
}

QSize NodeTintLegendWidget::sizeHint() const
{
    const QFontMetrics metrics(font());
    QFont bold = font();
    bold.setBold(true);
    int width = QFontMetrics(bold).horizontalAdvance(m_legend.title);
    int height = metrics.height() + 4;
    if (m_legend.hasScale) {
        width = std::max(width, s_scaleWidth);
        width = std::max(width, metrics.horizontalAdvance(lines().at(1)));
        height += s_swatch + metrics.height() + 6;
    }
    for (const NodeTintLegend::Entry &entry : m_legend.entries) {
        width = std::max(width, s_swatch + 6 + metrics.horizontalAdvance(entry.label));
        height += metrics.height() + 2;
    }
    return QSize(width + 2 * s_margin, height + 2 * s_margin);
}

void NodeTintLegendWidget::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QColor background = palette().color(QPalette::Base);
    background.setAlpha(235);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    const QFontMetrics metrics(font());
    const int lineHeight = metrics.height();
    int y = s_margin;
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(s_margin, y, width() - 2 * s_margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     m_legend.title);
    y += lineHeight + 4;
    painter.setFont(font());
    if (m_legend.hasScale) {
        const QRect bar(s_margin, y, s_scaleWidth, s_swatch);
        QLinearGradient gradient(bar.topLeft(), bar.topRight());
        // Sample the hue ramp: a two-stop RGB gradient would pass through muddy brown.
        for (int i = 0; i <= 4; ++i) {
            const double t = i / 4.0;
            const double hue = m_legend.scaleLow.hueF() + t * (m_legend.scaleHigh.hueF() - m_legend.scaleLow.hueF());
            gradient.setColorAt(t, QColor::fromHsvF(std::max(0.0, hue), m_legend.scaleHigh.saturationF(),
                                                    m_legend.scaleHigh.valueF()));
        }
        painter.setPen(Qt::NoPen);
        painter.setBrush(gradient);
        painter.drawRect(bar);
        y += s_swatch + 2;
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(s_margin, y, width() - 2 * s_margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         lines().at(1));
        y += lineHeight + 4;
    }
    for (const NodeTintLegend::Entry &entry : m_legend.entries) {
        const QRect swatch(s_margin, y + (lineHeight - s_swatch) / 2, s_swatch, s_swatch);
        painter.setPen(QPen(entry.color.darker(130), 1));
        painter.setBrush(entry.color);
        painter.drawRoundedRect(swatch, 2, 2);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(swatch.right() + 6, y, width() - swatch.right() - 6 - s_margin, lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, entry.label);
        y += lineHeight + 2;
    }
}

} // namespace Mcw::Widgets
