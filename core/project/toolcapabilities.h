// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace Mcw::Core {

/**
 * Which flags the installed tpu-mlir tools accept (probed from each tool's `--help`, since
 * the CLI drifts between releases). A program without an entry accepts every flag, so the
 * default value means "all".
 */
struct ToolCapabilities
{
    /** program ("model_deploy.py") → accepted flags ("--quant_input", ...). */
    QHash<QString, QSet<QString>> acceptedFlags;

    bool accepts(const QString &program, const QString &flag) const
    {
        const auto it = acceptedFlags.constFind(program);
        return it == acceptedFlags.constEnd() || it->contains(flag);
    }

    bool operator==(const ToolCapabilities &other) const = default;
};

} // namespace Mcw::Core
