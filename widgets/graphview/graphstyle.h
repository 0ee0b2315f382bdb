// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/graphlayout.h>
#include <core/layout/viewgraph.h>

#include <QColor>
#include <QFont>
#include <QSizeF>
#include <QString>

class QPalette;

namespace Mcw::Widgets {

/** What the graph shows (Netron's Ctrl+D / Ctrl+I / Ctrl+U / Ctrl+K toggles). */
struct GraphViewOptions
{
    bool showAttributes = true;
    bool showWeights = true;
    bool showNames = false;
    Core::LayoutInput::Direction direction = Core::LayoutInput::Direction::TopToBottom;

    bool operator==(const GraphViewOptions &other) const = default;
};

/**
 * Fonts, colours and text of graph items. Header colours follow Netron's palette by op
 * category; body and edge colours follow the light or dark widget palette (export: light).
 */
class GraphStyle
{
public:
    GraphStyle();
    explicit GraphStyle(const QPalette &palette);

    bool isDark() const { return m_dark; }
    QFont headerFont() const { return m_headerFont; }
    QFont bodyFont() const { return m_bodyFont; }
    QFont labelFont() const { return m_labelFont; }

    QColor background() const;
    QColor nodeFill() const;
    QColor nodeBorder() const;
    QColor text() const;
    QColor mutedText() const;
    QColor edge() const;
    QColor selection() const;
    QColor highlight() const;
    QColor cut() const;
    /** Layers a search proposes to keep in BF16 (violet, as on the accuracy chart). */
    QColor proposal() const;
    QColor greyFill() const;
    QColor headerColor(Core::OpCategory category) const;
    QColor headerTextColor(Core::OpCategory category) const;

    /** Header text: op type, or the node name when \a options.showNames (elided like Netron). */
    static QString headerText(const Core::ViewGraph::Node &node, const GraphViewOptions &options);
    /** Body lines as (name, value) pairs, depending on the weights/attributes toggles. */
    static QList<std::pair<QString, QString>> bodyLines(const Core::ViewGraph::Node &node,
                                                        const GraphViewOptions &options);
    /** Edge label: shape, or tensor name when \a options.showNames; dropped when too long. */
    static QString edgeLabel(const Core::ViewGraph::Edge &edge, const GraphViewOptions &options);

    /** Height of an op box's coloured header: the header font's line plus padding. */
    double headerHeight() const;
    /** Height of one body line (the body font's line; lines are 1 px apart). */
    double bodyLineHeight() const;
    /** Box size of a node measured with this style's fonts. */
    QSizeF nodeSize(const Core::ViewGraph::Node &node, const GraphViewOptions &options) const;
    /** Everything the layout engine needs: measured boxes, edges and label sizes. */
    Core::LayoutInput layoutInput(const Core::ViewGraph &view, const GraphViewOptions &options) const;

    static constexpr double headerPadding = 6.0;
    static constexpr double bodyPadding = 5.0;
    static constexpr double cornerRadius = 4.0;

private:
    class TextWidths;
    QSizeF nodeSize(const Core::ViewGraph::Node &node, const GraphViewOptions &options, TextWidths &header,
                    TextWidths &body) const;

    bool m_dark = false;
    QFont m_headerFont;
    QFont m_bodyFont;
    QFont m_labelFont;
};

} // namespace Mcw::Widgets
