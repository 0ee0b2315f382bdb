// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolchainbackend.h"

#include <core/run/dockerexecbackend.h>
#include <core/run/dockerrunbackend.h>
#include <core/run/nativebackend.h>

namespace Mcw::Core {

QList<ToolInvocation> ToolchainBackend::terminateInvocations(const ToolInvocation &, const QString &) const
{
    return {};
}

QList<ToolInvocation> ToolchainBackend::killInvocations(const ToolInvocation &, const QString &) const
{
    return {};
}

Expected<StepPlan> ToolchainBackend::plan(const ToolInvocation &tool, const QString &runTag) const
{
    auto wrapped = wrap(tool, runTag);
    if (!wrapped)
        return Unexpected(wrapped.error());
    StepPlan::Phase main;
    main.invocation = *wrapped;
    main.main = true;
    return StepPlan{{main}, {}};
}

Error ToolchainBackend::interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const
{
    return describeOutcome(outcome, toolName);
}

std::unique_ptr<ToolchainBackend> ToolchainBackend::create(const ToolchainSettings &settings)
{
    if (settings.backend == ToolchainSettings::Backend::Native)
        return std::make_unique<NativeBackend>(settings);
    if (settings.usesDockerExec())
        return std::make_unique<DockerExecBackend>(settings);
    return std::make_unique<DockerRunBackend>(settings);
}

} // namespace Mcw::Core
