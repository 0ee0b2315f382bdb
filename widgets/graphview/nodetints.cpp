// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "nodetints.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace Mcw::Widgets {

QColor opSupportColor(Core::OpSupportClass supportClass)
{
    for (const Core::OpSupportLegendEntry &entry : Core::opSupportLegend()) {
        if (entry.supportClass == supportClass)
            return QColor(entry.color);
    }
    return QColor();
}

NodeTints opSupportTints(const Core::ViewGraph &view, const Core::OpSupportReport &report)
{
    NodeTints tints;
    tints.legend.title = QCoreApplication::translate("NodeTints", "Operator support");
    for (const Core::OpSupportLegendEntry &entry : Core::opSupportLegend())
        tints.legend.entries.append({QColor(entry.color), entry.label, entry.description});
    for (int i = 0; i < view.nodes().size(); ++i) {
        const Core::ViewGraph::Node &node = view.nodes().at(i);
        if (node.kind != Core::ViewGraph::Node::Kind::Op || !report.node(node.onnxNode))
            continue;
        tints.colors.insert(i, opSupportColor(report.supportClass(node.onnxNode)));
    }
    return tints;
}

Core::AccuracyStage heatMapStage(const Core::AccuracyRun &run)
{
    const QList<Core::AccuracyStage> stages = run.stages();
    if (stages.contains(Core::AccuracyStage::Tpu) || stages.isEmpty())
        return Core::AccuracyStage::Tpu;
    return stages.first();
}

QColor cosineColor(double cosine, double floor, double tolerance)
{
    if (std::isnan(cosine))
        return QColor();
    if (cosine >= tolerance)
        return QColor::fromHsvF(120.0 / 360.0, 0.75, 0.80);
    const double span = tolerance - floor;
    const double t = span > 0 ? std::clamp((cosine - floor) / span, 0.0, 1.0) : 0.0;
    return QColor::fromHsvF(t * 80.0 / 360.0, 0.85, 0.95);
}

int displayNodeOfTensor(const Core::Graph &graph, const Core::ViewGraph &view, const QString &tensor)
{
    const Core::Tensor *t = graph.tensor(tensor);
    if (!t || t->producer < 0)
        return -1;
    return view.displayNodeOfOnnxNode(t->producer);
}

NodeTints cosineTints(const Core::Graph &graph, const Core::ViewGraph &view, const Core::AccuracyRun &run)
{
    NodeTints tints;
    const Core::AccuracyStage stage = heatMapStage(run);
    const double tolerance = run.tolerances.value(stage).cosine;
    const QList<Core::LayerMetrics> layers = run.layersOf(stage);
    double lowest = tolerance;
    for (const Core::LayerMetrics &layer : layers) {
        if (!std::isnan(layer.cosine))
            lowest = std::min(lowest, layer.cosine);
    }
    // The scale spans the worst layer so it is always red; at least 0.01 wide.
    const double floor = std::max(0.0, std::min(lowest, tolerance - 0.01));
    // A node with several compared outputs shows its worst one.
    QHash<int, double> worst;
    for (const Core::LayerMetrics &layer : layers) {
        if (std::isnan(layer.cosine))
            continue;
        const int display = displayNodeOfTensor(graph, view, layer.onnxTensorName);
        if (display < 0)
            continue;
        const auto it = worst.constFind(display);
        if (it == worst.constEnd() || layer.cosine < it.value())
            worst.insert(display, layer.cosine);
    }
    for (auto it = worst.cbegin(); it != worst.cend(); ++it)
        tints.colors.insert(it.key(), cosineColor(it.value(), floor, tolerance));

    NodeTintLegend &legend = tints.legend;
    legend.title = QCoreApplication::translate("NodeTints", "Cosine similarity (%1)")
                       .arg(run.stageTitle(stage));
    legend.hasScale = true;
    legend.scaleLow = cosineColor(floor, floor, tolerance);
    legend.scaleHigh = cosineColor(tolerance - 1e-9, floor, tolerance);
    legend.scaleMin = floor;
    legend.scaleMax = tolerance;
    legend.scaleLabel = QCoreApplication::translate("NodeTints", "below tolerance %1").arg(tolerance, 0, 'f', 3);
    legend.entries.append({cosineColor(tolerance, floor, tolerance),
                           QCoreApplication::translate("NodeTints", "≥ %1").arg(tolerance, 0, 'f', 3),
                           QCoreApplication::translate("NodeTints", "Within the cosine tolerance")});
    return tints;
}

} // namespace Mcw::Widgets
