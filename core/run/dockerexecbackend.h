// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/toolchainbackend.h>

namespace Mcw::Core {

/**
 * Runs each step inside a container the user keeps running (it must mount the workspace at
 * the same absolute path). Killing the `docker exec` client does not stop the process inside,
 * so the tool is started as `setsid -w bash -c 'echo $$ > "$1"; shift; exec "$@"' mcw-run
 * <pid file> tool args…`: it leads its own process group inside the container and records
 * the group id in `<job dir>/.mcw-<tag>.pgid`. Cancel runs
 * `docker exec CONTAINER bash -c 'kill -TERM -- -"$(cat "$1")"' mcw-cancel <pid file>` and,
 * after the grace period, the same with -KILL. The bash scripts are constants; every user
 * value travels as a separate argument.
 */
class DockerExecBackend final : public ToolchainBackend
{
public:
    explicit DockerExecBackend(ToolchainSettings settings);

    QString describe() const override;
    Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &runTag) const override;
    QList<ToolInvocation> terminateInvocations(const ToolInvocation &tool, const QString &runTag) const override;
    QList<ToolInvocation> killInvocations(const ToolInvocation &tool, const QString &runTag) const override;
    Error interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const override;

    static QString pidFile(const ToolInvocation &tool, const QString &runTag);

private:
    ToolInvocation signalGroup(const ToolInvocation &tool, const QString &runTag, const QString &signal) const;
    /** The first engine's --host/--context: the container lives there. */
    QStringList engineArguments() const;

    ToolchainSettings m_settings;
};

} // namespace Mcw::Core
