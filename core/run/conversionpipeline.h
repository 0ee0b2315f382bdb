// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/conversionplan.h>
#include <core/result.h>
#include <core/run/jobrecord.h>

#include <optional>

namespace Mcw::Core {

/** One step as the plan describes it, before it becomes part of a job. */
struct PipelineStepSpec
{
    QString id;
    QString title;
    ToolInvocation invocation;
    QStringList dependsOn;
    /** Where the step's stdout is kept in the job folder (a tool that prints its product); empty: nowhere. */
    QString stdoutFile = {}; // (defaulted: the other steps leave it out of their initialisers)
};

/**
 * Builds jobs from pipeline steps: checks ids and dependencies (known, acyclic), orders the
 * steps so every dependency comes first, and points every step at the job folder (the tools
 * write fixed file names into their cwd, so each job gets its own folder).
 */
class ConversionPipeline
{
public:
    /**
     * transform → calibration → deploy INT8 (needs both), and deploy BF16 (needs only the
     * transform) when given. Ids: transform, calibration, deploy_int8, deploy_bf16.
     */
    static QList<PipelineStepSpec> standardSteps(const ToolInvocation &transform,
                                                 const ToolInvocation &calibration,
                                                 const ToolInvocation &deployInt8,
                                                 const std::optional<ToolInvocation> &deployBf16 = std::nullopt);

    /** A queued job record for \a steps in \a jobDirectory (created if missing). */
    static Expected<JobRecord> createJob(const QString &name, const QString &jobDirectory,
                                         const QList<PipelineStepSpec> &steps);

    /**
     * The plan's steps as a pipeline: transform; deploy BF16 after the transform; calibration
     * after the transform; deploy INT8 after transform and calibration; each device info
     * (model_tool --info) after the deploy it describes: `device_info` for INT8,
     * `device_info_bf16` for BF16.
     */
    static QList<PipelineStepSpec> fromPlan(const ConversionPlan &plan);

    /** A new unique folder `<root>/<yyyyMMdd-HHmmss>-<name>[-N]`, created on disk. */
    static Expected<QString> makeJobDirectory(const QString &root, const QString &name);
};

} // namespace Mcw::Core
