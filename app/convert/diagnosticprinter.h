// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/project/projectfile.h>

#include <optional>

#include <QList>
#include <QStringList>

namespace Mcw::Cli {

/**
 * Prints diagnostics one per line as `error: …` / `warning: …` with indented hints and
 * details, then a count line. Returns the number of errors.
 */
int printDiagnostics(const QList<Core::Diagnostic> &diagnostics, bool summary = true);

/** Loads a project file; on failure prints the one-sentence error and returns nullopt. */
std::optional<Core::ProjectFile::Loaded> loadProject(const QString &path);

/**
 * loadProject() that also refuses a project file with errors (unknown values, bad types):
 * prints them and one sentence, and returns nullopt.
 */
std::optional<Core::ProjectFile::Loaded> loadValidProject(const QString &path);

} // namespace Mcw::Cli
