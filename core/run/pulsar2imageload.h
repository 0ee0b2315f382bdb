// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/conversionpipeline.h>

namespace Mcw::Core {

/**
 * Loading Axera's Pulsar2 image as a job: `docker load -i ax_pulsar2_<version>.tar.gz`, the way
 * Axera and Sipeed tell users to (maixcam2.md §1.1; there is no registry to pull from). Run
 * through the native backend like ProvisioningPlan: the docker CLI is the tool here.
 */
struct Pulsar2ImageLoad
{
    QString dockerProgram = QStringLiteral("docker");
    QString archive; // the downloaded .tar.gz or .tar

    /** One step; an error names a missing archive or one that is not a tar. */
    Expected<QList<PipelineStepSpec>> steps() const;
    /** The image `docker load` printed ("Loaded image: pulsar2:6.0"), empty when \a line is not that. */
    static QString loadedImage(const QString &line);
};

} // namespace Mcw::Core
