// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/processoutcome.h>
#include <core/run/toolchainsettings.h>
#include <core/toolchain/toolinvocation.h>

#include <memory>

namespace Mcw::Core {

/**
 * Turns a tool step (program + argv + cwd + env, as the command builder made it) into the
 * process actually started: unchanged on the host (native), `docker run …` or `docker exec …`.
 * Also says how to stop what lives outside the started process group, and explains failures.
 * Argv lists end to end: no shell string is ever built from user data.
 */
class ToolchainBackend
{
public:
    virtual ~ToolchainBackend() = default;

    /** "native", "docker run IMAGE", "docker exec CONTAINER". */
    virtual QString describe() const = 0;
    /**
     * The invocation to start for \a tool. \a runTag is unique per started step (letters,
     * digits, '-', '_') and names the container or the pid file. Errors are plain sentences
     * (a path docker cannot mount, a tool missing on PATH).
     */
    virtual Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &runTag) const = 0;
    /** Commands run when cancelling (before SIGTERM to the local group) and after the grace period. */
    virtual QList<ToolInvocation> terminateInvocations(const ToolInvocation &tool, const QString &runTag) const;
    virtual QList<ToolInvocation> killInvocations(const ToolInvocation &tool, const QString &runTag) const;
    /** One sentence for a failed step; docker backends recognise the docker CLI's messages. */
    virtual Error interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const;

    static std::unique_ptr<ToolchainBackend> create(const ToolchainSettings &settings);
};

} // namespace Mcw::Core
