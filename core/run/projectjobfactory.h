// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/conversionplan.h>
#include <core/project/project.h>
#include <core/result.h>
#include <core/run/jobrecord.h>

#include <QString>

#include <optional>

namespace Mcw::Core {

/**
 * Turns a project into a queued conversion job: a fresh job folder, the ConversionPlan's
 * steps with absolute input paths, the quantize table file, and a snapshot of the settings
 * (`project.snapshot.yaml` + their fingerprint) so that later exports can tell whether a
 * result still belongs to the current settings.
 */
class ProjectJobFactory
{
public:
    static constexpr auto SnapshotFileName = "project.snapshot.yaml";
    static constexpr auto FingerprintFileName = "settings.sha256";
    static constexpr auto ImageIdFileName = "toolchain-image.id";

    struct Options
    {
        /** Per-layer accuracy: `--compare_all --debug` on the INT8 deploy. */
        bool compareAll = true;
        ToolCapabilities capabilities;
        /** Docker image id (digest) of the toolchain, recorded for provenance; empty: none. */
        QString toolchainImageId;
        /** ToolchainSettings::describe(): part of every step's inputs key (StepReuse). */
        QString toolchain;
        /** An earlier run whose unchanged steps are copied instead of run again (StepReuse). */
        std::optional<JobRecord> reuseFrom;
        /** A search run (ConversionPlan::Options::qtableSearch) instead of a conversion. */
        std::optional<ConversionPlan::QtableSearch> qtableSearch;
    };

    /**
     * Creates `<jobsRoot>/<stamp>-<name>` and the job record in it (saved as job.json). With
     * Options::reuseFrom, outputs of unchanged steps are copied over first, which reads them whole:
     * call it off the UI thread.
     */
    static Expected<JobRecord> createJob(const Project &project, const QString &jobsRoot,
                                         const Options &options);

    /**
     * SHA-256 over every setting that changes the produced model: ONNX hash, cut tensors, input
     * shape, preprocessing, processor, quantisation modes, quantize table, calibration data
     * selection and tolerances. Labels and names do not change the cvimodel and are excluded.
     */
    static QString settingsFingerprint(const Project &project);

    /** The fingerprint stored in a job folder, or an empty string when there is none. */
    static QString storedFingerprint(const QString &jobDirectory);
    /** The toolchain image id stored in a job folder, or an empty string. */
    static QString storedImageId(const QString &jobDirectory);
};

} // namespace Mcw::Core
