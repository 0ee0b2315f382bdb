// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/logtypes.h>

#include <QStringView>

#include <optional>

namespace Mcw::Core {

/**
 * Parses one tqdm progress line, `{desc}: {pct}%|{bar}| {n}/{total} [{elapsed}<{remaining}, {rate}]`
 * (reference §2.3), reading from the right because descriptions may contain ": ".
 * Returns nullopt for anything else.
 */
std::optional<ProgressUpdate> parseTqdmLine(QStringView line);

/** The phase of a tqdm description: "compare", "samples", "statistics", "min_max", ... */
QString tqdmPhase(QStringView description);

} // namespace Mcw::Core
