// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/graphlayout.h>

#include <vector>

namespace Mcw::Core::Layout {

/**
 * Assigns a rank to every node so that each edge (oriented by \a reversed) goes from a lower
 * to a higher rank. Longest path from the sources first, then a linear-time improvement of the
 * total edge length: a node whose out-degree exceeds its in-degree is pushed down to just above
 * its nearest successor (moving it shortens more edges than it lengthens). Graph inputs and
 * nodes fed by folded constants thus sit right above their consumers instead of at the top.
 * The lowest rank is 0.
 */
std::vector<int> assignRanks(const LayoutInput &input, const std::vector<char> &reversed);

} // namespace Mcw::Core::Layout
