// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/opsupport/opsupportreport.h>
#include <core/opsupport/opsupporttable.h>

#include <QStringList>

namespace Mcw::Core {

/**
 * Classifies every node of the part of a graph that the toolchain would convert (the ancestors
 * of the cut tensors) against an operator-support table (tpu-mlir for cv181x, or Pulsar2 for
 * AX620E): NPU, BF16 fallback, CPU layer, unsupported by the frontend or by the target,
 * conditional or unknown. Nodes that the toolchain's ONNX clean-up constant-folds (all inputs
 * constant, or Shape of a statically shaped tensor) are reported as folded, nodes after the
 * cut as not converted.
 *
 * Pure and thread-safe: analyze() may run in a worker thread.
 */
class OpSupportAnalyzer
{
public:
    enum class Quantize { Int8, Bf16 };

    struct Options
    {
        /** MaixCAM models are deployed in INT8; BF16 turns every BF16 fallback into support. */
        Quantize quantize = Quantize::Int8;
    };

    explicit OpSupportAnalyzer(const OpSupportTable &table = OpSupportTable::builtin());

    /** An empty \a cut converts the whole graph (up to the model's own outputs). */
    OpSupportReport analyze(const Graph &graph, const QStringList &cut) const;
    OpSupportReport analyze(const Graph &graph, const QStringList &cut,
                            const Options &options) const;

    /** The condition kinds evaluate() implements (the data file must use only these). */
    static QStringList knownConditionKinds();

private:
    const OpSupportTable *m_table;
};

} // namespace Mcw::Core
