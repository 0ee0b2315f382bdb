// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "coordinateassigner.h"

#include <algorithm>
#include <array>
#include <limits>

namespace Mcw::Core::Layout {

namespace {

quint64 segmentKey(int upperNode, int lowerNode)
{
    return (quint64(quint32(upperNode)) << 32) | quint32(lowerNode);
}

struct BlockEdge
{
    int from;
    int to;
    double weight;
};

} // namespace

CoordinateAssigner::CoordinateAssigner(const LayeredGraph &graph,
                                       double nodeSeparation,
                                       double rankSeparation)
    : m_graph(graph)
    , m_nodeSeparation(nodeSeparation)
    , m_rankSeparation(rankSeparation)
{
}

bool CoordinateAssigner::hasConflict(int upperNode, int lowerNode) const
{
    return std::binary_search(m_conflicts.begin(), m_conflicts.end(),
                              segmentKey(upperNode, lowerNode));
}

void CoordinateAssigner::markTypeOneConflicts()
{
    // Brandes–Köpf, Alg. 1: a segment that crosses an inner segment (dummy to dummy) loses
    // against it, so that long edges can be drawn as straight vertical lines.
    m_conflicts.clear();
    const auto &nodes = m_graph.nodes;
    for (int r = 0; r + 1 < int(m_graph.layers.size()); ++r) {
        const std::vector<int> &upperLayer = m_graph.layers[r];
        const std::vector<int> &layer = m_graph.layers[r + 1];
        int k0 = 0;
        int scan = 0;
        for (int l1 = 0; l1 < int(layer.size()); ++l1) {
            const int v = layer[l1];
            int innerUpper = -1;
            if (nodes[v].isDummy) {
                for (const int u : m_graph.upper[v]) {
                    if (nodes[u].isDummy)
                        innerUpper = u;
                }
            }
            if (innerUpper < 0 && l1 + 1 != int(layer.size()))
                continue;
            const int k1 = innerUpper >= 0 ? m_graph.order[innerUpper] : int(upperLayer.size()) - 1;
            for (; scan <= l1; ++scan) {
                const int w = layer[scan];
                for (const int u : m_graph.upper[w]) {
                    const int pos = m_graph.order[u];
                    if ((pos < k0 || pos > k1) && !(nodes[u].isDummy && nodes[w].isDummy))
                        m_conflicts.push_back(segmentKey(u, w));
                }
            }
            k0 = k1;
        }
    }
    std::sort(m_conflicts.begin(), m_conflicts.end());
    m_conflicts.erase(std::unique(m_conflicts.begin(), m_conflicts.end()), m_conflicts.end());
}

double CoordinateAssigner::gap(int a, int b) const
{
    // Plain dummies (edge bends) may sit closer together than boxes and labels.
    const auto half = [this](int v) {
        const LayeredGraph::Node &node = m_graph.nodes[v];
        return (node.isDummy && !node.isLabel ? m_nodeSeparation / 2.0 : m_nodeSeparation) / 2.0;
    };
    return half(a) + half(b);
}

std::vector<double> CoordinateAssigner::alignment(bool useUpper, bool leftToRight)
{
    const auto &nodes = m_graph.nodes;
    const int total = int(nodes.size());
    const int rankCount = int(m_graph.layers.size());
    const auto framePos = [&](int v) {
        return leftToRight ? m_graph.order[v]
                           : int(m_graph.layers[nodes[v].rank].size()) - 1 - m_graph.order[v];
    };
    const auto layerAt = [&](int i) -> const std::vector<int> & {
        return m_graph.layers[useUpper ? i : rankCount - 1 - i];
    };
    const auto nodeAt = [&](const std::vector<int> &layer, int i) {
        return layer[leftToRight ? i : int(layer.size()) - 1 - i];
    };

    std::vector<int> root(total);
    std::vector<int> align(total);
    for (int v = 0; v < total; ++v)
        root[v] = align[v] = v;

    std::vector<int> sorted;
    for (int i = 1; i < rankCount; ++i) {
        const std::vector<int> &layer = layerAt(i);
        int r = -1;
        for (int k = 0; k < int(layer.size()); ++k) {
            const int v = nodeAt(layer, k);
            std::span<const int> neighbours = useUpper ? m_graph.upper[v] : m_graph.lower[v];
            const int d = int(neighbours.size());
            if (d == 0)
                continue;
            if (d > 1) {
                sorted.assign(neighbours.begin(), neighbours.end());
                std::sort(sorted.begin(), sorted.end(),
                          [&](int a, int b) { return framePos(a) < framePos(b); });
                neighbours = sorted;
            }
            for (int m = (d - 1) / 2; m <= d / 2; ++m) {
                if (align[v] != v)
                    break;
                const int u = neighbours[m];
                const bool conflict = useUpper ? hasConflict(u, v) : hasConflict(v, u);
                if (!conflict && r < framePos(u)) {
                    align[u] = v;
                    root[v] = root[u];
                    align[v] = root[v];
                    r = framePos(u);
                }
            }
        }
    }

    // Horizontal compaction on the block graph: blocks as far left as the separations allow,
    // then pulled right towards their right neighbours where nothing holds them left.
    std::vector<BlockEdge> blockEdges;
    blockEdges.reserve(size_t(total));
    for (int i = 0; i < rankCount; ++i) {
        const std::vector<int> &layer = layerAt(i);
        for (int k = 1; k < int(layer.size()); ++k) {
            const int a = nodeAt(layer, k - 1);
            const int b = nodeAt(layer, k);
            const double rightOfA = leftToRight ? nodes[a].right : nodes[a].left;
            const double leftOfB = leftToRight ? nodes[b].left : nodes[b].right;
            blockEdges.push_back({root[a], root[b], rightOfA + gap(a, b) + leftOfB});
        }
    }
    // Block graph in CSR form; parallel edges are harmless for the longest-path passes.
    std::vector<int> outStart(total + 1, 0);
    std::vector<int> inDegree(total, 0);
    for (const BlockEdge &edge : blockEdges) {
        ++outStart[edge.from + 1];
        ++inDegree[edge.to];
    }
    for (int v = 0; v < total; ++v)
        outStart[v + 1] += outStart[v];
    std::vector<BlockEdge> merged(blockEdges.size());
    {
        std::vector<int> fill(outStart.begin(), outStart.end() - 1);
        for (const BlockEdge &edge : blockEdges)
            merged[fill[edge.from]++] = edge;
    }

    std::vector<int> order;
    order.reserve(total);
    for (int v = 0; v < total; ++v) {
        if (root[v] == v && inDegree[v] == 0)
            order.push_back(v);
    }
    std::vector<double> xs(total, 0.0);
    for (size_t head = 0; head < order.size(); ++head) {
        const int b = order[head];
        for (int i = outStart[b]; i < outStart[b + 1]; ++i) {
            const BlockEdge &edge = merged[i];
            xs[edge.to] = std::max(xs[edge.to], xs[b] + edge.weight);
            if (--inDegree[edge.to] == 0)
                order.push_back(edge.to);
        }
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int b = *it;
        double limit = std::numeric_limits<double>::infinity();
        for (int i = outStart[b]; i < outStart[b + 1]; ++i)
            limit = std::min(limit, xs[merged[i].to] - merged[i].weight);
        if (limit != std::numeric_limits<double>::infinity())
            xs[b] = std::max(xs[b], limit);
    }

    std::vector<double> x(total);
    for (int v = 0; v < total; ++v)
        x[v] = leftToRight ? xs[root[v]] : -xs[root[v]];
    return x;
}

std::vector<double> CoordinateAssigner::breadthPositions()
{
    const auto &nodes = m_graph.nodes;
    const int total = int(nodes.size());
    if (total == 0)
        return {};
    markTypeOneConflicts();

    std::array<std::vector<double>, 4> candidates;
    std::array<double, 4> minEdge{};
    std::array<double, 4> maxEdge{};
    int narrowest = 0;
    for (int c = 0; c < 4; ++c) {
        const bool useUpper = c < 2;
        const bool leftToRight = c % 2 == 0;
        candidates[c] = alignment(useUpper, leftToRight);
        minEdge[c] = std::numeric_limits<double>::infinity();
        maxEdge[c] = -std::numeric_limits<double>::infinity();
        for (int v = 0; v < total; ++v) {
            minEdge[c] = std::min(minEdge[c], candidates[c][v] - nodes[v].left);
            maxEdge[c] = std::max(maxEdge[c], candidates[c][v] + nodes[v].right);
        }
        if (maxEdge[c] - minEdge[c] < maxEdge[narrowest] - minEdge[narrowest])
            narrowest = c;
    }
    for (int c = 0; c < 4; ++c) {
        const bool leftToRight = c % 2 == 0;
        const double shift = leftToRight ? minEdge[narrowest] - minEdge[c]
                                         : maxEdge[narrowest] - maxEdge[c];
        for (double &value : candidates[c])
            value += shift;
    }

    std::vector<double> x(total);
    for (int v = 0; v < total; ++v) {
        std::array<double, 4> values{candidates[0][v], candidates[1][v], candidates[2][v],
                                     candidates[3][v]};
        std::sort(values.begin(), values.end());
        x[v] = (values[1] + values[2]) / 2.0;
    }
    straightenBends(x);
    return x;
}

// Brandes–Köpf keeps long edges straight, but a short bypass (a skip edge around one node) can
// join a vertical line far away and swing wide. A few rounds move the bends of short edges
// towards the mean of their neighbours, never closer to the boxes beside them than the
// separations: the order in each layer, and so every crossing, stays as it is. Long edges keep
// their straight runs (smoothing them would turn the runs into waves).
void CoordinateAssigner::straightenBends(std::vector<double> &x) const
{
    constexpr int rounds = 4;
    constexpr size_t shortChain = 6; // ends included: a bypass around one box, with its label rank
    const auto &nodes = m_graph.nodes;
    // 1: bends only of short edges; 2: a bend of some long edge (a shared trunk may be both).
    std::vector<char> movable(nodes.size(), 0);
    for (const std::vector<int> &chain : m_graph.chains) {
        const bool isShort = chain.size() <= shortChain;
        for (size_t i = 1; i + 1 < chain.size(); ++i) {
            char &state = movable[chain[i]];
            state = state == 2 || !isShort ? 2 : 1;
        }
    }
    for (int round = 0; round < rounds; ++round) {
        for (const std::vector<int> &layer : m_graph.layers) {
            for (size_t i = 0; i < layer.size(); ++i) {
                const int v = layer[i];
                if (movable[v] != 1)
                    continue;
                double sum = 0.0;
                int count = 0;
                for (const int u : m_graph.upper[v]) {
                    sum += x[u];
                    ++count;
                }
                for (const int w : m_graph.lower[v]) {
                    sum += x[w];
                    ++count;
                }
                if (count == 0)
                    continue;
                double lo = -std::numeric_limits<double>::infinity();
                double hi = std::numeric_limits<double>::infinity();
                // Beside a box the curve needs more room than the bend itself: it bows between
                // the rank lines.
                const auto clearance = [&](int neighbour) {
                    return gap(neighbour, v) + (nodes[neighbour].isDummy ? 0.0 : m_nodeSeparation / 2.0);
                };
                if (i > 0) {
                    const int a = layer[i - 1];
                    lo = x[a] + nodes[a].right + clearance(a) + nodes[v].left;
                }
                if (i + 1 < layer.size()) {
                    const int b = layer[i + 1];
                    hi = x[b] - nodes[b].left - clearance(b) - nodes[v].right;
                }
                // Only ever towards the mean: a bend already closer to a box than the clearance
                // stays where Brandes–Köpf put it.
                x[v] = std::clamp(sum / count, std::min(lo, x[v]), std::max(hi, x[v]));
            }
        }
    }
}

std::vector<double> CoordinateAssigner::rankPositions() const
{
    const int rankCount = int(m_graph.layers.size());
    std::vector<double> depth(rankCount, 0.0);
    for (const LayeredGraph::Node &node : m_graph.nodes)
        depth[node.rank] = std::max(depth[node.rank], node.depth);
    std::vector<double> centre(rankCount, 0.0);
    double cursor = 0.0;
    for (int r = 0; r < rankCount; ++r) {
        if (r > 0)
            cursor += m_rankSeparation;
        centre[r] = cursor + depth[r] / 2.0;
        cursor += depth[r];
    }
    return centre;
}

} // namespace Mcw::Core::Layout
