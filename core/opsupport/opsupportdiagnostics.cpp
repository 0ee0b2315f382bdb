// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupportdiagnostics.h"

#include <core/onnx/graphcut.h>

#include <QSet>

namespace Mcw::Core {

static QString joinOpTypes(const QStringList &ops)
{
    if (ops.size() <= 1)
        return ops.value(0);
    return QStringList(ops.mid(0, ops.size() - 1)).join(QStringLiteral(", "))
           + QStringLiteral(" and ") + ops.last();
}

static QStringList blockingOpTypes(const OpSupportReport &report)
{
    QStringList ops;
    for (const NodeSupport &n : report.blocking()) {
        if (!ops.contains(n.opType))
            ops.append(n.opType);
    }
    return ops;
}

static std::optional<QStringList> frontierCut(const Graph &graph, const OpSupportReport &report)
{
    const QList<Node> &nodes = graph.nodes();
    QList<bool> after(nodes.size(), false); // unsupported nodes and everything they feed
    for (const NodeSupport &n : report.blocking())
        after[n.nodeIndex] = true;
    for (int index : graph.topologicalOrder()) {
        if (after.at(index) || report.node(index)->verdict == OpVerdict::NotConverted)
            continue;
        for (const QString &input : nodes.at(index).inputs) {
            const Tensor *t = input.isEmpty() ? nullptr : graph.tensor(input);
            if (t && t->producer >= 0 && after.at(t->producer)) {
                after[index] = true;
                break;
            }
        }
    }
    auto isConstantValue = [&](const Tensor &t) {
        if (t.isInitializer || t.isConstant)
            return true;
        const NodeSupport *p = report.node(t.producer);
        return p && p->verdict == OpVerdict::Folded;
    };
    // Post-processing has no convolutions: a Conv after the unsupported nodes means they sit
    // inside the network, and cutting there would leave the model to the CPU.
    for (int index = 0; index < nodes.size(); ++index) {
        const QString &op = nodes.at(index).opType;
        if (after.at(index)
            && (op == QLatin1String("Conv") || op == QLatin1String("ConvTranspose")))
            return std::nullopt;
    }
    QStringList cut;
    auto add = [&cut](const QString &name) {
        if (!cut.contains(name))
            cut.append(name);
    };
    for (int index : graph.topologicalOrder()) {
        if (!after.at(index))
            continue;
        for (const QString &input : nodes.at(index).inputs) {
            const Tensor *t = input.isEmpty() ? nullptr : graph.tensor(input);
            if (!t || isConstantValue(*t))
                continue;
            if (t->producer < 0)
                return std::nullopt; // the unsupported part reads a model input directly
            if (!after.at(t->producer))
                add(t->name);
        }
    }
    const QStringList outputs = report.cut().isEmpty() ? graph.outputNames() : report.cut();
    for (const QString &name : outputs) {
        const Tensor *t = graph.tensor(name);
        if (t && t->producer >= 0 && !after.at(t->producer) && !isConstantValue(*t))
            add(name);
    }
    if (cut.isEmpty())
        return std::nullopt;
    return cut;
}

std::optional<CutSuggestion> suggestCut(const Graph &graph, const OpSupportReport &report,
                                        const FamilyDetection &family,
                                        const OpSupportAnalyzer &analyzer)
{
    const QStringList leftOps = blockingOpTypes(report);
    if (leftOps.isEmpty())
        return std::nullopt;
    CutSuggestion s;
    s.leftOpTypes = leftOps;
    const QStringList recommended = family.recommendedOutputs;
    if (!recommended.isEmpty() && recommended != report.cut()
        && analyzer.analyze(graph, recommended).blocking().isEmpty()) {
        s.tensors = recommended;
        s.fromFamily = true;
        s.sentence = QStringLiteral("Cut at %1 (the recommended %2 cut) to leave %3 to the CPU "
                                    "post-processing.")
                         .arg(recommended.join(QStringLiteral(", ")), family.family,
                              joinOpTypes(leftOps));
        return s;
    }
    const auto frontier = frontierCut(graph, report);
    if (!frontier || !analyzer.analyze(graph, *frontier).blocking().isEmpty())
        return std::nullopt;
    s.tensors = *frontier;
    s.sentence = QStringLiteral("Cut at %1 to leave %2 to the CPU post-processing.")
                     .arg(frontier->join(QStringLiteral(", ")), joinOpTypes(leftOps));
    return s;
}

static Diagnostic nodeDiagnostic(const NodeSupport &n, const OpSupportReport &report)
{
    Diagnostic d;
    d.stage = QStringLiteral("opsupport");
    d.nodeId = n.nodeId;
    QString what;
    switch (n.verdict) {
    case OpVerdict::FrontendUnsupported:
        d.severity = Diagnostic::Severity::Error;
        d.code = QStringLiteral("op_frontend_unsupported");
        what = QStringLiteral("is rejected by %1's ONNX frontend").arg(report.toolchain());
        break;
    case OpVerdict::TargetUnsupported:
        d.severity = Diagnostic::Severity::Error;
        d.code = QStringLiteral("op_target_unsupported");
        what = QStringLiteral("cannot be deployed to %1").arg(report.targetName());
        break;
    case OpVerdict::Cpu:
        d.severity = Diagnostic::Severity::Warning;
        d.code = QStringLiteral("op_cpu_layer");
        what = QStringLiteral("runs on the CPU (slow)");
        break;
    case OpVerdict::Bf16Fallback:
        d.severity = Diagnostic::Severity::Warning;
        d.code = QStringLiteral("op_bf16_fallback");
        what = QStringLiteral("runs in BF16 instead of INT8");
        break;
    case OpVerdict::Conditional:
        d.severity = Diagnostic::Severity::Warning;
        d.code = QStringLiteral("op_conditional");
        what = QStringLiteral("works only under a condition");
        break;
    default:
        d.severity = Diagnostic::Severity::Info;
        d.code = QStringLiteral("op_unknown");
        what = QStringLiteral("could not be verified");
        break;
    }
    d.message = QStringLiteral("%1 node '%2' %3: %4").arg(n.opType, n.nodeId, what, n.reason);
    d.group = QStringLiteral("%1 %2: %3").arg(n.opType, what, n.reason);
    return d;
}

QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const OpSupportReport &report,
                                       const FamilyDetection &family,
                                       const OpSupportAnalyzer &analyzer)
{
    const auto suggestion = suggestCut(graph, report, family, analyzer);
    QList<Diagnostic> out;
    for (const NodeSupport &n : report.issues()) {
        Diagnostic d = nodeDiagnostic(n, report);
        if (suggestion && d.severity == Diagnostic::Severity::Error)
            d.suggestion = suggestion->sentence;
        out.append(d);
    }
    if (suggestion) {
        Diagnostic d;
        d.severity = Diagnostic::Severity::Info;
        d.stage = QStringLiteral("opsupport");
        d.code = QStringLiteral("opsupport_cut_suggestion");
        d.message = suggestion->sentence;
        d.suggestion = suggestion->sentence;
        d.tensorName = suggestion->tensors.value(0);
        d.details = suggestion->tensors;
        out.append(d);
    }
    return out;
}

QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const QStringList &cut,
                                       const FamilyDetection &family, const OpSupportTable &table)
{
    const OpSupportAnalyzer analyzer(table);
    return opSupportDiagnostics(graph, analyzer.analyze(graph, cut), family, analyzer);
}

} // namespace Mcw::Core
