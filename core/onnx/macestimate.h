// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Mcw::Core {

class Graph;

/**
 * Multiply-accumulates of one forward pass, counted over Conv, ConvTranspose, Gemm and MatMul
 * with a weight initializer (the bulk of a vision model): weight elements per output position
 * times the output positions. Needs inferred output shapes (load the graph with the input
 * shape pinned); nodes whose shapes are unknown are skipped. 0 when nothing could be counted.
 */
qint64 estimateMultiplyAccumulates(const Graph &graph);

} // namespace Mcw::Core
