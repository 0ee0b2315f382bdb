// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/onnx/graph.h>

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Mcw::Core {

/**
 * Entry points for pre-flight (`check`, the Problems list) and `inspect --json`; they detect
 * the model family themselves (detectFamily) to prefer its recommended cut in suggestions.
 * The family-explicit variants live in opsupportdiagnostics.h and opsupportjson.h.
 */
QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const QStringList &cut);

/** The `op_support` value of `inspect --json` (see opsupportjson.h for the shape). */
QJsonObject opSupportJson(const Graph &graph);

} // namespace Mcw::Core
