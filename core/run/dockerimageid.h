// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/toolchainsettings.h>

#include <QString>

namespace Mcw::Core {

/**
 * The id (sha256 digest) of the Docker image the toolchain runs in — the image itself for
 * `docker run`, the container's image for `docker exec` — for the provenance of a bundle.
 * Blocks for at most \a timeoutMs; call it off the UI thread.
 */
/**
 * The id in what `docker image inspect --format {{.Id}}` printed: its last line, since the docker
 * client may print a warning first (an unreadable ~/.docker/config.json).
 */
QString dockerImageIdFromOutput(const QString &output);

Expected<QString> queryDockerImageId(const ToolchainSettings &settings, Toolchain toolchain = Toolchain::TpuMlir,
                                     int timeoutMs = 5000);

} // namespace Mcw::Core
