// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/onnx/familydetector.h>
#include <core/onnx/graph.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupportreport.h>

#include <QList>
#include <QStringList>

#include <optional>

namespace Mcw::Core {

/** A cut that leaves every unsupported node to the CPU post-processing. */
struct CutSuggestion
{
    QStringList tensors;      // the new outputs of the converted graph
    QStringList leftOpTypes;  // unsupported op types that end up after the cut, first seen first
    bool fromFamily = false;  // the detected family's recommended cut
    QString sentence;         // "Cut at X to leave NonMaxSuppression and Mod to the CPU ..."
};

/**
 * Suggests a cut when the \a report (computed for some cut) has unsupported nodes and they all
 * lie after a candidate cut. Prefers the family's recommended cut when it removes every
 * unsupported node; else the frontier just before them: tensors consumed by the unsupported
 * nodes and their descendants and produced by the remaining nodes (plus the outputs that stay).
 * No suggestion when an unsupported node consumes a graph input, when a Conv follows an
 * unsupported node (it sits inside the network, not in post-processing) or nothing would remain.
 */
std::optional<CutSuggestion> suggestCut(const Graph &graph, const OpSupportReport &report,
                                        const FamilyDetection &family,
                                        const OpSupportAnalyzer &analyzer = OpSupportAnalyzer());

/**
 * Problems-list / `check` diagnostics (stage "opsupport") for a report: an error per node
 * the toolchain's frontend or the target cannot convert, a warning per CPU layer, BF16
 * fallback and conditional node, an info per node that could not be verified; each names the
 * node, its op type and the reason. When suggestCut() (with \a analyzer, which must use the
 * report's table) finds a way out, errors carry it as their suggestion and one info diagnostic
 * (code "opsupport_cut_suggestion") states it.
 */
QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const OpSupportReport &report,
                                       const FamilyDetection &family,
                                       const OpSupportAnalyzer &analyzer = OpSupportAnalyzer());

/** Analyses \a graph behind \a cut with \a table and returns the diagnostics. */
QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const QStringList &cut,
                                       const FamilyDetection &family,
                                       const OpSupportTable &table = OpSupportTable::builtin());

} // namespace Mcw::Core
