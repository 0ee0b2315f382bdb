// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphexporter.h"

#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/nodeitem.h>
#include <widgets/graphview/svggraphwriter.h>

#include <core/atomicfile.h>
#include <core/layout/graphlayout.h>
#include <core/layout/viewgraph.h>
#include <core/onnx/onnxloader.h>

#include <QBuffer>
#include <QFileInfo>
#include <QPainter>

#include <cmath>

namespace Mcw::Widgets {

using Core::Expected;

QImage GraphExporter::renderImage(const GraphScene &scene, double scale)
{
    const QRectF source = scene.sceneRect();
    scale = std::min({scale, maxSide / source.width(), maxSide / source.height(),
                      std::sqrt(double(maxPixels) / (source.width() * source.height()))});
    const QSize size(std::max(1, int(std::ceil(source.width() * scale))),
                     std::max(1, int(std::ceil(source.height() * scale))));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.fill(scene.style().background());
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    const_cast<GraphScene &>(scene).render(&painter, QRectF(QPointF(0, 0), size), source);
    return image;
}

QByteArray GraphExporter::renderSvg(const GraphScene &scene)
{
    return SvgGraphWriter::write(scene);
}

Expected<void> GraphExporter::exportScene(const GraphScene &scene, const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("svg")) {
        bytes = renderSvg(scene);
    } else if (suffix == QLatin1String("png")) {
        const QImage image = renderImage(scene);
        if (image.isNull())
            return Core::makeError(QObject::tr("%1: the graph is too large to render as PNG; export SVG instead.").arg(path));
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            return Core::makeError(QObject::tr("%1: the PNG encoder failed.").arg(path));
    } else {
        return Core::makeError(Core::Error::Code::InvalidInput,
                               QObject::tr("%1: unknown image type; use a .png or .svg file name.").arg(path));
    }
    return Core::writeFileAtomically(path, bytes);
}

std::unique_ptr<GraphScene> GraphExporter::buildScene(const Core::Graph &graph, const GraphViewOptions &options)
{
    const GraphStyle style;
    const Core::ViewGraph view = Core::ViewGraph::build(graph);
    const Core::LayoutResult layout = Core::layoutGraph(style.layoutInput(view, options));
    auto scene = std::make_unique<GraphScene>(graph, view, layout, options, style);
    scene->setCutTensors({});
    return scene;
}

Expected<void> GraphExporter::exportModel(const QString &modelPath, const QString &outPath,
                                          const GraphViewOptions &options)
{
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        return Core::makeError(Core::Error::Code::InvalidInput,
                               QObject::tr("%1: unknown image type; use a .png or .svg file name.").arg(outPath));
    const Expected<Core::Graph> graph = Core::OnnxLoader::loadFile(modelPath);
    if (!graph)
        return Core::makeError(graph.error().code, graph.error().message);
    const std::unique_ptr<GraphScene> scene = buildScene(*graph, options);
    return exportScene(*scene, outPath);
}

} // namespace Mcw::Widgets
