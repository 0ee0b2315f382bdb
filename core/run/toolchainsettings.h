// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>
#include <core/run/dockerengine.h>

#include <QList>

#include <QString>

class QSettings;

namespace Mcw::Core {

/** The vendor toolchain a step belongs to: tpu-mlir (MaixCAM) or Pulsar2 (MaixCAM2). */
enum class Toolchain { TpuMlir, Pulsar2 };

/** The toolchain that converts for \a device. */
constexpr Toolchain toolchainFor(Device device)
{
    return device == Device::MaixCam2 ? Toolchain::Pulsar2 : Toolchain::TpuMlir;
}

/**
 * Where and how the vendor tools run. Docker with an empty container = one `docker run`
 * per step from the toolchain's image; with a container name = `docker exec` into that running
 * container. tpu-mlir and Pulsar2 share the backend, engines and limits but each has its own
 * image (and exec container): a step's program says which (toolchainOf).
 * Persisted in QSettings under "toolchain/".
 */
struct ToolchainSettings
{
    enum class Backend { Docker, Native };

    static constexpr const char *DefaultImage = "maixcam-workbench/tpu-mlir:v3.4";
    /** The tag `docker load -i ax_pulsar2_6.0.tar.gz` prints and Sipeed's tools expect. */
    static constexpr const char *DefaultPulsar2Image = "pulsar2:6.0";

    Backend backend = Backend::Docker;
    QString image = QString::fromLatin1(DefaultImage);
    QString container;                              // docker exec target, empty = docker run
    QString pulsar2Image = QString::fromLatin1(DefaultPulsar2Image);
    QString pulsar2Container;                       // docker exec target for Pulsar2 steps
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
    /** docker exec into running containers: a container is set for either toolchain. */
    bool usesDockerExec() const
    {
        return backend == Backend::Docker && (!container.isEmpty() || !pulsar2Container.isEmpty());
    }
    /** "docker run maixcam-workbench/tpu-mlir:v3.4", "docker exec tpu", "native". */
    QString describe() const;
    /** As describe(), naming \a toolchain's image or container. */
    QString describe(Toolchain toolchain) const;
    /** The toolchain that runs \a program: Pulsar2 for "pulsar2" (any folder), else tpu-mlir. */
    static Toolchain toolchainOf(const QString &program);
    QString imageFor(Toolchain toolchain) const { return toolchain == Toolchain::Pulsar2 ? pulsar2Image : image; }
    QString containerFor(Toolchain toolchain) const
    {
        return toolchain == Toolchain::Pulsar2 ? pulsar2Container : container;
    }
    /**
     * Why no conversion can start with these settings, found without running anything (the
     * docker CLI or the native tools are not installed), with the fix; empty when they are there.
     * Whether the engine and image work is the probe's job (ToolchainProbe).
     */
    QString installProblem(Toolchain toolchain = Toolchain::TpuMlir) const;

    static ToolchainSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    static Expected<Backend> parseBackend(const QString &name);
    static QString backendName(Backend backend);

    bool operator==(const ToolchainSettings &other) const = default;
};

} // namespace Mcw::Core
