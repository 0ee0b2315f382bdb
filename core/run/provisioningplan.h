// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/conversionpipeline.h>

namespace Mcw::Core {

/**
 * Building the toolchain image as a job: `docker pull <base>` then `docker build` of
 * packaging/docker/Dockerfile with the chosen tpu_mlir wheel as build context. Run through the
 * native backend (the docker CLI is the tool here).
 */
struct ProvisioningPlan
{
    static constexpr const char *DefaultBaseImage = "sophgo/tpuc_dev:v3.4";

    QString dockerProgram = QStringLiteral("docker");
    QString baseImage = QString::fromLatin1(DefaultBaseImage);
    QString imageTag = QStringLiteral("maixcam-workbench/tpu-mlir:v3.4");
    QString wheelPath;   // tpu_mlir-<version>-py3-none-any.whl
    QString dockerfile;  // empty = defaultDockerfile()

    /** pull, then build (depends on pull); errors name a missing wheel or Dockerfile. */
    Expected<QList<PipelineStepSpec>> steps() const;

    /** The Dockerfile installed next to the app, else the one in the source tree. */
    static QString defaultDockerfile();
};

} // namespace Mcw::Core
