// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>

#include <QStringList>

#include <optional>

namespace Mcw::Core {

/**
 * Why a `pulsar2 build` failed, from its console lines (maixcam2.md §4.4): the one
 * `yamain.common.error.CodeException: (<ErrorCode.Name: n>, Exception(...))` line, a bare
 * `IndexError` (a dst_perm longer than its tensor's rank), `Killed`, and the lines before them
 * that name an operator. One sentence, naming the layer when the log names one.
 */
class Pulsar2Failure
{
public:
    /** \a lines: the step's output lines in order (stdout and stderr interleaved). */
    static std::optional<Diagnostic> classify(const QStringList &lines, int exitCode);
};

} // namespace Mcw::Core
