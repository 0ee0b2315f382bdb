// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/dockerengine.h>

#include <QList>

#include <QString>

class QSettings;

namespace Mcw::Core {

/**
 * Where and how the tpu-mlir tools run. Docker with an empty container = one `docker run`
 * per step from `image`; with a container name = `docker exec` into that running container.
 * Persisted in QSettings under "toolchain/".
 */
struct ToolchainSettings
{
    enum class Backend { Docker, Native };

    static constexpr const char *DefaultImage = "maixcam-workbench/tpu-mlir:v3.4";

    Backend backend = Backend::Docker;
    QString image = QString::fromLatin1(DefaultImage);
    QString container;                              // docker exec target, empty = docker run
    QString dockerProgram = QStringLiteral("docker");
    QString toolDirectory;                          // native: folder with the tools, prepended to PATH
    QString workspace;                              // docker run: extra folder bind-mounted (same path)
    /** Jobs at once on this machine: the native backend and docker exec. */
    int maxConcurrency = 1;
    /** docker run: the engines the steps spread over, each with its own number of slots. */
    QList<DockerEngine> engines{DockerEngine::local()};
    int stepTimeoutMinutes = 240;                   // 0 = none; calibration can take an hour

    /** Concurrent jobs the pool may run in all: the engines' slots, or maxConcurrency. */
    int totalSlots() const;
    bool usesDockerExec() const { return backend == Backend::Docker && !container.isEmpty(); }
    /** "docker run maixcam-workbench/tpu-mlir:v3.4", "docker exec tpu", "native". */
    QString describe() const;
    /**
     * Why no conversion can start with these settings, found without running anything (the
     * docker CLI or the native tools are not installed), with the fix; empty when they are there.
     * Whether the engine and image work is the probe's job (ToolchainProbe).
     */
    QString installProblem() const;

    static ToolchainSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    static Expected<Backend> parseBackend(const QString &name);
    static QString backendName(Backend backend);

    bool operator==(const ToolchainSettings &other) const = default;
};

} // namespace Mcw::Core
