// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupportreport.h"

namespace Mcw::Core {

QString opVerdictName(OpVerdict verdict)
{
    switch (verdict) {
    case OpVerdict::Npu: return QStringLiteral("npu");
    case OpVerdict::Bf16Fallback: return QStringLiteral("bf16_fallback");
    case OpVerdict::Cpu: return QStringLiteral("cpu");
    case OpVerdict::FrontendUnsupported: return QStringLiteral("frontend_unsupported");
    case OpVerdict::TargetUnsupported: return QStringLiteral("target_unsupported");
    case OpVerdict::Conditional: return QStringLiteral("conditional");
    case OpVerdict::Unknown: return QStringLiteral("unknown");
    case OpVerdict::NoOp: return QStringLiteral("no_op");
    case OpVerdict::Folded: return QStringLiteral("folded");
    case OpVerdict::NotConverted: break;
    }
    return QStringLiteral("not_converted");
}

OpSupportClass opSupportClass(OpVerdict verdict)
{
    switch (verdict) {
    case OpVerdict::Npu:
    case OpVerdict::NoOp:
    case OpVerdict::Folded: return OpSupportClass::Supported;
    case OpVerdict::Bf16Fallback: return OpSupportClass::Bf16Fallback;
    case OpVerdict::Cpu: return OpSupportClass::Cpu;
    case OpVerdict::FrontendUnsupported:
    case OpVerdict::TargetUnsupported: return OpSupportClass::Unsupported;
    case OpVerdict::Conditional:
    case OpVerdict::Unknown: return OpSupportClass::Uncertain;
    case OpVerdict::NotConverted: break;
    }
    return OpSupportClass::NotConverted;
}

QList<OpSupportLegendEntry> opSupportLegend()
{
    return {
        {OpSupportClass::Supported, QStringLiteral("NPU"),
         QStringLiteral("Runs on the NPU (or folds away / emits no op)."), QStringLiteral("#4caf50")},
        {OpSupportClass::Bf16Fallback, QStringLiteral("BF16 fallback"),
         QStringLiteral("Runs on the TPU, but in BF16 although INT8 was requested."),
         QStringLiteral("#fbc02d")},
        {OpSupportClass::Cpu, QStringLiteral("CPU layer"),
         QStringLiteral("Runs on the SoC's CPU inside the cvimodel: works, but slow."),
         QStringLiteral("#fb8c00")},
        {OpSupportClass::Unsupported, QStringLiteral("Unsupported"),
         QStringLiteral("The toolchain cannot convert it for the device's NPU (tpu-mlir for cv181x, Pulsar2 for AX620E)."),
         QStringLiteral("#e53935")},
        {OpSupportClass::Uncertain, QStringLiteral("Conditional / unknown"),
         QStringLiteral("Depends on a condition the model does not reveal, or is not verified."),
         QStringLiteral("#8e24aa")},
        {OpSupportClass::NotConverted, QStringLiteral("Not converted"),
         QStringLiteral("After the cut: left to the CPU post-processing."), QStringLiteral("#9e9e9e")},
    };
}

OpSupportReport::OpSupportReport(QList<NodeSupport> nodes, QStringList cut, OpSupportTarget target)
    : m_nodes(std::move(nodes))
    , m_cut(std::move(cut))
    , m_target(std::move(target))
{}

const NodeSupport *OpSupportReport::node(int nodeIndex) const
{
    return nodeIndex >= 0 && nodeIndex < m_nodes.size() ? &m_nodes.at(nodeIndex) : nullptr;
}

OpSupportClass OpSupportReport::supportClass(int nodeIndex) const
{
    const NodeSupport *n = node(nodeIndex);
    return n ? opSupportClass(n->verdict) : OpSupportClass::NotConverted;
}

QList<NodeSupport> OpSupportReport::issues() const
{
    QList<NodeSupport> out;
    for (const NodeSupport &n : m_nodes) {
        const OpSupportClass c = opSupportClass(n.verdict);
        if (c != OpSupportClass::Supported && c != OpSupportClass::NotConverted)
            out.append(n);
    }
    return out;
}

QList<NodeSupport> OpSupportReport::blocking() const
{
    QList<NodeSupport> out;
    for (const NodeSupport &n : m_nodes) {
        if (opSupportClass(n.verdict) == OpSupportClass::Unsupported)
            out.append(n);
    }
    return out;
}

int OpSupportReport::count(OpVerdict verdict) const
{
    int c = 0;
    for (const NodeSupport &n : m_nodes)
        c += n.verdict == verdict ? 1 : 0;
    return c;
}

} // namespace Mcw::Core
