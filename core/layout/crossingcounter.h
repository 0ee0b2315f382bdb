// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <vector>

namespace Mcw::Core::Layout {

/**
 * Bilayer cross counting with an accumulator tree (Barth, Mutzel, Jünger 2004): the edges
 * between two layers, sorted by their upper end and then by their lower end, cross exactly
 * where their lower ends form an inversion. O(E log V). Keeps its scratch memory between calls.
 */
class CrossingCounter
{
public:
    /**
     * Crossings of the edges whose lower-end positions are given in the order of their upper
     * ends (ties ordered by lower end); positions are in [0, lowerLayerSize).
     */
    qint64 count(const std::vector<int> &lowerPositions, int lowerLayerSize);

private:
    std::vector<qint64> m_tree;
};

} // namespace Mcw::Core::Layout
