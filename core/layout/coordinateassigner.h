// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layeredgraph.h"

#include <vector>

namespace Mcw::Core::Layout {

/**
 * Coordinates of an ordered layered graph. Breadth (the axis inside a layer) by Brandes–Köpf:
 * four vertical alignments (upper/lower medians, scanned left/right) that avoid type-1
 * conflicts so long edges stay straight, each compacted through its block graph, aligned to the
 * narrowest and balanced by the average of the two middle candidates. Every candidate keeps
 * the separations, so the balanced result has no overlaps. Edge bends are then pulled towards
 * their neighbours within the room beside them. Depth: one centre line per rank.
 */
class CoordinateAssigner
{
public:
    CoordinateAssigner(const LayeredGraph &graph, double nodeSeparation, double rankSeparation);

    /** Anchor position along the breadth axis of every layered node. */
    std::vector<double> breadthPositions();
    /** Centre line of every rank along the depth axis. */
    std::vector<double> rankPositions() const;

private:
    std::vector<double> alignment(bool useUpper, bool leftToRight);
    void straightenBends(std::vector<double> &x) const;
    bool hasConflict(int upperNode, int lowerNode) const;
    void markTypeOneConflicts();
    double gap(int a, int b) const;

    const LayeredGraph &m_graph;
    double m_nodeSeparation;
    double m_rankSeparation;
    std::vector<quint64> m_conflicts; // sorted keys of conflicting segments
};

} // namespace Mcw::Core::Layout
