// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupportjson.h"

#include <core/opsupport/opsupportanalyzer.h>

#include <QJsonArray>

namespace Mcw::Core {

QJsonObject opSupportJson(const OpSupportReport &report, const QString &scope,
                          const QString &family)
{
    QJsonArray nodes;
    for (const NodeSupport &n : report.issues()) {
        nodes.append(QJsonObject{{QStringLiteral("node"), n.nodeId},
                                 {QStringLiteral("op_type"), n.opType},
                                 {QStringLiteral("verdict"), opVerdictName(n.verdict)},
                                 {QStringLiteral("reason"), n.reason}});
    }
    return QJsonObject{{QStringLiteral("scope"), scope},
                       {QStringLiteral("cut"), QJsonArray::fromStringList(report.cut())},
                       {QStringLiteral("family"), family},
                       {QStringLiteral("target"), report.targetName()},
                       {QStringLiteral("table_version"), report.tableVersion()},
                       {QStringLiteral("nodes"), nodes}};
}

QJsonObject opSupportJson(const Graph &graph, const FamilyDetection &family,
                          const OpSupportTable &table)
{
    const bool known = family.family != QLatin1String("unknown")
                       && !family.recommendedOutputs.isEmpty();
    const QStringList cut = known ? family.recommendedOutputs : QStringList();
    return opSupportJson(OpSupportAnalyzer(table).analyze(graph, cut),
                         known ? QStringLiteral("recommended_cut") : QStringLiteral("whole_graph"),
                         family.family);
}

} // namespace Mcw::Core
