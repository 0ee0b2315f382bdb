// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversionpipeline.h"

#include <core/atomicfile.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace Mcw::Core {

QList<PipelineStepSpec> ConversionPipeline::standardSteps(const ToolInvocation &transform,
                                                          const ToolInvocation &calibration,
                                                          const ToolInvocation &deployInt8,
                                                          const std::optional<ToolInvocation> &deployBf16)
{
    QList<PipelineStepSpec> steps{
        {QStringLiteral("transform"), QStringLiteral("Transform to MLIR"), transform, {}},
        {QStringLiteral("calibration"), QStringLiteral("Calibration"), calibration, {QStringLiteral("transform")}},
        {QStringLiteral("deploy_int8"), QStringLiteral("Deploy INT8"), deployInt8,
         {QStringLiteral("transform"), QStringLiteral("calibration")}},
    };
    if (deployBf16)
        steps.append({QStringLiteral("deploy_bf16"), QStringLiteral("Deploy BF16"), *deployBf16, {QStringLiteral("transform")}});
    return steps;
}

static QString pendingIds(const QList<PipelineStepSpec> &steps)
{
    QStringList ids;
    for (const PipelineStepSpec &s : steps)
        ids.append(s.id);
    return ids.join(QStringLiteral(", "));
}

Expected<JobRecord> ConversionPipeline::createJob(const QString &name, const QString &jobDirectory,
                                                  const QList<PipelineStepSpec> &steps)
{
    if (steps.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("The pipeline for %1 has no steps.").arg(name));
    QStringList ids;
    for (const PipelineStepSpec &s : steps) {
        if (s.id.isEmpty() || ids.contains(s.id)) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The pipeline step id '%1' is empty or used twice.").arg(s.id));
        }
        ids.append(s.id);
    }
    for (const PipelineStepSpec &s : steps) {
        for (const QString &d : s.dependsOn) {
            if (!ids.contains(d)) {
                return makeError(Error::Code::InvalidInput,
                                 QStringLiteral("The pipeline step '%1' depends on the unknown step '%2'.").arg(s.id, d));
            }
        }
    }
    // Kahn's order, stable with respect to the given order.
    QList<PipelineStepSpec> pending = steps;
    QStringList done;
    QList<PipelineStepSpec> ordered;
    while (!pending.isEmpty()) {
        bool progressed = false;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            const PipelineStepSpec &s = pending.at(i);
            if (std::all_of(s.dependsOn.cbegin(), s.dependsOn.cend(), [&done](const QString &d) { return done.contains(d); })) {
                done.append(s.id);
                ordered.append(s);
                pending.removeAt(i);
                progressed = true;
                break;
            }
        }
        if (!progressed) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The pipeline steps %1 depend on each other in a cycle.")
                                 .arg(pendingIds(pending)));
        }
    }
    const QString dir = QDir(jobDirectory).absolutePath();
    if (!QDir().mkpath(dir))
        return makeError(Error::Code::Io, QStringLiteral("%1: the job folder cannot be created.").arg(dir));
    JobRecord job;
    job.id = QDir(dir).dirName();
    job.name = name;
    job.directory = dir;
    job.createdAt = QDateTime::currentDateTimeUtc();
    for (const PipelineStepSpec &s : std::as_const(ordered)) {
        StepRecord step;
        step.id = s.id;
        step.title = s.title.isEmpty() ? s.id : s.title;
        step.invocation = s.invocation;
        step.invocation.workingDirectory = dir;
        step.dependsOn = s.dependsOn;
        job.steps.append(step);
    }
    return job;
}

QList<PipelineStepSpec> ConversionPipeline::fromPlan(const ConversionPlan &plan)
{
    QList<PipelineStepSpec> steps;
    int folderImages = 0;
    for (const ConversionPlan::Step &s : plan.steps) {
        switch (s.kind) {
        case ConversionPlan::Step::Kind::Transform:
            steps.append({QStringLiteral("transform"), QStringLiteral("Transform to MLIR"), s.invocation, {}});
            break;
        case ConversionPlan::Step::Kind::DeployBf16:
            steps.append({QStringLiteral("deploy_bf16"), QStringLiteral("Deploy BF16"), s.invocation, {QStringLiteral("transform")}});
            break;
        case ConversionPlan::Step::Kind::Calibration:
            steps.append({QStringLiteral("calibration"), QStringLiteral("Calibration"), s.invocation, {QStringLiteral("transform")}});
            break;
        case ConversionPlan::Step::Kind::DeployInt8:
            steps.append({QStringLiteral("deploy_int8"), QStringLiteral("Deploy INT8"), s.invocation,
                          {QStringLiteral("transform"), QStringLiteral("calibration")}});
            break;
        case ConversionPlan::Step::Kind::SearchQtable:
            steps.append({QStringLiteral("search_qtable"), QStringLiteral("Search BF16 layers"), s.invocation,
                          {QStringLiteral("transform"), QStringLiteral("calibration")}});
            break;
        case ConversionPlan::Step::Kind::RunInt8OnImage:
            // The folder run: independent of each other, each needs only the INT8 model.
            steps.append({QStringLiteral("int8_image_%1").arg(++folderImages),
                          s.title.left(1).toUpper() + s.title.mid(1), s.invocation,
                          {QStringLiteral("deploy_int8")}});
            break;
        }
    }
    return steps;
}

Expected<QString> ConversionPipeline::makeJobDirectory(const QString &root, const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]+"));
    QString base = name;
    base.replace(unsafe, QStringLiteral("_"));
    if (base.isEmpty())
        base = QStringLiteral("job");
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QDir rootDir(root);
    if (!rootDir.mkpath(QStringLiteral(".")))
        return makeError(Error::Code::Io, QStringLiteral("%1: the runs folder cannot be created.").arg(root));
    for (int n = 1; n < 1000; ++n) {
        const QString id = n == 1 ? QStringLiteral("%1-%2").arg(stamp, base) : QStringLiteral("%1-%2-%3").arg(stamp, base).arg(n);
        // mkdir (not mkpath) fails when the folder exists: two jobs never share one.
        if (rootDir.mkdir(id))
            return rootDir.absoluteFilePath(id);
    }
    return makeError(Error::Code::Io, QStringLiteral("%1: no free job folder name for %2.").arg(root, name));
}

} // namespace Mcw::Core
