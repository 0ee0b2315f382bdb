// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/** What the analysis concluded for one node of the graph. */
enum class OpVerdict {
    Npu,                 // runs on the TPU (plain support, LUTs included)
    Bf16Fallback,        // runs, but in BF16 although INT8 was requested
    Cpu,                 // runs as a CPU layer inside the cvimodel (slow)
    FrontendUnsupported, // model_transform stops with "Op not support"
    TargetUnsupported,   // model_deploy for cv181x aborts
    Conditional,         // works only if a condition holds that the model cannot tell
    Unknown,             // not verified, or the condition could not be evaluated
    NoOp,                // produces no op (Cast, Identity, Dropout, Constant)
    Folded,              // constant-folded away by tpu-mlir's ONNX clean-up
    NotConverted,        // outside the converted part (after the cut)
};

/** "npu", "bf16_fallback", "cpu", "frontend_unsupported", "target_unsupported", ... */
QString opVerdictName(OpVerdict verdict);

/** Colour classes for the graph view's support overlay. */
enum class OpSupportClass {
    Supported,    // Npu, NoOp, Folded
    Bf16Fallback,
    Cpu,
    Unsupported,  // FrontendUnsupported, TargetUnsupported
    Uncertain,    // Conditional, Unknown
    NotConverted,
};

OpSupportClass opSupportClass(OpVerdict verdict);

/** One legend row: widget-agnostic label, one-sentence meaning and a suggested colour. */
struct OpSupportLegendEntry
{
    OpSupportClass supportClass;
    QString label;
    QString description;
    QString color; // "#rrggbb"
};

/** The legend of the support overlay, in display order. */
QList<OpSupportLegendEntry> opSupportLegend();

/** Verdict of one node with its reason sentence. */
struct NodeSupport
{
    int nodeIndex = -1;
    QString nodeId;
    QString opType;
    OpVerdict verdict = OpVerdict::NotConverted;
    QString reason;
};

/** Which table a report was computed with, as messages name it. */
struct OpSupportTarget
{
    QString tableVersion;
    QString targetName = QStringLiteral("cv181x"); // "cv181x", "AX620E"
    QString toolchain = QStringLiteral("tpu-mlir"); // "tpu-mlir", "Pulsar2"
};

/**
 * Result of OpSupportAnalyzer: one NodeSupport per node of the graph (index = node index),
 * the cut it was computed for and the table it used. Plain value, cheap to copy.
 */
class OpSupportReport
{
public:
    OpSupportReport() = default;
    OpSupportReport(QList<NodeSupport> nodes, QStringList cut, OpSupportTarget target);

    const QList<NodeSupport> &nodes() const { return m_nodes; }
    /** Null pointer for an index out of range. */
    const NodeSupport *node(int nodeIndex) const;
    OpSupportClass supportClass(int nodeIndex) const;
    QStringList cut() const { return m_cut; }
    QString tableVersion() const { return m_target.tableVersion; }
    QString targetName() const { return m_target.targetName; }
    QString toolchain() const { return m_target.toolchain; }

    /** Converted nodes whose verdict is not plain support, in file order. */
    QList<NodeSupport> issues() const;
    /** Converted nodes that stop the conversion (frontend or target unsupported). */
    QList<NodeSupport> blocking() const;
    int count(OpVerdict verdict) const;

private:
    QList<NodeSupport> m_nodes;
    QStringList m_cut;
    OpSupportTarget m_target;
};

} // namespace Mcw::Core
