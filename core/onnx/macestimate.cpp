// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "macestimate.h"

#include <core/onnx/graph.h>

namespace Mcw::Core {

qint64 estimateMultiplyAccumulates(const Graph &graph)
{
    qint64 total = 0;
    for (const Node &node : graph.nodes()) {
        const bool conv = node.opType == QLatin1String("Conv") || node.opType == QLatin1String("ConvTranspose");
        const bool dense = node.opType == QLatin1String("Gemm") || node.opType == QLatin1String("MatMul");
        if ((!conv && !dense) || node.inputs.size() < 2 || node.outputs.isEmpty())
            continue;
        const Tensor *weight = graph.tensor(node.inputs.at(1));
        const Tensor *output = graph.tensor(node.outputs.first());
        if (!weight || !output || !(weight->isInitializer || weight->isConstant))
            continue;
        const qint64 weights = weight->shape.elementCount();
        const QList<qint64> out = output->shape.values();
        if (weights <= 0 || out.isEmpty() || out.contains(-1))
            continue;
        if (conv && out.size() >= 3) {
            // Each output position of each output channel reads C/g·k·k weights: W/M per channel.
            qint64 positions = out.at(0);
            for (qsizetype i = 2; i < out.size(); ++i)
                positions *= out.at(i);
            total += weights * positions;
        } else if (dense) {
            // [.., N] = [.., K] x [K, N]: every output row reads all K·N weights.
            qint64 rows = 1;
            for (qsizetype i = 0; i + 1 < out.size(); ++i)
                rows *= out.at(i);
            total += weights * rows;
        }
    }
    return total;
}

} // namespace Mcw::Core
