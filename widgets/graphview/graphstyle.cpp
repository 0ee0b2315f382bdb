// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphstyle.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHash>
#include <QPalette>

#include <algorithm>

namespace Mcw::Widgets {

using Core::OpCategory;

static QString elideMiddle(const QString &text, int keep)
{
    if (text.size() <= 2 * keep + 1)
        return text;
    return text.left(keep) + QChar(0x2026) + text.right(keep);
}

static QString truncate(const QString &text, int length)
{
    return text.size() <= length ? text : text.left(length - 1) + QChar(0x2026);
}

GraphStyle::GraphStyle()
    : GraphStyle(QPalette(QColor(0xf4, 0xf4, 0xf4), QColor(Qt::white)))
{}

GraphStyle::GraphStyle(const QPalette &palette)
    : m_dark(palette.color(QPalette::Base).lightness() < 128)
{
    // Fixed pixel sizes: the picture must not change with the desktop's font scaling, so an
    // exported PNG from the CLI equals the one from the GUI.
    m_headerFont = QFont(QStringLiteral("Sans Serif"));
    m_headerFont.setPixelSize(12);
    m_headerFont.setWeight(QFont::DemiBold);
    m_bodyFont = QFont(QStringLiteral("Sans Serif"));
    m_bodyFont.setPixelSize(10);
    m_labelFont = QFont(QStringLiteral("Sans Serif"));
    m_labelFont.setPixelSize(9);
}

QColor GraphStyle::background() const { return m_dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white); }
QColor GraphStyle::nodeFill() const { return m_dark ? QColor(0x2d, 0x2d, 0x2d) : QColor(0xf8, 0xf8, 0xf8); }
QColor GraphStyle::nodeBorder() const { return m_dark ? QColor(0x5a, 0x5a, 0x5a) : QColor(0x88, 0x88, 0x88); }
QColor GraphStyle::text() const { return m_dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(0x1a, 0x1a, 0x1a); }
QColor GraphStyle::mutedText() const { return m_dark ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x55, 0x55, 0x55); }
QColor GraphStyle::edge() const { return m_dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x4d, 0x4d, 0x4d); }
QColor GraphStyle::selection() const { return QColor(0x1e, 0x90, 0xff); }
QColor GraphStyle::highlight() const { return QColor(0xff, 0xb3, 0x00); }
QColor GraphStyle::cut() const { return QColor(0xe0, 0x20, 0x20); }
QColor GraphStyle::proposal() const { return m_dark ? QColor(0xc3, 0x7d, 0xe8) : QColor(0x8e, 0x44, 0xad); }
QColor GraphStyle::greyFill() const { return m_dark ? QColor(0x3a, 0x3a, 0x3a) : QColor(0xdd, 0xdd, 0xdd); }

QColor GraphStyle::headerColor(OpCategory category) const
{
    // Netron's category colours (grapher.css); they are dark enough for white text in both
    // palettes. Uncategorised ops get a light header in light mode, like Netron.
    switch (category) {
    case OpCategory::Layer: return QColor(51, 85, 136);
    case OpCategory::Activation: return QColor(112, 41, 33);
    case OpCategory::Pool: return QColor(51, 85, 51);
    case OpCategory::Normalization: return QColor(51, 85, 68);
    case OpCategory::Shape: return QColor(108, 79, 71);
    case OpCategory::Tensor: return QColor(89, 66, 59);
    case OpCategory::DataMovement: return QColor(74, 85, 104);
    case OpCategory::Quantization: return QColor(120, 70, 0);
    case OpCategory::Control: return QColor(104, 57, 120);
    case OpCategory::Custom: return QColor(128, 128, 128);
    case OpCategory::Input:
    case OpCategory::Output: return m_dark ? QColor(0x50, 0x50, 0x50) : QColor(0x40, 0x40, 0x40);
    case OpCategory::Other: break;
    }
    return m_dark ? QColor(0x4a, 0x4a, 0x4a) : QColor(0xe8, 0xe8, 0xe8);
}

QColor GraphStyle::headerTextColor(OpCategory category) const
{
    if (category == OpCategory::Other && !m_dark)
        return QColor(0x1a, 0x1a, 0x1a);
    return QColor(Qt::white);
}

QString GraphStyle::headerText(const Core::ViewGraph::Node &node, const GraphViewOptions &options)
{
    using Kind = Core::ViewGraph::Node::Kind;
    if (node.kind != Kind::Op)
        return elideMiddle(node.name, 14);
    return elideMiddle(options.showNames ? node.name : node.opType, 10);
}

QList<std::pair<QString, QString>> GraphStyle::bodyLines(const Core::ViewGraph::Node &node,
                                                         const GraphViewOptions &options)
{
    QList<std::pair<QString, QString>> lines;
    if (options.showWeights) {
        for (const Core::ViewGraph::Line &line : node.initializers)
            lines.append({truncate(line.name, 16), truncate(line.value, 24)});
    }
    if (options.showAttributes) {
        for (const Core::ViewGraph::Line &line : node.attributes)
            lines.append({truncate(line.name, 16), QStringLiteral("= ") + truncate(line.value, 20)});
    }
    return lines;
}

QString GraphStyle::edgeLabel(const Core::ViewGraph::Edge &edge, const GraphViewOptions &options)
{
    const QString text = options.showNames ? edge.tensor : edge.label;
    // Netron drops labels that would dominate the picture.
    return text.size() > 24 ? elideMiddle(text, 10) : text;
}

double GraphStyle::headerHeight() const
{
    return QFontMetricsF(m_headerFont).height() + 2 * headerPadding;
}

double GraphStyle::bodyLineHeight() const
{
    return QFontMetricsF(m_bodyFont).height();
}

/**
 * Text widths of one font, each distinct string shaped once: graphs repeat op types, attribute
 * lines and shapes thousands of times, and shaping dominated the measuring of big graphs.
 */
class GraphStyle::TextWidths
{
public:
    explicit TextWidths(const QFont &font)
        : m_metrics(font)
    {}
    double operator()(const QString &text)
    {
        auto it = m_widths.constFind(text);
        if (it == m_widths.cend())
            it = m_widths.insert(text, m_metrics.horizontalAdvance(text));
        return it.value();
    }
    double height() const { return m_metrics.height(); }

private:
    QFontMetricsF m_metrics;
    QHash<QString, double> m_widths;
};

QSizeF GraphStyle::nodeSize(const Core::ViewGraph::Node &node, const GraphViewOptions &options) const
{
    TextWidths header(m_headerFont);
    TextWidths body(m_bodyFont);
    return nodeSize(node, options, header, body);
}

QSizeF GraphStyle::nodeSize(const Core::ViewGraph::Node &node, const GraphViewOptions &options,
                            TextWidths &header, TextWidths &body) const
{
    double width = header(headerText(node, options)) + 2 * headerPadding + 4;
    double height = header.height() + 2 * headerPadding;
    const auto lines = bodyLines(node, options);
    if (!lines.isEmpty()) {
        for (const auto &[name, value] : lines)
            width = std::max(width, body(name + QLatin1Char(' ') + value) + 2 * bodyPadding + 4);
        height += lines.size() * (body.height() + 1) + 2 * bodyPadding - 2;
    }
    if (node.kind != Core::ViewGraph::Node::Kind::Op)
        height = header.height() + headerPadding; // compact pills for inputs and outputs
    return QSizeF(std::ceil(std::max(width, 42.0)), std::ceil(height));
}

Core::LayoutInput GraphStyle::layoutInput(const Core::ViewGraph &view, const GraphViewOptions &options) const
{
    Core::LayoutInput input;
    input.direction = options.direction;
    input.nodeSeparation = 20.0;
    input.rankSeparation = 24.0;
    TextWidths header(m_headerFont);
    TextWidths body(m_bodyFont);
    TextWidths label(m_labelFont);
    input.nodes.reserve(view.nodes().size());
    for (const Core::ViewGraph::Node &node : view.nodes()) {
        const QSizeF size = nodeSize(node, options, header, body);
        input.nodes.append({size.width(), size.height()});
    }
    input.edges.reserve(view.edges().size());
    QHash<QString, int> groups; // one per tensor: its consumers share a route and one label
    for (const Core::ViewGraph::Edge &edge : view.edges()) {
        Core::LayoutInput::Edge e;
        e.from = edge.from;
        e.to = edge.to;
        if (!edge.tensor.isEmpty()) {
            auto group = groups.constFind(edge.tensor);
            if (group == groups.cend())
                group = groups.insert(edge.tensor, int(groups.size()));
            e.group = group.value();
        }
        const QString text = edgeLabel(edge, options);
        if (!text.isEmpty()) {
            e.labelWidth = std::ceil(label(text)) + 4;
            e.labelHeight = std::ceil(label.height());
        }
        input.edges.append(e);
    }
    return input;
}

} // namespace Mcw::Widgets
