// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphcut.h"

namespace Mcw::Core {

QList<bool> nodesKeptByCut(const Graph &graph, const QStringList &cutTensors)
{
    const QList<Node> &nodes = graph.nodes();
    if (cutTensors.isEmpty())
        return QList<bool>(nodes.size(), true);
    QList<bool> kept(nodes.size(), false);
    QList<int> stack;
    for (const QString &name : cutTensors) {
        const Tensor *t = graph.tensor(name);
        if (t && t->producer >= 0 && !kept[t->producer]) {
            kept[t->producer] = true;
            stack.append(t->producer);
        }
    }
    while (!stack.isEmpty()) {
        const int index = stack.takeLast();
        for (const QString &input : nodes.at(index).inputs) {
            const Tensor *t = input.isEmpty() ? nullptr : graph.tensor(input);
            if (t && t->producer >= 0 && !kept[t->producer]) {
                kept[t->producer] = true;
                stack.append(t->producer);
            }
        }
    }
    return kept;
}

QList<int> nodesStrippedByCut(const Graph &graph, const QStringList &cutTensors)
{
    const QList<bool> kept = nodesKeptByCut(graph, cutTensors);
    QList<int> stripped;
    for (int i = 0; i < kept.size(); ++i) {
        if (!kept[i])
            stripped.append(i);
    }
    return stripped;
}

} // namespace Mcw::Core
