// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layeredgraph.h"

#include <vector>

namespace Mcw::Core::Layout {

/**
 * Turns the dummy chains of a positioned layered graph into smooth cubic Bézier paths, in the
 * breadth/depth frame (x = breadth, y = depth). A path starts and ends on the borders of its
 * nodes, passes through every dummy with a tangent along the rank axis, and runs from the
 * input edge's source to its target even when the edge was reversed. Self-loops become a small
 * loop on the node's right side; invalid edges get an empty path.
 */
std::vector<LayoutResult::EdgePath> routeEdges(const LayoutInput &input,
                                               const LayeredGraph &graph,
                                               const std::vector<double> &breadth,
                                               const std::vector<double> &rankCentres);

/** The frame rectangle of layered node \a v. */
QRectF frameRect(const LayeredGraph &graph,
                 int v,
                 const std::vector<double> &breadth,
                 const std::vector<double> &rankCentres);

} // namespace Mcw::Core::Layout
