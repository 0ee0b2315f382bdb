// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/processoutcome.h>
#include <core/run/toolchainsettings.h>
#include <core/toolchain/toolinvocation.h>

#include <memory>
#include <optional>

namespace Mcw::Core {

/**
 * Turns a tool step (program + argv + cwd + env, as the command builder made it) into the
 * process actually started: unchanged on the host (native), `docker run …` or `docker exec …`.
 * Also says how to stop what lives outside the started process group, and explains failures.
 * Argv lists end to end: no shell string is ever built from user data.
 */
/**
 * How one step runs through a backend: a single command (native, docker exec, docker run with
 * bind mounts), or copy mode's phases for an engine that cannot see our files — create the
 * container, pack and copy the inputs in, start it attached (the tool's log streams), copy the
 * job folder back and unpack what the step wrote, and always remove the container.
 */
struct StepPlan
{
    struct Phase
    {
        enum class Kind { Command, PackInputs, UnpackOutputs };
        Kind kind = Kind::Command;
        /** "Copying 12.3 MB to engine 'gpu-box'"; shown as the step's stage. */
        QString title;
        ToolInvocation invocation;
        /** The tool itself: its output is the step's log, its exit code the step's. */
        bool main = false;
        /** Runs even when an earlier phase failed or the step was cancelled. */
        bool cleanup = false;
        /** Runs after the main phase only when the tool ran to an exit (any code). */
        bool afterExit = false;
        QString stdinFile;       // Command: fed to the process
        QString stdoutFile;      // Command: the process's stdout goes here, not to the log
        QStringList inputs;      // PackInputs: absolute paths
        QString archive;         // PackInputs/UnpackOutputs: the tar file
        QString directory;       // PackInputs/UnpackOutputs: the job folder
    };
    QList<Phase> phases;
    /** Files removed when the step ends (the transfer archives). */
    QStringList scratchFiles;
};

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
    /** The phases of a step; default: wrap() as the one main command. */
    virtual Expected<StepPlan> plan(const ToolInvocation &tool, const QString &runTag) const;
    /** The engine the steps run on ("local", a context, an address); empty for native. */
    virtual QString engineName() const { return {}; }
    /**
     * A quick command that succeeds while the engine answers (`docker version`); run after a
     * failed step to tell a tool failure from an engine that went away. Nullopt: none.
     */
    virtual std::optional<ToolInvocation> healthCheck() const { return std::nullopt; }
    /** Commands run when cancelling (before SIGTERM to the local group) and after the grace period. */
    virtual QList<ToolInvocation> terminateInvocations(const ToolInvocation &tool, const QString &runTag) const;
    virtual QList<ToolInvocation> killInvocations(const ToolInvocation &tool, const QString &runTag) const;
    /** One sentence for a failed step; docker backends recognise the docker CLI's messages. */
    virtual Error interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const;

    static std::unique_ptr<ToolchainBackend> create(const ToolchainSettings &settings);
};

} // namespace Mcw::Core
