// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crossingcounter.h"
#include "layeredgraph.h"

#include <functional>

namespace Mcw::Core::Layout {

/**
 * Orders the nodes inside each layer to reduce edge crossings: a depth-first initial order,
 * then sweeps (one down and one up pass each) that sort every layer by the weighted median of
 * its neighbours in the previous layer, each pass followed by adjacent transpositions. The
 * best ordering seen is kept; the sweeps stop at the cap or when they stop helping.
 */
class CrossingMinimizer
{
public:
    explicit CrossingMinimizer(LayeredGraph &graph);

    /**
     * Runs at most \a maxSweeps sweeps. \a checkpoint is called before each sweep with the
     * sweep index; when it returns true the run stops and returns false (cancelled).
     */
    bool run(int maxSweeps, const std::function<bool(int sweep)> &checkpoint);

    /** Crossings of the current ordering, summed over all pairs of adjacent layers. */
    qint64 totalCrossings();

private:
    void setInitialOrder();
    void reorderLayer(int rank, bool byUpper, bool reverseTies);
    void transpose();
    qint64 pairCrossings(int rank);
    void cacheNeighbourOrders(int rank);
    /**
     * Crossings among the segments of two nodes of the layer being transposed (by their slot
     * in the neighbour cache), v left of w and w left of v.
     */
    void crossingsOfPair(int v, int w, qint64 &vFirst, qint64 &wFirst);

    LayeredGraph &m_graph;
    CrossingCounter m_counter;
    std::vector<int> m_positions;
    std::vector<int> m_a;
    std::vector<int> m_b;
    std::vector<std::pair<double, int>> m_keys;
    std::vector<int> m_cache;      // sorted neighbour orders: upper then lower, per slot
    std::vector<int> m_cacheStart; // 2 * slot + {0, 1, 2}: start of upper, lower, end
    std::vector<int> m_slot;       // slot of the node at each layer position
};

} // namespace Mcw::Core::Layout
