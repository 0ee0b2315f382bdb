// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/conversionpipeline.h>
#include <core/run/toolchainsettings.h>

namespace Mcw::Core {

/**
 * Building the toolchain image as a job: `docker pull <base>` then `docker build` of
 * packaging/docker/Dockerfile. By default the image installs tpu_mlir at the release Sipeed's own
 * converter pins, from the Python package index (build context: the Dockerfile's folder); with a
 * wheel file, that wheel (build context: the wheel's folder). Run through the native backend
 * (the docker CLI is the tool here). The defaults are the ones README.md and the Dockerfile
 * state, and the image is the one ToolchainSettings uses by default (a test holds them together).
 */
struct ProvisioningPlan
{
    static constexpr const char *DefaultBaseImage = "sophgo/tpuc_dev:v3.4";
    static constexpr const char *DefaultTpuMlirVersion = "1.28.1";
    QString dockerProgram = QStringLiteral("docker");
    QString baseImage = QString::fromLatin1(DefaultBaseImage);
    QString imageTag = QString::fromLatin1(ToolchainSettings::DefaultImage);
    QString tpuMlirVersion = QString::fromLatin1(DefaultTpuMlirVersion);
    QString wheelPath;   // tpu_mlir-<version>-py3-none-any.whl; empty = tpuMlirVersion from the index
    QString dockerfile;  // empty = defaultDockerfile()

    /** pull, then build (depends on pull); errors name a missing wheel or Dockerfile. */
    Expected<QList<PipelineStepSpec>> steps() const;
    /** The Dockerfile installed next to the app, else the one in the source tree. */
    static QString defaultDockerfile();
};

} // namespace Mcw::Core
