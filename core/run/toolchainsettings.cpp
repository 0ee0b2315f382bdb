// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolchainsettings.h"

#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace Mcw::Core {

QString ToolchainSettings::backendName(Backend backend)
{
    return backend == Backend::Native ? QStringLiteral("native") : QStringLiteral("docker");
}

Expected<ToolchainSettings::Backend> ToolchainSettings::parseBackend(const QString &name)
{
    if (name == QLatin1String("docker"))
        return Backend::Docker;
    if (name == QLatin1String("native"))
        return Backend::Native;
    return makeError(Error::Code::InvalidInput,
                     QStringLiteral("Unknown toolchain backend '%1'; use 'docker' or 'native'.").arg(name));
}

QString ToolchainSettings::describe() const
{
    return describe(Toolchain::TpuMlir);
}

Toolchain ToolchainSettings::toolchainOf(const QString &program)
{
    return QFileInfo(program).fileName() == QLatin1String("pulsar2") ? Toolchain::Pulsar2 : Toolchain::TpuMlir;
}

QString ToolchainSettings::describe(Toolchain toolchain) const
{
    if (backend == Backend::Native)
        return toolDirectory.isEmpty() ? QStringLiteral("native")
                                       : QStringLiteral("native (%1)").arg(toolDirectory);
    const QString on = engines.size() == 1 && !engines.first().isDefault()
                           ? QStringLiteral(" on %1").arg(engines.first().describe())
                           : engines.size() > 1 ? QStringLiteral(" on %1 engines").arg(engines.size()) : QString();
    if (usesDockerExec()) {
        // Only the other toolchain's container may be set: say so rather than name none.
        const QString container = containerFor(toolchain);
        return (container.isEmpty() ? QStringLiteral("docker exec (no %1 container set)")
                                          .arg(toolchain == Toolchain::Pulsar2 ? QStringLiteral("Pulsar2")
                                                                               : QStringLiteral("tpu-mlir"))
                                    : QStringLiteral("docker exec %1").arg(container))
               + on;
    }
    return QStringLiteral("docker run %1").arg(imageFor(toolchain)) + on;
}

int ToolchainSettings::totalSlots() const
{
    if (backend == Backend::Native || usesDockerExec())
        return qMax(1, maxConcurrency);
    int total = 0;
    for (const DockerEngine &e : engines)
        total += qMax(1, e.maxConcurrentSteps);
    return qMax(1, total);
}

ToolchainSettings ToolchainSettings::load(QSettings &settings)
{
    ToolchainSettings s;
    settings.beginGroup(QStringLiteral("toolchain"));
    s.backend = parseBackend(settings.value(QStringLiteral("backend"), backendName(s.backend)).toString())
                    .value_or(s.backend);
    s.image = settings.value(QStringLiteral("image"), s.image).toString();
    s.container = settings.value(QStringLiteral("container"), s.container).toString();
    s.pulsar2Image = settings.value(QStringLiteral("pulsar2Image"), s.pulsar2Image).toString();
    s.pulsar2Container = settings.value(QStringLiteral("pulsar2Container"), s.pulsar2Container).toString();
    s.dockerProgram = settings.value(QStringLiteral("dockerProgram"), s.dockerProgram).toString();
    s.toolDirectory = settings.value(QStringLiteral("toolDirectory"), s.toolDirectory).toString();
    s.workspace = settings.value(QStringLiteral("workspace"), s.workspace).toString();
    s.maxConcurrency = qMax(1, settings.value(QStringLiteral("maxConcurrency"), s.maxConcurrency).toInt());
    s.stepTimeoutMinutes = qMax(0, settings.value(QStringLiteral("stepTimeoutMinutes"), s.stepTimeoutMinutes).toInt());
    s.engines = DockerEngine::loadList(settings);
    // Settings from before engines: the local engine with the old concurrency.
    if (s.engines.isEmpty())
        s.engines = {DockerEngine::local(s.maxConcurrency)};
    settings.endGroup();
    return s;
}

void ToolchainSettings::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("toolchain"));
    settings.setValue(QStringLiteral("backend"), backendName(backend));
    settings.setValue(QStringLiteral("image"), image);
    settings.setValue(QStringLiteral("container"), container);
    settings.setValue(QStringLiteral("pulsar2Image"), pulsar2Image);
    settings.setValue(QStringLiteral("pulsar2Container"), pulsar2Container);
    settings.setValue(QStringLiteral("dockerProgram"), dockerProgram);
    settings.setValue(QStringLiteral("toolDirectory"), toolDirectory);
    settings.setValue(QStringLiteral("workspace"), workspace);
    settings.setValue(QStringLiteral("maxConcurrency"), maxConcurrency);
    settings.setValue(QStringLiteral("stepTimeoutMinutes"), stepTimeoutMinutes);
    DockerEngine::saveList(settings, engines);
    settings.endGroup();
}

QString ToolchainSettings::installProblem(Toolchain toolchain) const
{
    if (backend == Backend::Native && toolchain == Toolchain::Pulsar2) {
        const QStringList dirs = toolDirectory.isEmpty() ? QStringList{} : QStringList{toolDirectory};
        if (QStandardPaths::findExecutable(QStringLiteral("pulsar2"), dirs).isEmpty())
            return QStringLiteral("Pulsar2 is not installed here: 'pulsar2' is not on PATH. Switch to the Docker "
                                  "backend and load Axera's image (docker load -i ax_pulsar2_6.0.tar.gz).");
        return {};
    }
    if (backend == Backend::Native) {
        const QStringList dirs = toolDirectory.isEmpty() ? QStringList{} : QStringList{toolDirectory};
        if (QStandardPaths::findExecutable(QStringLiteral("model_transform.py"), dirs).isEmpty()
            && QStandardPaths::findExecutable(QStringLiteral("model_transform"), dirs).isEmpty())
            return QStringLiteral("tpu-mlir is not installed here: model_transform.py is not on PATH. Install the "
                                  "tpu_mlir wheel (Ubuntu 22.04, Python 3.10) or switch to the Docker backend.");
        return {};
    }
    if (QStandardPaths::findExecutable(dockerProgram).isEmpty() && toolchain == Toolchain::Pulsar2)
        return QStringLiteral("Docker is not installed. Install it (sudo apt-get install docker.io), then load "
                              "Axera's Pulsar2 image: docker load -i ax_pulsar2_6.0.tar.gz");
    if (QStandardPaths::findExecutable(dockerProgram).isEmpty())
        return QStringLiteral("Docker is not installed. Install it (sudo apt-get install docker.io), then build the "
                              "toolchain image: docker build -t %1 packaging/docker")
            .arg(image);
    return {};
}

} // namespace Mcw::Core
