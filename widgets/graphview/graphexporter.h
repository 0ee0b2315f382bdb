// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <widgets/graphview/graphstyle.h>

#include <core/onnx/graph.h>
#include <core/result.h>

#include <QImage>

#include <memory>

namespace Mcw::Widgets {

class GraphScene;

/**
 * Renders a whole graph to PNG (2× like Netron, clamped) or SVG (one <g id="node-N"> group per
 * node, one per edge). Also the headless path of `maixcam-workbench --export-graph`: builds the
 * scene with a synchronous layout, no window needed (QT_QPA_PLATFORM=offscreen works).
 */
class GraphExporter
{
public:
    /** Picks the format from the suffix (.png or .svg) of \a path. */
    static Core::Expected<void> exportScene(const GraphScene &scene, const QString &path);
    static QImage renderImage(const GraphScene &scene, double scale = 2.0);
    static QByteArray renderSvg(const GraphScene &scene);
    /** Builds a scene for \a graph on the calling thread (layout included). */
    static std::unique_ptr<GraphScene> buildScene(const Core::Graph &graph, const GraphViewOptions &options);
    /** Loads \a modelPath, lays it out and writes \a outPath; errors are one sentence. */
    static Core::Expected<void> exportModel(const QString &modelPath, const QString &outPath,
                                            const GraphViewOptions &options = {});

    /** PNG side and area limits (QPainter's raster engine and memory). */
    static constexpr int maxSide = 32000;
    static constexpr qint64 maxPixels = 200'000'000;
};

} // namespace Mcw::Widgets
