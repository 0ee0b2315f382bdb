// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

namespace Mcw::Core {

/**
 * Whether a console line reads as an error: a Python traceback or exception
 * ("Traceback (most recent call last):", "ValueError: …"), an argparse or compiler
 * "error:", tpu-mlir's "[!Error]", or a native FATAL / UNREACHABLE / ERROR.
 * The stream alone says nothing: the tools write progress bars and warnings on stderr.
 */
bool looksLikeErrorLine(QStringView line);

} // namespace Mcw::Core
