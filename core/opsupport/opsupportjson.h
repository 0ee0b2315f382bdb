// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/familydetector.h>
#include <core/onnx/graph.h>
#include <core/opsupport/opsupportreport.h>
#include <core/opsupport/opsupporttable.h>

#include <QJsonObject>

namespace Mcw::Core {

/**
 * The `op_support` value of `maixcam-convert inspect --json`:
 * { "scope": "recommended_cut" | "whole_graph", "cut": [...], "family": "...",
 *   "target": "cv181x" | "AX620E", "table_version": "...", "nodes": [ {node, op_type, verdict, reason}, ... ] }
 * listing every converted node whose verdict is not plain NPU support, against \a table
 * (cv18xx or ax620e, named by "target"). The subgraph behind the family's recommended cut
 * (pass the device's preset cut as recommendedOutputs) is analysed when the family is known,
 * else the whole graph.
 */
QJsonObject opSupportJson(const Graph &graph, const FamilyDetection &family,
                          const OpSupportTable &table = OpSupportTable::builtin());

/** The same object for an already computed report (scope names what it covers). */
QJsonObject opSupportJson(const OpSupportReport &report, const QString &scope,
                          const QString &family);

} // namespace Mcw::Core
