// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/graphlayout.h>

#include <vector>

namespace Mcw::Core::Layout {

/**
 * Marks the edges to reverse so that the graph becomes acyclic: the back edges of an
 * iterative depth-first search started from the nodes in input order, following edges in
 * input order. An acyclic input gets no reversed edge. Self-loops and invalid edges are
 * never marked.
 */
std::vector<char> findBackEdges(const LayoutInput &input);

} // namespace Mcw::Core::Layout
