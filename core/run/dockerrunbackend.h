// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/toolchainbackend.h>

namespace Mcw::Core {

/**
 * One container per step: `docker run --rm --name mcw-<tag> -v D:D … -w <job dir>
 * -e PYTHONUNBUFFERED=1 --user UID:GID -e HOME=<job dir> IMAGE tool args…`. The job folder,
 * the configured workspace and the folders of absolute input paths are bind-mounted at the
 * same absolute path, so every path in the argv is valid inside. Cancel: the client forwards
 * SIGTERM (its group is signalled), `docker kill --signal=TERM`, then `docker kill`.
 */
class DockerRunBackend final : public ToolchainBackend
{
public:
    explicit DockerRunBackend(ToolchainSettings settings);

    QString describe() const override;
    Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &runTag) const override;
    QList<ToolInvocation> terminateInvocations(const ToolInvocation &tool, const QString &runTag) const override;
    QList<ToolInvocation> killInvocations(const ToolInvocation &tool, const QString &runTag) const override;
    Error interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const override;

    static QString containerName(const QString &runTag);
    /** Folders to bind-mount for \a tool: cwd, workspace, folders of absolute path arguments. */
    QStringList mountsFor(const ToolInvocation &tool) const;

private:
    ToolchainSettings m_settings;
};

} // namespace Mcw::Core
