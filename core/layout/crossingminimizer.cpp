// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossingminimizer.h"

#include <algorithm>

namespace Mcw::Core::Layout {

namespace {

// Transposition rounds per pass; each round only revisits layers next to a change.
constexpr int maxTransposeRounds = 12;

void sortedOrders(const LayeredGraph &graph, const std::vector<int> &neighbours,
                  std::vector<int> &out)
{
    out.clear();
    for (const int u : neighbours)
        out.push_back(graph.nodes[u].order);
    std::sort(out.begin(), out.end());
}

// Gansner et al.: the median, interpolated towards the side where neighbours are denser.
double weightedMedian(const std::vector<int> &p)
{
    const size_t size = p.size();
    const size_t m = size / 2;
    if (size % 2 == 1)
        return p[m];
    if (size == 2)
        return (p[0] + p[1]) / 2.0;
    const double left = p[m - 1] - p[0];
    const double right = p[size - 1] - p[m];
    if (left + right <= 0.0)
        return (p[m - 1] + p[m]) / 2.0;
    return (p[m - 1] * right + p[m] * left) / (left + right);
}

} // namespace

CrossingMinimizer::CrossingMinimizer(LayeredGraph &graph)
    : m_graph(graph)
{
}

bool CrossingMinimizer::run(int maxSweeps, const std::function<bool(int sweep)> &checkpoint)
{
    setInitialOrder();
    qint64 best = totalCrossings();
    std::vector<std::vector<int>> bestLayers = m_graph.layers;
    const int rankCount = int(m_graph.layers.size());

    int staleSweeps = 0;
    for (int sweep = 0; sweep < maxSweeps && best > 0; ++sweep) {
        if (checkpoint && checkpoint(sweep))
            return false;
        const bool reverseTies = sweep % 2 == 1;
        bool improved = false;
        for (const bool down : {true, false}) {
            if (down) {
                for (int r = 1; r < rankCount; ++r)
                    reorderLayer(r, true, reverseTies);
            } else {
                for (int r = rankCount - 2; r >= 0; --r)
                    reorderLayer(r, false, reverseTies);
            }
            transpose();
            const qint64 crossings = totalCrossings();
            if (crossings < best) {
                best = crossings;
                bestLayers = m_graph.layers;
                improved = true;
            }
        }
        staleSweeps = improved ? 0 : staleSweeps + 1;
        if (staleSweeps >= 3)
            break;
    }
    m_graph.layers = std::move(bestLayers);
    m_graph.updateOrders();
    return true;
}

void CrossingMinimizer::setInitialOrder()
{
    // Depth-first from the nodes in (rank, index) order: subtrees stay contiguous, so trees
    // start without crossings.
    const int total = int(m_graph.nodes.size());
    std::vector<int> byRank(total);
    for (int v = 0; v < total; ++v)
        byRank[v] = v;
    std::stable_sort(byRank.begin(), byRank.end(), [this](int a, int b) {
        return m_graph.nodes[a].rank < m_graph.nodes[b].rank;
    });
    for (std::vector<int> &layer : m_graph.layers)
        layer.clear();
    std::vector<char> visited(total, 0);
    std::vector<int> stack;
    for (const int root : byRank) {
        if (visited[root])
            continue;
        stack.push_back(root);
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            if (visited[v])
                continue;
            visited[v] = 1;
            m_graph.layers[m_graph.nodes[v].rank].push_back(v);
            const std::vector<int> &children = m_graph.lower[v];
            for (auto it = children.rbegin(); it != children.rend(); ++it) {
                if (!visited[*it])
                    stack.push_back(*it);
            }
        }
    }
    m_graph.updateOrders();
}

void CrossingMinimizer::reorderLayer(int rank, bool byUpper, bool reverseTies)
{
    std::vector<int> &layer = m_graph.layers[rank];
    m_keys.clear();
    for (const int v : layer) {
        const std::vector<int> &neighbours = byUpper ? m_graph.upper[v] : m_graph.lower[v];
        if (neighbours.empty())
            continue; // stays where it is
        sortedOrders(m_graph, neighbours, m_a);
        m_keys.emplace_back(weightedMedian(m_a), v);
    }
    if (m_keys.empty())
        return;
    const std::vector<LayeredGraph::Node> &nodes = m_graph.nodes;
    std::stable_sort(m_keys.begin(), m_keys.end(), [&](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first < b.first;
        return reverseTies ? nodes[a.second].order > nodes[b.second].order
                           : nodes[a.second].order < nodes[b.second].order;
    });
    size_t next = 0;
    for (int &slot : layer) {
        const std::vector<int> &neighbours = byUpper ? m_graph.upper[slot] : m_graph.lower[slot];
        if (!neighbours.empty())
            slot = m_keys[next++].second;
    }
    for (int i = 0; i < int(layer.size()); ++i)
        m_graph.nodes[layer[i]].order = i;
}

void CrossingMinimizer::crossingsOfPair(int v, int w, qint64 &vFirst, qint64 &wFirst)
{
    vFirst = 0;
    wFirst = 0;
    for (const bool up : {true, false}) {
        const std::vector<int> &nv = up ? m_graph.upper[v] : m_graph.lower[v];
        const std::vector<int> &nw = up ? m_graph.upper[w] : m_graph.lower[w];
        if (nv.empty() || nw.empty())
            continue;
        if (nv.size() == 1 && nw.size() == 1) {
            const int a = m_graph.nodes[nv[0]].order;
            const int b = m_graph.nodes[nw[0]].order;
            vFirst += a > b ? 1 : 0;
            wFirst += b > a ? 1 : 0;
            continue;
        }
        sortedOrders(m_graph, nv, m_a);
        sortedOrders(m_graph, nw, m_b);
        // Pairs (a, b) with a > b cross when v is left; pairs with b > a cross when w is left.
        size_t lessEq = 0;
        size_t less = 0;
        for (const int b : m_b) {
            while (lessEq < m_a.size() && m_a[lessEq] <= b)
                ++lessEq;
            while (less < m_a.size() && m_a[less] < b)
                ++less;
            vFirst += qint64(m_a.size() - lessEq);
            wFirst += qint64(less);
        }
    }
}

void CrossingMinimizer::transpose()
{
    const int rankCount = int(m_graph.layers.size());
    std::vector<char> candidate(rankCount, 1);
    for (int round = 0; round < maxTransposeRounds; ++round) {
        bool any = false;
        std::vector<char> next(rankCount, 0);
        for (int r = 0; r < rankCount; ++r) {
            if (!candidate[r])
                continue;
            std::vector<int> &layer = m_graph.layers[r];
            bool swapped = false;
            for (int i = 0; i + 1 < int(layer.size()); ++i) {
                const int v = layer[i];
                const int w = layer[i + 1];
                qint64 vFirst = 0;
                qint64 wFirst = 0;
                crossingsOfPair(v, w, vFirst, wFirst);
                if (wFirst < vFirst) {
                    std::swap(layer[i], layer[i + 1]);
                    m_graph.nodes[w].order = i;
                    m_graph.nodes[v].order = i + 1;
                    swapped = true;
                }
            }
            if (swapped) {
                any = true;
                next[r] = 1;
                if (r > 0)
                    next[r - 1] = 1;
                if (r + 1 < rankCount)
                    next[r + 1] = 1;
            }
        }
        if (!any)
            break;
        candidate.swap(next);
    }
}

qint64 CrossingMinimizer::pairCrossings(int rank)
{
    m_positions.clear();
    for (const int v : m_graph.layers[rank]) {
        sortedOrders(m_graph, m_graph.lower[v], m_a);
        m_positions.insert(m_positions.end(), m_a.begin(), m_a.end());
    }
    return m_counter.count(m_positions, int(m_graph.layers[rank + 1].size()));
}

qint64 CrossingMinimizer::totalCrossings()
{
    qint64 total = 0;
    for (int r = 0; r + 1 < int(m_graph.layers.size()); ++r)
        total += pairCrossings(r);
    return total;
}

} // namespace Mcw::Core::Layout
