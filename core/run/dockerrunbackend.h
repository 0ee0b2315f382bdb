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
 *
 * On an engine that cannot see our files (copy mode) the step is planned in phases instead:
 * `docker create` with the same argv and working folder, the inputs copied in at the same
 * absolute paths (`docker cp - NAME:/`), `docker start -a` (the log streams as with run),
 * the job folder copied back (`docker cp NAME:DIR/. -`) and `docker rm -f`. Every docker
 * command names the engine (`--host`/`--context`).
 */
class DockerRunBackend final : public ToolchainBackend
{
public:
    /** On the first engine of \a settings, with its presumed transfer. */
    explicit DockerRunBackend(ToolchainSettings settings);
    /** On \a engine, moving files by \a transfer (Mount or Copy). */
    DockerRunBackend(ToolchainSettings settings, DockerEngine engine, DockerEngine::Transfer transfer);

    QString describe() const override;
    Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &runTag) const override;
    Expected<StepPlan> plan(const ToolInvocation &tool, const QString &runTag) const override;
    QString engineName() const override { return m_engine.name; }
    QString transferName() const override { return DockerEngine::transferName(m_transfer); }
    std::optional<ToolInvocation> healthCheck() const override;
    DockerEngine::Transfer transfer() const { return m_transfer; }
    QList<ToolInvocation> terminateInvocations(const ToolInvocation &tool, const QString &runTag) const override;
    QList<ToolInvocation> killInvocations(const ToolInvocation &tool, const QString &runTag) const override;
    Error interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const override;

    static QString containerName(const QString &runTag);
    /** Folders to bind-mount for \a tool: cwd, workspace, folders of absolute path arguments. */
    QStringList mountsFor(const ToolInvocation &tool) const;

private:
    ToolInvocation docker(const QStringList &args, const QString &cwd = {}) const;
    /** The `docker run`/`create` tail: the step's image, then its program and arguments. */
    QStringList imageAndCommand(const ToolInvocation &tool) const;
    Expected<StepPlan> copyPlan(const ToolInvocation &tool, const QString &runTag) const;

    ToolchainSettings m_settings;
    DockerEngine m_engine;
    DockerEngine::Transfer m_transfer = DockerEngine::Transfer::Mount;
};

} // namespace Mcw::Core
