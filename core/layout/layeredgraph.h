// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/graphlayout.h>

#include <span>
#include <vector>

namespace Mcw::Core::Layout {

/**
 * The proper layered graph the Sugiyama phases work on. Real nodes keep their input index,
 * dummies follow; every segment joins two adjacent ranks. Geometry is expressed in a frame
 * where ranks grow along the "depth" axis and the order inside a rank along the "breadth"
 * axis, so left-to-right layouts are the same computation transposed at the end.
 */
struct LayeredGraph
{
    struct Node
    {
        int rank = 0;
        double left = 0.0;     // breadth left of the anchor (the point edges pass through)
        double right = 0.0;    // breadth right of the anchor
        double depth = 0.0;    // extent along the rank axis
        int edge = -1;         // dummies: the (first) input edge whose route they carry
        bool isDummy = false;
        bool isLabel = false;  // dummy that carries the edge label
    };

    /** Neighbour lists of all nodes in one array (most nodes are dummies with one each). */
    struct Adjacency
    {
        std::vector<int> start;
        std::vector<int> items;

        std::span<const int> operator[](int v) const
        {
            return {items.data() + start[v], size_t(start[v + 1] - start[v])};
        }
    };

    std::vector<Node> nodes;
    std::vector<int> order;               // position of each node inside its layer
    Adjacency upper;                      // neighbours on rank - 1, one entry per segment
    Adjacency lower;                      // neighbours on rank + 1
    std::vector<std::vector<int>> layers; // node ids per rank, in order
    /** Per input edge: node ids from its upper to its lower end; empty for skipped edges. */
    std::vector<std::vector<int>> chains;
    /** Per input edge: true when it was reversed to break a cycle. */
    std::vector<char> reversed;
    int realNodeCount = 0;
    bool labelSpace = false;

    int dummyCount() const { return int(nodes.size()) - realNodeCount; }
    /** Writes order from the layer lists. */
    void updateOrders();
};

/**
 * Builds the layered graph from ranks (one per input node) and the orientation of each edge.
 * Edges longer than one rank become chains of dummies; with \a labelSpace every edge spans at
 * least two ranks and the dummy right below its upper end reserves room for the label. Edges of
 * one LayoutInput::Edge::group leaving the same node share their dummies (and label) as far as
 * they run together; every segment appears once in the adjacency.
 * Self-loops and edges with invalid ends get no chain.
 */
LayeredGraph buildLayeredGraph(const LayoutInput &input,
                               const std::vector<int> &ranks,
                               const std::vector<char> &reversed,
                               bool labelSpace);

/** True when the input edge joins two distinct, existing nodes. */
bool isLayoutEdge(const LayoutInput &input, int edgeIndex);

} // namespace Mcw::Core::Layout
