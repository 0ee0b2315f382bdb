// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/toolchainbackend.h>

namespace Mcw::Core {

/**
 * Runs the tools on the host (the tpu_mlir pip wheel in a Python 3.10 environment on
 * Ubuntu 22.04). The optional tool folder (e.g. a venv's bin) is searched first and prepended
 * to the child's PATH, since the tools call each other (tpuc-opt, npz_tool.py) through PATH.
 */
class NativeBackend final : public ToolchainBackend
{
public:
    explicit NativeBackend(ToolchainSettings settings);

    QString describe() const override;
    Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &runTag) const override;
    Error interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const override;

private:
    ToolchainSettings m_settings;
};

} // namespace Mcw::Core
