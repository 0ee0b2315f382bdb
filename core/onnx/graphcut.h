// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>

#include <QList>
#include <QStringList>

namespace Mcw::Core {

/**
 * Which nodes survive cutting the graph at \a cutTensors: exactly the ancestors of the cut
 * tensors (their producers included). An empty cut keeps everything (the model's own outputs).
 * Returns one flag per node index. Unknown tensor names are ignored (pre-flight reports them).
 */
QList<bool> nodesKeptByCut(const Graph &graph, const QStringList &cutTensors);

/** Indices of the nodes that a cut strips (the complement of nodesKeptByCut). */
QList<int> nodesStrippedByCut(const Graph &graph, const QStringList &cutTensors);

} // namespace Mcw::Core
