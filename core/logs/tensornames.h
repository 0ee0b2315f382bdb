// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Core {

class Graph;

/**
 * The ONNX tensor behind a tpu-mlir tensor name: tpu-mlir appends `_<OpType>` to ONNX output
 * names (`/model.0/conv/Conv_output_0_Conv` → `/model.0/conv/Conv_output_0`, `1197_MatMul` →
 * `1197`). Names without such a suffix are returned unchanged.
 */
QString onnxTensorName(const QString &mlirName);

/**
 * The ONNX node that produced a tpu-mlir tensor, by the exporter convention
 * `<node name>_output_<k>` (`/model.0/conv/Conv_output_0` → `/model.0/conv/Conv`); empty when
 * the name does not follow it.
 */
QString onnxNodeNameGuess(const QString &mlirName);

/** Like onnxNodeNameGuess but looked up in \a graph (node id of the producer); empty if unknown. */
QString onnxNodeId(const Graph &graph, const QString &mlirName);

} // namespace Mcw::Core
