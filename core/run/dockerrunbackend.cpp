// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerrunbackend.h"

#include <core/run/containertransfer.h>
#include <core/run/dockermessages.h>
#include <core/run/leftoverprocesses.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <unistd.h>

namespace Mcw::Core {

DockerRunBackend::DockerRunBackend(ToolchainSettings settings)
    : m_settings(std::move(settings))
    , m_engine(m_settings.engines.value(0, DockerEngine::local()))
    , m_transfer(m_engine.presumedTransfer())
{}

DockerRunBackend::DockerRunBackend(ToolchainSettings settings, DockerEngine engine, DockerEngine::Transfer transfer)
    : m_settings(std::move(settings))
    , m_engine(std::move(engine))
    , m_transfer(transfer == DockerEngine::Transfer::Auto ? m_engine.presumedTransfer() : transfer)
{}

QString DockerRunBackend::describe() const
{
    QString text = QStringLiteral("docker run %1").arg(m_settings.image);
    if (!m_engine.isDefault() || m_settings.engines.size() > 1)
        text += QStringLiteral(" on %1").arg(m_engine.describe());
    if (m_transfer == DockerEngine::Transfer::Copy)
        text += QStringLiteral(" (files copied)");
    return text;
}

ToolInvocation DockerRunBackend::docker(const QStringList &args, const QString &cwd) const
{
    return ToolInvocation{m_settings.dockerProgram, m_engine.cliArguments() + args, cwd, {}};
}

std::optional<ToolInvocation> DockerRunBackend::healthCheck() const
{
    return docker({QStringLiteral("version"), QStringLiteral("--format"), QStringLiteral("{{.Server.Version}}")});
}

QString DockerRunBackend::containerName(const QString &runTag)
{
    return QStringLiteral("mcw-") + runTag;
}

static bool isUnder(const QString &path, const QString &root)
{
    return path == root || root == QLatin1String("/")
           || path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

QStringList DockerRunBackend::mountsFor(const ToolInvocation &tool) const
{
    QStringList candidates;
    if (!tool.workingDirectory.isEmpty())
        candidates.append(QDir::cleanPath(tool.workingDirectory));
    if (!m_settings.workspace.isEmpty())
        candidates.append(QDir::cleanPath(m_settings.workspace));
    for (const QString &value : tool.absolutePathArguments()) {
        const QFileInfo info(value);
        if (info.isDir())
            candidates.append(QDir::cleanPath(info.absoluteFilePath()));
        else if (info.exists() || info.absoluteDir().exists())
            candidates.append(QDir::cleanPath(info.absolutePath()));
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const QString &a, const QString &b) { return a.size() < b.size() || (a.size() == b.size() && a < b); });
    QStringList mounts;
    for (const QString &c : std::as_const(candidates)) {
        if (c == QLatin1String("/"))
            continue;
        const bool covered = std::any_of(mounts.cbegin(), mounts.cend(),
                                         [&c](const QString &m) { return isUnder(c, m); });
        if (!covered)
            mounts.append(c);
    }
    return mounts;
}

QStringList DockerRunBackend::imageAndCommand(const ToolInvocation &tool) const
{
    const Toolchain toolchain = ToolchainSettings::toolchainOf(tool.program);
    // Axera's image starts a shell as its entrypoint, which would read the program as a script.
    if (toolchain == Toolchain::Pulsar2)
        return QStringList{QStringLiteral("--entrypoint"), tool.program, m_settings.imageFor(toolchain)} + tool.arguments;
    return QStringList{m_settings.imageFor(toolchain), tool.program} + tool.arguments;
}

Expected<ToolInvocation> DockerRunBackend::wrap(const ToolInvocation &tool, const QString &runTag) const
{
    const QString image = m_settings.imageFor(ToolchainSettings::toolchainOf(tool.program));
    if (image.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("No Docker image is set; choose one in the toolchain settings."));
    }
    const QStringList mounts = mountsFor(tool);
    for (const QString &m : mounts) {
        if (m.contains(QLatin1Char(':'))) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("Docker cannot bind-mount '%1' because the path contains "
                                            "':'; rename the folder.")
                                 .arg(m));
        }
    }
    if (m_transfer == DockerEngine::Transfer::Copy) {
        // Only for commands that need no files (a probe's --help): steps go through plan().
        QStringList args{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--name"), containerName(runTag),
                         QStringLiteral("--network"), QStringLiteral("none")};
        return docker(args + imageAndCommand(tool), tool.workingDirectory);
    }
    QStringList args{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--name"), containerName(runTag)};
    for (const QString &m : mounts)
        args << QStringLiteral("-v") << m + QLatin1Char(':') + m;
    const QString cwd = tool.workingDirectory.isEmpty() ? QDir::currentPath() : tool.workingDirectory;
    args << QStringLiteral("-w") << cwd << QStringLiteral("-e") << QStringLiteral("PYTHONUNBUFFERED=1")
         << QStringLiteral("--user") << QStringLiteral("%1:%2").arg(::getuid()).arg(::getgid())
         << QStringLiteral("-e") << QStringLiteral("HOME=") + cwd;
    // Names only: the values (run folder, session) come from the client's environment, so the
    // command stays the same from run to run.
    for (const QString &name : LeftoverProcesses::environmentNames())
        args << QStringLiteral("-e") << name;
    QStringList keys = tool.environment.keys();
    keys.sort();
    for (const QString &k : std::as_const(keys))
        args << QStringLiteral("-e") << k + QLatin1Char('=') + tool.environment.value(k);
    args << imageAndCommand(tool);
    // The docker client runs in the job folder too, so nothing depends on the app's cwd.
    return docker(args, tool.workingDirectory);
}

Expected<StepPlan> DockerRunBackend::plan(const ToolInvocation &tool, const QString &runTag) const
{
    if (m_transfer == DockerEngine::Transfer::Copy)
        return copyPlan(tool, runTag);
    return ToolchainBackend::plan(tool, runTag);
}

Expected<StepPlan> DockerRunBackend::copyPlan(const ToolInvocation &tool, const QString &runTag) const
{
    if (m_settings.imageFor(ToolchainSettings::toolchainOf(tool.program)).isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("No Docker image is set; choose one in the toolchain settings."));
    }
    const QString cwd = QDir::cleanPath(tool.workingDirectory.isEmpty() ? QDir::currentPath() : tool.workingDirectory);
    const QString name = containerName(runTag);
    const QString scratch = QDir(cwd).filePath(QStringLiteral(".mcw-transfer"));
    if (!QDir().mkpath(scratch))
        return makeError(Error::Code::Io, QStringLiteral("Could not create %1 for the file transfer.").arg(scratch));
    const QString in = QDir(scratch).filePath(runTag + QStringLiteral("-in.tar"));
    const QString out = QDir(scratch).filePath(runTag + QStringLiteral("-out.tar"));
    const QString engine = QStringLiteral("engine '%1'").arg(m_engine.name);

    // The engine's own user (root in tpuc_dev) runs the tool: our uid means nothing there, and
    // the copied files belong to root.
    QStringList create{QStringLiteral("create"), QStringLiteral("--name"), name, QStringLiteral("--network"),
                       QStringLiteral("none"), QStringLiteral("-w"), cwd, QStringLiteral("-e"),
                       QStringLiteral("PYTHONUNBUFFERED=1"), QStringLiteral("-e"), QStringLiteral("HOME=") + cwd};
    QStringList keys = tool.environment.keys();
    keys.sort();
    for (const QString &k : std::as_const(keys))
        create << QStringLiteral("-e") << k + QLatin1Char('=') + tool.environment.value(k);
    create << imageAndCommand(tool);

    using Phase = StepPlan::Phase;
    StepPlan plan;
    Phase phase;
    phase.title = QStringLiteral("Creating the container on %1").arg(engine);
    phase.invocation = docker(create, cwd);
    plan.phases.append(phase);

    phase = Phase{};
    phase.kind = Phase::Kind::PackInputs;
    phase.title = QStringLiteral("Packing the inputs for %1").arg(engine);
    phase.inputs = ContainerTransfer::inputsFor(tool, cwd);
    phase.archive = in;
    phase.directory = cwd;
    plan.phases.append(phase);

    phase = Phase{};
    phase.title = QStringLiteral("Copying the inputs to %1").arg(engine);
    phase.invocation = docker({QStringLiteral("cp"), QStringLiteral("-"), name + QStringLiteral(":/")}, cwd);
    phase.stdinFile = in;
    plan.phases.append(phase);

    phase = Phase{};
    phase.main = true;
    phase.invocation = docker({QStringLiteral("start"), QStringLiteral("-a"), name}, cwd);
    plan.phases.append(phase);

    phase = Phase{};
    phase.afterExit = true;
    phase.title = QStringLiteral("Copying the outputs back from %1").arg(engine);
    phase.invocation = docker({QStringLiteral("cp"), name + QLatin1Char(':') + cwd + QStringLiteral("/."), QStringLiteral("-")}, cwd);
    phase.stdoutFile = out;
    plan.phases.append(phase);

    phase = Phase{};
    phase.afterExit = true;
    phase.kind = Phase::Kind::UnpackOutputs;
    phase.title = QStringLiteral("Unpacking the outputs of %1").arg(engine);
    phase.archive = out;
    phase.directory = cwd;
    plan.phases.append(phase);

    phase = Phase{};
    phase.cleanup = true;
    phase.title = QStringLiteral("Removing the container from %1").arg(engine);
    phase.invocation = docker({QStringLiteral("rm"), QStringLiteral("-f"), name}, cwd);
    plan.phases.append(phase);

    plan.scratchFiles = {in, out};
    return plan;
}

QList<ToolInvocation> DockerRunBackend::terminateInvocations(const ToolInvocation &, const QString &runTag) const
{
    return {docker({QStringLiteral("kill"), QStringLiteral("--signal=TERM"), containerName(runTag)})};
}

QList<ToolInvocation> DockerRunBackend::killInvocations(const ToolInvocation &, const QString &runTag) const
{
    return {docker({QStringLiteral("kill"), containerName(runTag)})};
}

Error DockerRunBackend::interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const
{
    const QString engine = m_engine.isDefault() && m_settings.engines.size() <= 1 ? QString() : m_engine.name;
    const DockerContext context{m_settings.dockerProgram, m_settings.imageFor(ToolchainSettings::toolchainOf(toolName)),
                                {}, toolName, engine};
    if (auto docker = interpretDockerFailure(outcome, context))
        return *docker;
    return describeOutcome(outcome, toolName);
}

} // namespace Mcw::Core
