// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Cli {

/** Writes to stdout / stderr as UTF-8, with a trailing newline. */
void printOut(const QString &text);
void printErr(const QString &text);
/** True when stdout is a terminal (progress bars) rather than a pipe or file (plain lines). */
bool stdoutIsTerminal();

} // namespace Mcw::Cli
