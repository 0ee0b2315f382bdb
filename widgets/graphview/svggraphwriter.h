// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Mcw::Widgets {

class GraphScene;

/**
 * Writes a laid-out scene as plain SVG text: one `<g id="node-N" class="node">` per node with
 * its `<title>` and rect/text, one `<g id="edge-N" class="edge">` per edge with one cubic path,
 * its arrowhead and label. It reads the items' boxes, paths and state (tint, cut, greyed,
 * selection) and never goes through QPainter: QSvgGenerator wrote every item as a separate
 * SVG with full state attributes and flattened paths (about 7× the bytes of `dot -Tsvg`).
 * Fonts are named by CSS family, so a viewer renders with its own sans-serif font.
 */
class SvgGraphWriter
{
public:
    static QByteArray write(const GraphScene &scene);
};

} // namespace Mcw::Widgets
