// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/graphlayout.h>

#include <QString>

namespace Mcw::Bench {

/**
 * Synthetic graphs shaped like exported ONNX networks, sized by op name and attribute lines
 * the way the graph view measures boxes. Deterministic for a given target size.
 */
class BenchGraphs
{
public:
    /**
     * A detection CNN: stem, four stages of bottleneck residual blocks with squeeze-excitation
     * branches and CSP-style split/concat, an FPN top-down and a PAN bottom-up path (long skip
     * edges from every stage), and multi-branch heads concatenated at the end.
     */
    static Core::LayoutInput detectionCnn(int targetNodes);
    /**
     * A BERT-like encoder as exporters write it: decomposed LayerNorm and GELU, Q/K/V branches
     * with shape sub-graphs feeding their Reshapes, one attention mask consumed by every layer,
     * residual adds, and several task heads.
     */
    static Core::LayoutInput transformer(int targetNodes);
    /** Gives every edge a tensor-shape-sized label, as the graph view does. */
    static Core::LayoutInput withLabels(const Core::LayoutInput &input);
};

} // namespace Mcw::Bench
