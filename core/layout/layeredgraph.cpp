// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layeredgraph.h"

#include <algorithm>
#include <unordered_map>

namespace Mcw::Core::Layout {

void LayeredGraph::updateOrders()
{
    order.resize(nodes.size());
    for (const std::vector<int> &layer : layers) {
        for (int i = 0; i < int(layer.size()); ++i)
            order[layer[i]] = i;
    }
}

bool isLayoutEdge(const LayoutInput &input, int edgeIndex)
{
    const LayoutInput::Edge &edge = input.edges[edgeIndex];
    const int n = int(input.nodes.size());
    return edge.from >= 0 && edge.from < n && edge.to >= 0 && edge.to < n && edge.from != edge.to;
}

LayeredGraph buildLayeredGraph(const LayoutInput &input,
                               const std::vector<int> &ranks,
                               const std::vector<char> &reversed,
                               bool labelSpace)
{
    const bool transposed = input.direction == LayoutInput::Direction::LeftToRight;
    const int nodeCount = int(input.nodes.size());
    const int edgeCount = int(input.edges.size());
    const double labelGap = 4.0;

    LayeredGraph graph;
    graph.realNodeCount = nodeCount;
    graph.labelSpace = labelSpace;
    graph.reversed = reversed;
    graph.nodes.reserve(size_t(nodeCount) * 2);
    for (int i = 0; i < nodeCount; ++i) {
        const LayoutInput::Node &in = input.nodes[i];
        LayeredGraph::Node node;
        node.rank = ranks[i];
        const double breadth = std::max(0.0, transposed ? in.height : in.width);
        node.left = node.right = breadth / 2.0;
        node.depth = std::max(0.0, transposed ? in.width : in.height);
        graph.nodes.push_back(node);
    }

    // Dummies of shared routes, per (upper end, group): the one at rank(upper end) + 1 + i.
    std::unordered_map<qint64, std::vector<int>> trunks;
    // Segments in chain order, each once: a route that follows a trunk adds only what is new.
    std::vector<std::pair<int, int>> segments;
    segments.reserve(size_t(edgeCount) * 2);
    graph.chains.resize(edgeCount);
    for (int e = 0; e < edgeCount; ++e) {
        if (!isLayoutEdge(input, e))
            continue;
        const LayoutInput::Edge &edge = input.edges[e];
        const int top = reversed[e] ? edge.to : edge.from;
        const int bottom = reversed[e] ? edge.from : edge.to;
        std::vector<int> &chain = graph.chains[e];
        chain.reserve(size_t(std::max(2, ranks[bottom] - ranks[top] + 1)));
        chain.push_back(top);
        const bool hasLabel = labelSpace && (edge.labelWidth > 0.0 || edge.labelHeight > 0.0);
        // A tensor feeding many layers (a transformer's attention mask) would otherwise get a
        // chain per consumer through the whole graph: hundreds of thousands of dummies.
        const bool spansRanks = ranks[bottom] - ranks[top] > 1;
        std::vector<int> *trunk = spansRanks && edge.group >= 0 && !reversed[e]
                                      ? &trunks[(qint64(top) << 32) | quint32(edge.group)]
                                      : nullptr;
        for (int r = ranks[top] + 1; r < ranks[bottom]; ++r) {
            const size_t step = size_t(r - ranks[top] - 1);
            if (trunk && step < trunk->size()) {
                // The route so far is the trunk, whose segments exist already.
                chain.push_back((*trunk)[step]);
                continue;
            }
            LayeredGraph::Node dummy;
            dummy.rank = r;
            dummy.edge = e;
            dummy.isDummy = true;
            if (hasLabel && r == ranks[top] + 1) {
                // The edge passes on the left of its label; the label reserves breadth and depth.
                dummy.isLabel = true;
                dummy.right = labelGap + std::max(0.0, transposed ? edge.labelHeight
                                                                   : edge.labelWidth);
                dummy.depth = std::max(0.0, transposed ? edge.labelWidth : edge.labelHeight);
            }
            segments.emplace_back(chain.back(), int(graph.nodes.size()));
            chain.push_back(int(graph.nodes.size()));
            if (trunk)
                trunk->push_back(chain.back());
            graph.nodes.push_back(dummy);
        }
        segments.emplace_back(chain.back(), bottom);
        chain.push_back(bottom);
    }

    const int total = int(graph.nodes.size());
    LayeredGraph::Adjacency &upper = graph.upper;
    LayeredGraph::Adjacency &lower = graph.lower;
    upper.start.assign(total + 1, 0);
    lower.start.assign(total + 1, 0);
    for (const auto &[from, to] : segments) {
        ++lower.start[from + 1];
        ++upper.start[to + 1];
    }
    for (int v = 0; v < total; ++v) {
        lower.start[v + 1] += lower.start[v];
        upper.start[v + 1] += upper.start[v];
    }
    lower.items.resize(lower.start.back());
    upper.items.resize(upper.start.back());
    std::vector<int> lowerFill(lower.start.begin(), lower.start.end() - 1);
    std::vector<int> upperFill(upper.start.begin(), upper.start.end() - 1);
    for (const auto &[from, to] : segments) {
        lower.items[lowerFill[from]++] = to;
        upper.items[upperFill[to]++] = from;
    }

    int rankCount = 0;
    for (const LayeredGraph::Node &node : graph.nodes)
        rankCount = std::max(rankCount, node.rank + 1);
    graph.layers.resize(rankCount);
    for (int v = 0; v < total; ++v)
        graph.layers[graph.nodes[v].rank].push_back(v);
    graph.updateOrders();
    return graph;
}

} // namespace Mcw::Core::Layout
