// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulsar2jobinputs.h"

#include <core/atomicfile.h>
#include <core/onnx/subgraphextractor.h>
#include <core/pulsar2/calibrationarchive.h>
#include <core/pulsar2/pulsar2planinputs.h>

#include <QDir>

namespace Mcw::Core {

Expected<QList<PipelineStepSpec>> Pulsar2JobInputs::prepare(const Project &project, const QString &jobDirectory,
                                                            const QString &program)
{
    if (!project.pulsar2.buildNpu && !project.pulsar2.buildVnpu) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("The project builds neither model_npu nor model_vnpu; nothing to build."));
    }
    if (project.quantization.datasetDir.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("Pulsar2 always quantises and needs calibration images; choose a folder."));
    }
    const auto images = CalibrationArchive::selectImages(project.quantization.datasetDir, project.quantization.inputNum);
    if (!images)
        return Unexpected(images.error());
    const auto graph = Pulsar2PlanInputs::loadModel(project);
    if (!graph)
        return Unexpected(graph.error());
    Pulsar2Plan::Options options = Pulsar2PlanInputs::fromGraph(project, *graph);
    options.program = program;
    options.calibrationImages = *images;
    options.projectDir = jobDirectory;
    const Pulsar2Plan plan = Pulsar2Plan::build(project, options);
    const QDir dir(jobDirectory);

    if (!plan.cutTensors.isEmpty()) {
        const auto cut = SubgraphExtractor::extractToFile(*graph, plan.cutTensors, dir.filePath(plan.modelFile));
        if (!cut)
            return Unexpected(cut.error());
    }
    if (const auto written = CalibrationArchive::write(plan.calibrationImages, dir.filePath(plan.calibrationArchive));
        !written) {
        return Unexpected(written.error());
    }
    for (const ConversionPlan::GeneratedFile &f : plan.files) {
        if (const auto written = writeFileAtomically(dir.filePath(f.fileName), f.content.toUtf8()); !written)
            return Unexpected(written.error());
    }
    QList<PipelineStepSpec> steps;
    for (const Pulsar2Plan::Build &b : plan.builds)
        steps.append({b.id, b.title, b.invocation, {}});
    return steps;
}

} // namespace Mcw::Core
