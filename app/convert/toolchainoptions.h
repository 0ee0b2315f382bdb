// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/toolchainsettings.h>

#include <QStringList>

namespace Mcw::Cli {

/**
 * The toolchain options `run` and `batch` share: --backend, --image, --container, --pulsar2-image,
 * --pulsar2-container, --tools,
 * --timeout and --engine (repeatable; a docker context name or a DOCKER_HOST-style address).
 */
class ToolchainOptions
{
public:
    static constexpr const char *Usage
        = "  --engine ENGINE   a docker context or an address (unix:///path.sock, tcp://host:2376,\n"
          "                    ssh://user@host); repeat it to spread the steps over several engines\n"
          "  --image IMG       the tpu-mlir image (default maixcam-workbench/tpu-mlir:v3.4)\n"
          "  --pulsar2-image IMG  the Pulsar2 image for MaixCAM2 projects (default pulsar2:6.0, as\n"
          "                    'docker load -i ax_pulsar2_6.0.tar.gz' names it)\n"
          "  --pulsar2-container NAME  docker exec: the running Pulsar2 container\n"
          "  --backend docker|native, --container NAME (docker exec), --tools DIR (native),\n"
          "  --timeout MINUTES per step (0 = none)\n";

    /**
     * Consumes the option at \a i (and its value) when it is one of ours: true and \a i moved
     * on; false when it is not. A bad value sets \a error.
     */
    bool take(const QStringList &arguments, qsizetype &i, QString *error);
    /** The settings; the engines given with --engine replace the local one. */
    Core::ToolchainSettings settings() const;
    /** Steps at once per --engine (-j N): set on every engine. */
    void setStepsPerEngine(int steps) { m_stepsPerEngine = steps; }

private:
    Core::ToolchainSettings m_settings;
    QList<Core::DockerEngine> m_engines;
    int m_stepsPerEngine = 0;
};

} // namespace Mcw::Cli
