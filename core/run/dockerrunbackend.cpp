// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerrunbackend.h"

#include <core/run/dockermessages.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <unistd.h>

namespace Mcw::Core {

DockerRunBackend::DockerRunBackend(ToolchainSettings settings)
    : m_settings(std::move(settings))
{}

QString DockerRunBackend::describe() const
{
    return m_settings.describe();
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
    for (const QString &arg : tool.arguments) {
        // "--flag=/abs/path" and "/abs/path" both reference host files.
        const qsizetype eq = arg.startsWith(QLatin1String("--")) ? arg.indexOf(QLatin1Char('=')) : -1;
        const QString value = eq >= 0 ? arg.mid(eq + 1) : arg;
        if (!value.startsWith(QLatin1Char('/')))
            continue;
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

Expected<ToolInvocation> DockerRunBackend::wrap(const ToolInvocation &tool, const QString &runTag) const
{
    if (m_settings.image.isEmpty()) {
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
    QStringList args{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--name"), containerName(runTag)};
    for (const QString &m : mounts)
        args << QStringLiteral("-v") << m + QLatin1Char(':') + m;
    const QString cwd = tool.workingDirectory.isEmpty() ? QDir::currentPath() : tool.workingDirectory;
    args << QStringLiteral("-w") << cwd << QStringLiteral("-e") << QStringLiteral("PYTHONUNBUFFERED=1")
         << QStringLiteral("--user") << QStringLiteral("%1:%2").arg(::getuid()).arg(::getgid())
         << QStringLiteral("-e") << QStringLiteral("HOME=") + cwd;
    QStringList keys = tool.environment.keys();
    keys.sort();
    for (const QString &k : std::as_const(keys))
        args << QStringLiteral("-e") << k + QLatin1Char('=') + tool.environment.value(k);
    args << m_settings.image << tool.program << tool.arguments;
    // The docker client runs in the job folder too, so nothing depends on the app's cwd.
    return ToolInvocation{m_settings.dockerProgram, args, tool.workingDirectory, {}};
}

QList<ToolInvocation> DockerRunBackend::terminateInvocations(const ToolInvocation &, const QString &runTag) const
{
    return {ToolInvocation{m_settings.dockerProgram,
                           {QStringLiteral("kill"), QStringLiteral("--signal=TERM"), containerName(runTag)},
                           {},
                           {}}};
}

QList<ToolInvocation> DockerRunBackend::killInvocations(const ToolInvocation &, const QString &runTag) const
{
    return {ToolInvocation{m_settings.dockerProgram, {QStringLiteral("kill"), containerName(runTag)}, {}, {}}};
}

Error DockerRunBackend::interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const
{
    const DockerContext context{m_settings.dockerProgram, m_settings.image, {}, toolName};
    if (auto docker = interpretDockerFailure(outcome, context))
        return *docker;
    return describeOutcome(outcome, toolName);
}

} // namespace Mcw::Core
