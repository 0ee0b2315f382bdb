// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/onnx/graph.h>
#include <core/project/project.h>

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Mcw::Core {

/**
 * Entry points for pre-flight (`check`, the Problems list) and `inspect --json`; they detect
 * the model family themselves (detectFamily), analyse against the table of the \a device's
 * NPU (cv18xx for MaixCAM, AX620E for MaixCAM2) and prefer the device's preset cut
 * (PresetCut::forDevice) in suggestions. The family-explicit variants live in
 * opsupportdiagnostics.h and opsupportjson.h.
 */
QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const QStringList &cut,
                                       Device device = Device::MaixCam);

/** The `op_support` value of `inspect --json` (see opsupportjson.h for the shape). */
QJsonObject opSupportJson(const Graph &graph, Device device = Device::MaixCam);

} // namespace Mcw::Core
