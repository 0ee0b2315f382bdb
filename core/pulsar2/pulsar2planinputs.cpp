// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulsar2planinputs.h"

#include <core/onnx/onnxloader.h>
#include <core/pulsar2/calibrationarchive.h>

namespace Mcw::Core {

Expected<Graph> Pulsar2PlanInputs::loadModel(const Project &project)
{
    auto graph = OnnxLoader::loadFile(project.modelPath);
    if (!graph || project.inputShape.isEmpty() || graph->inputNames().isEmpty())
        return graph;
    OnnxLoader::Options options;
    options.inputShapes.insert(graph->inputNames().first(), project.inputShape);
    return OnnxLoader::loadFile(project.modelPath, options);
}

Pulsar2Plan::Options Pulsar2PlanInputs::fromGraph(const Project &project, const Graph &graph)
{
    Pulsar2Plan::Options options;
    // One input: name it as Sipeed's configs do; several: DEFAULT applies to all of them.
    if (graph.inputNames().size() == 1)
        options.inputName = graph.inputNames().first();
    for (const QString &tensor : project.cutTensors) {
        const Tensor *t = graph.tensor(tensor);
        if (t && t->shape.known && t->shape.isStatic())
            options.outputShapes.insert(tensor, t->shape.values());
    }
    if (!project.quantization.datasetDir.isEmpty()) {
        if (const auto images = CalibrationArchive::selectImages(project.quantization.datasetDir,
                                                                 project.quantization.inputNum))
            options.calibrationImages = *images;
    }
    return options;
}

} // namespace Mcw::Core
