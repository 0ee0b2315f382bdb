// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobaccuracy.h"

#include <core/pulsar2/precisiontable.h>

#include <QDir>
#include <QFileInfo>

namespace Mcw::Core {

QString deployFilePrefix(const Project &project, bool bf16)
{
    return QStringLiteral("%1_%2_%3").arg(project.name, project.quantization.processor,
                                          bf16 ? QStringLiteral("bf16") : QStringLiteral("int8_sym"));
}

Expected<AccuracyRun> accuracyRunFromJob(const JobRecord &job, const Project &project, bool bf16,
                                         const QSet<QString> &onnxTensorNames)
{
    const QDir dir(job.directory);
    if (project.device == Device::MaixCam2) {
        // Pulsar2's own per-layer table of the full-NPU build (the half-NPU one when only it ran).
        for (const char *suffix : {"_npu", "_vnpu"}) {
            const QString table = dir.filePath(project.name + QLatin1String(suffix)
                                               + QStringLiteral("/quant/debug/precision_analysis_table.txt"));
            if (!QFileInfo::exists(table))
                continue;
            QString analysis;
            const auto rows = Pulsar2PrecisionTable::readFile(table, &analysis);
            if (!rows)
                return Unexpected(rows.error());
            return Pulsar2PrecisionTable::toAccuracyRun(
                *rows, QStringLiteral("%1 %2").arg(QString::fromLatin1(suffix + 1).toUpper(), job.id), analysis);
        }
        return makeError(Error::Code::NotFound,
                         QStringLiteral("The run %1 has no Pulsar2 precision table; turn the per-layer precision "
                                        "analysis on and convert again.")
                             .arg(job.id));
    }
    const QString prefix = deployFilePrefix(project, bf16);
    const QString top = dir.filePath(project.name + QStringLiteral("_top_outputs.npz"));
    const QString ref = dir.filePath(project.name + QStringLiteral("_ref_outputs.npz"));
    const QString tpu = dir.filePath(prefix + QStringLiteral("_tpu_outputs.npz"));
    const QString model = dir.filePath(prefix + QStringLiteral("_model_outputs.npz"));

    const Quantization &q = project.quantization;
    struct StageFiles
    {
        AccuracyStage stage;
        QString target;
        QString reference;
        Tolerance tolerance;
    };
    const double finalEuclid = q.quantizeTable.isEmpty() ? 0.90 : 0.85;
    const QList<StageFiles> stages = {
        {AccuracyStage::Transform, top, ref, Tolerance{q.transformCos, q.transformEuclid}},
        {AccuracyStage::Tpu, tpu, top, Tolerance{q.deployCos, q.deployEuclid}},
        {AccuracyStage::Final, model, tpu, Tolerance{0.99, finalEuclid}},
    };

    AccuracyRun run;
    run.label = QStringLiteral("%1 %2").arg(bf16 ? QStringLiteral("BF16") : QStringLiteral("INT8"), job.id);
    for (const StageFiles &s : stages) {
        if (!QFileInfo::exists(s.target) || !QFileInfo::exists(s.reference))
            continue; // the tools delete results without --debug; chart what is there
        CompareOptions options;
        options.tolerance = s.tolerance;
        const auto comparison = NpzComparison::compareFiles(s.target, s.reference, options);
        if (!comparison)
            return Unexpected(comparison.error());
        run.tolerances.insert(s.stage, s.tolerance);
        run.setStage(s.stage, *comparison, onnxTensorNames);
    }
    if (run.layers.isEmpty()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("The run %1 kept no comparison results (.npz); deploy with "
                                        "--compare_all --debug to chart every layer.")
                             .arg(job.id));
    }
    return run;
}

QString calibrationTableOfJob(const JobRecord &job)
{
    const int index = job.stepIndex(QStringLiteral("deploy_int8"));
    if (index < 0)
        return {};
    const QStringList &arguments = job.steps.at(index).invocation.arguments;
    const qsizetype flag = arguments.indexOf(QStringLiteral("--calibration_table"));
    if (flag < 0 || flag + 1 >= arguments.size())
        return {};
    return QDir::cleanPath(QDir(job.directory).absoluteFilePath(arguments.at(flag + 1)));
}

} // namespace Mcw::Core
