// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossingminimizer.h"

#include <algorithm>

namespace Mcw::Core::Layout {

namespace {

// Transposition rounds per pass; each round only revisits layers next to a change.
constexpr int maxTransposeRounds = 12;

// Appends the orders of the neighbours, sorted; most nodes are dummies with one neighbour.
void appendSortedOrders(const LayeredGraph &graph, std::span<const int> neighbours,
                        std::vector<int> &out)
{
    const size_t begin = out.size();
    for (const int u : neighbours)
        out.push_back(graph.order[u]);
    if (neighbours.size() > 1)
        std::sort(out.begin() + begin, out.end());
}

void sortedOrders(const LayeredGraph &graph, std::span<const int> neighbours,
                  std::vector<int> &out)
{
    out.resize(neighbours.size());
    for (size_t i = 0; i < neighbours.size(); ++i)
        out[i] = graph.order[neighbours[i]];
    if (out.size() > 1)
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
            const std::span<const int> children = m_graph.lower[v];
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
        std::span<const int> neighbours = byUpper ? m_graph.upper[v] : m_graph.lower[v];
        if (neighbours.empty())
            continue; // stays where it is
        if (neighbours.size() == 1) {
            m_keys.emplace_back(double(m_graph.order[neighbours[0]]), v);
            continue;
        }
        sortedOrders(m_graph, neighbours, m_a);
        m_keys.emplace_back(weightedMedian(m_a), v);
    }
    if (m_keys.empty())
        return;
    const std::vector<int> &order = m_graph.order;
    std::sort(m_keys.begin(), m_keys.end(), [&](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first < b.first;
        return reverseTies ? order[a.second] > order[b.second] : order[a.second] < order[b.second];
    });
    size_t next = 0;
    for (int &slot : layer) {
        std::span<const int> neighbours = byUpper ? m_graph.upper[slot] : m_graph.lower[slot];
        if (!neighbours.empty())
            slot = m_keys[next++].second;
    }
    for (int i = 0; i < int(layer.size()); ++i)
        m_graph.order[layer[i]] = i;
}

namespace {

// Pairs (a, b) with a > b cross when v is left; pairs with b > a cross when w is left.
void countPairs(const int *a, int aSize, const int *b, int bSize, qint64 &vFirst, qint64 &wFirst)
{
    if (aSize == 0 || bSize == 0)
        return;
    if (aSize == 1 && bSize == 1) {
        vFirst += a[0] > b[0] ? 1 : 0;
        wFirst += b[0] > a[0] ? 1 : 0;
        return;
    }
    int lessEq = 0;
    int less = 0;
    for (int j = 0; j < bSize; ++j) {
        while (lessEq < aSize && a[lessEq] <= b[j])
            ++lessEq;
        while (less < aSize && a[less] < b[j])
            ++less;
        vFirst += aSize - lessEq;
        wFirst += less;
    }
}

} // namespace

void CrossingMinimizer::cacheNeighbourOrders(int rank)
{
    // Neighbouring layers do not change while one layer is transposed: sort their orders once.
    const std::vector<int> &layer = m_graph.layers[rank];
    m_cacheStart.assign(2 * layer.size() + 1, 0);
    m_cache.clear();
    for (size_t k = 0; k < layer.size(); ++k) {
        for (const bool up : {true, false}) {
            appendSortedOrders(m_graph, up ? m_graph.upper[layer[k]] : m_graph.lower[layer[k]],
                               m_cache);
            m_cacheStart[2 * k + (up ? 1 : 2)] = int(m_cache.size());
        }
    }
    m_slot.resize(layer.size());
    for (size_t k = 0; k < layer.size(); ++k)
        m_slot[k] = int(k);
}

void CrossingMinimizer::crossingsOfPair(int v, int w, qint64 &vFirst, qint64 &wFirst)
{
    vFirst = 0;
    wFirst = 0;
    for (const int side : {0, 1}) {
        const int a0 = m_cacheStart[2 * v + side];
        const int a1 = m_cacheStart[2 * v + side + 1];
        const int b0 = m_cacheStart[2 * w + side];
        const int b1 = m_cacheStart[2 * w + side + 1];
        countPairs(m_cache.data() + a0, a1 - a0, m_cache.data() + b0, b1 - b0, vFirst, wFirst);
    }
}

void CrossingMinimizer::transpose()
{
    const int rankCount = int(m_graph.layers.size());
    std::vector<char> candidate(rankCount, 1);
    std::vector<char> next(rankCount, 0);
    for (int round = 0; round < maxTransposeRounds; ++round) {
        bool any = false;
        std::fill(next.begin(), next.end(), 0);
        for (int r = 0; r < rankCount; ++r) {
            if (!candidate[r])
                continue;
            std::vector<int> &layer = m_graph.layers[r];
            if (layer.size() < 2)
                continue;
            cacheNeighbourOrders(r);
            bool swapped = false;
            for (int i = 0; i + 1 < int(layer.size()); ++i) {
                qint64 vFirst = 0;
                qint64 wFirst = 0;
                crossingsOfPair(m_slot[i], m_slot[i + 1], vFirst, wFirst);
                if (wFirst < vFirst) {
                    std::swap(layer[i], layer[i + 1]);
                    std::swap(m_slot[i], m_slot[i + 1]);
                    m_graph.order[layer[i]] = i;
                    m_graph.order[layer[i + 1]] = i + 1;
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
    for (const int v : m_graph.layers[rank])
        appendSortedOrders(m_graph, m_graph.lower[v], m_positions);
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
