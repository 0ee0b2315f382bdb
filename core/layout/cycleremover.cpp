// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cycleremover.h"

#include "layeredgraph.h"

namespace Mcw::Core::Layout {

std::vector<char> findBackEdges(const LayoutInput &input)
{
    const int nodeCount = int(input.nodes.size());
    const int edgeCount = int(input.edges.size());
    std::vector<char> reversed(edgeCount, 0);

    // Outgoing edges in CSR form, in input order.
    std::vector<int> start(nodeCount + 1, 0);
    for (int e = 0; e < edgeCount; ++e) {
        if (isLayoutEdge(input, e))
            ++start[input.edges[e].from + 1];
    }
    for (int v = 0; v < nodeCount; ++v)
        start[v + 1] += start[v];
    std::vector<int> out(start.back());
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (int e = 0; e < edgeCount; ++e) {
        if (isLayoutEdge(input, e))
            out[fill[input.edges[e].from]++] = e;
    }

    // Iterative: deep networks would overflow the call stack of a recursive search.
    enum : char { White, Grey, Black };
    std::vector<char> colour(nodeCount, White);
    std::vector<std::pair<int, int>> stack; // node, next outgoing edge slot
    for (int root = 0; root < nodeCount; ++root) {
        if (colour[root] != White)
            continue;
        colour[root] = Grey;
        stack.emplace_back(root, start[root]);
        while (!stack.empty()) {
            auto &[v, next] = stack.back();
            if (next == start[v + 1]) {
                colour[v] = Black;
                stack.pop_back();
                continue;
            }
            const int e = out[next++];
            const int w = input.edges[e].to;
            if (colour[w] == Grey) {
                reversed[e] = 1;
            } else if (colour[w] == White) {
                colour[w] = Grey;
                stack.emplace_back(w, start[w]);
            }
        }
    }
    return reversed;
}

} // namespace Mcw::Core::Layout
