// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "rankassignment.h"

#include "layeredgraph.h"

#include <algorithm>
#include <climits>

namespace Mcw::Core::Layout {

namespace {

struct Adjacency
{
    std::vector<int> start;
    std::vector<int> nodes;

    int begin(int v) const { return start[v]; }
    int end(int v) const { return start[v + 1]; }
    int degree(int v) const { return start[v + 1] - start[v]; }
};

Adjacency buildAdjacency(int nodeCount, const std::vector<std::pair<int, int>> &arcs)
{
    Adjacency adjacency;
    adjacency.start.assign(nodeCount + 1, 0);
    for (const std::pair<int, int> &arc : arcs)
        ++adjacency.start[arc.first + 1];
    for (int v = 0; v < nodeCount; ++v)
        adjacency.start[v + 1] += adjacency.start[v];
    adjacency.nodes.resize(arcs.size());
    std::vector<int> fill(adjacency.start.begin(), adjacency.start.end() - 1);
    for (const auto &[from, to] : arcs)
        adjacency.nodes[fill[from]++] = to;
    return adjacency;
}

} // namespace

std::vector<int> assignRanks(const LayoutInput &input, const std::vector<char> &reversed)
{
    const int nodeCount = int(input.nodes.size());
    std::vector<std::pair<int, int>> arcs;
    std::vector<std::pair<int, int>> backArcs;
    arcs.reserve(input.edges.size());
    backArcs.reserve(input.edges.size());
    for (int e = 0; e < int(input.edges.size()); ++e) {
        if (!isLayoutEdge(input, e))
            continue;
        int from = input.edges[e].from;
        int to = input.edges[e].to;
        if (reversed[e])
            std::swap(from, to);
        arcs.emplace_back(from, to);
        backArcs.emplace_back(to, from);
    }
    const Adjacency out = buildAdjacency(nodeCount, arcs);
    const Adjacency in = buildAdjacency(nodeCount, backArcs);

    // Kahn's algorithm in index order: deterministic topological order and longest path.
    std::vector<int> rank(nodeCount, 0);
    std::vector<int> pending(nodeCount);
    std::vector<int> topo;
    topo.reserve(nodeCount);
    for (int v = 0; v < nodeCount; ++v) {
        pending[v] = in.degree(v);
        if (pending[v] == 0)
            topo.push_back(v);
    }
    for (size_t head = 0; head < topo.size(); ++head) {
        const int v = topo[head];
        for (int i = out.begin(v); i < out.end(v); ++i) {
            const int w = out.nodes[i];
            rank[w] = std::max(rank[w], rank[v] + 1);
            if (--pending[w] == 0)
                topo.push_back(w);
        }
    }

    // Reverse topological order sees every successor's final rank before its predecessors.
    for (int pass = 0; pass < 4; ++pass) {
        bool changed = false;
        for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
            const int v = *it;
            if (out.degree(v) <= in.degree(v))
                continue;
            int lowest = INT_MAX;
            for (int i = out.begin(v); i < out.end(v); ++i)
                lowest = std::min(lowest, rank[out.nodes[i]]);
            if (lowest - 1 > rank[v]) {
                rank[v] = lowest - 1;
                changed = true;
            }
        }
        if (!changed)
            break;
    }

    const int minRank = nodeCount > 0 ? *std::min_element(rank.begin(), rank.end()) : 0;
    for (int &r : rank)
        r -= minRank;
    return rank;
}

} // namespace Mcw::Core::Layout
