// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerexecbackend.h"

#include <core/run/dockermessages.h>
#include <core/run/leftoverprocesses.h>

#include <QDir>

#include <unistd.h>

namespace Mcw::Core {

DockerExecBackend::DockerExecBackend(ToolchainSettings settings)
    : m_settings(std::move(settings))
{}

QString DockerExecBackend::describe() const
{
    return m_settings.describe();
}

QString DockerExecBackend::pidFile(const ToolInvocation &tool, const QString &runTag)
{
    const QString cwd = tool.workingDirectory.isEmpty() ? QDir::currentPath() : tool.workingDirectory;
    return QDir(cwd).filePath(QStringLiteral(".mcw-%1.pgid").arg(runTag));
}

Expected<ToolInvocation> DockerExecBackend::wrap(const ToolInvocation &tool, const QString &runTag) const
{
    const Toolchain toolchain = ToolchainSettings::toolchainOf(tool.program);
    const QString container = m_settings.containerFor(toolchain);
    if (container.isEmpty() && toolchain == Toolchain::Pulsar2) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("Pulsar2 steps run in a container of their own: start one from Axera's image "
                                        "(docker run -d --name pulsar2 -v \"$PWD\":\"$PWD\" --entrypoint sleep %1 "
                                        "infinity) and enter it as the Pulsar2 container in the toolchain settings.")
                             .arg(m_settings.pulsar2Image));
    }
    if (container.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("tpu-mlir steps run in a container of their own: enter a running container of "
                                        "%1 as the running container in the toolchain settings, or clear the Pulsar2 "
                                        "container to run each step from the image.")
                             .arg(m_settings.image));
    }
    const QString cwd = tool.workingDirectory.isEmpty() ? QDir::currentPath() : tool.workingDirectory;
    QStringList args{QStringLiteral("exec"), QStringLiteral("-w"), cwd, QStringLiteral("-e"),
                     QStringLiteral("PYTHONUNBUFFERED=1"), QStringLiteral("--user"),
                     QStringLiteral("%1:%2").arg(::getuid()).arg(::getgid()), QStringLiteral("-e"),
                     QStringLiteral("HOME=") + cwd};
    for (const QString &name : LeftoverProcesses::environmentNames())
        args << QStringLiteral("-e") << name; // the values come from the client's environment
    QStringList keys = tool.environment.keys();
    keys.sort();
    for (const QString &k : std::as_const(keys))
        args << QStringLiteral("-e") << k + QLatin1Char('=') + tool.environment.value(k);
    args << container << QStringLiteral("setsid") << QStringLiteral("-w") << QStringLiteral("bash")
         << QStringLiteral("-c") << QStringLiteral("echo $$ > \"$1\"; shift; exec \"$@\"")
         << QStringLiteral("mcw-run") << pidFile(tool, runTag) << tool.program << tool.arguments;
    return ToolInvocation{m_settings.dockerProgram, engineArguments() + args, tool.workingDirectory, {}};
}

ToolInvocation DockerExecBackend::signalGroup(const ToolInvocation &tool, const QString &runTag,
                                              const QString &signal) const
{
    // Runs as the container's default user (root in tpuc_dev) so it may signal the group.
    const QString container = m_settings.containerFor(ToolchainSettings::toolchainOf(tool.program));
    return ToolInvocation{m_settings.dockerProgram,
                          engineArguments() + QStringList{QStringLiteral("exec"), container, QStringLiteral("bash"),
                           QStringLiteral("-c"),
                           QStringLiteral("kill -%1 -- -\"$(cat \"$1\")\"").arg(signal),
                           QStringLiteral("mcw-cancel"), pidFile(tool, runTag)},
                          {},
                          {}};
}

QList<ToolInvocation> DockerExecBackend::terminateInvocations(const ToolInvocation &tool, const QString &runTag) const
{
    return {signalGroup(tool, runTag, QStringLiteral("TERM"))};
}

QList<ToolInvocation> DockerExecBackend::killInvocations(const ToolInvocation &tool, const QString &runTag) const
{
    return {signalGroup(tool, runTag, QStringLiteral("KILL"))};
}

QStringList DockerExecBackend::engineArguments() const
{
    return m_settings.engines.isEmpty() ? QStringList{} : m_settings.engines.first().cliArguments();
}

Error DockerExecBackend::interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const
{
    const DockerContext context{m_settings.dockerProgram, {},
                                m_settings.containerFor(ToolchainSettings::toolchainOf(toolName)), toolName, {}};
    if (auto docker = interpretDockerFailure(outcome, context))
        return *docker;
    return describeOutcome(outcome, toolName);
}

} // namespace Mcw::Core
