// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtablesearchresult.h"

#include <QRegularExpression>

namespace Mcw::Core {

QtableSearchResult QtableSearchResult::parseLog(const QString &text)
{
    static const QRegularExpression layerRe(
        QStringLiteral("the layer (\\S+) is (\\d+) sensitive layer, loss is ([-+0-9.eE]+|nan|inf), type is (\\S+)"));
    static const QRegularExpression int8Re(QStringLiteral("int8 outputs_cos:\\s*([-+0-9.eE]+)"));
    static const QRegularExpression mixRe(QStringLiteral("mix model outputs_cos:\\s*([-+0-9.eE]+)"));
    static const QRegularExpression countRe(QStringLiteral("float layer number:\\s*(\\d+)"));
    static const QRegularExpression tableRe(QStringLiteral("Output mix quantization table to (\\S+)"));
    QtableSearchResult r;
    static const QRegularExpression lineEnd(QStringLiteral("[\\r\\n]+"));
    for (const QString &line : text.split(lineEnd, Qt::SkipEmptyParts)) {
        if (const auto m = layerRe.match(line); m.hasMatch()) {
            r.layers.append({m.captured(1), m.captured(2).toInt(), m.captured(3).toDouble(), m.captured(4)});
            continue;
        }
        if (const auto m = int8Re.match(line); m.hasMatch())
            r.int8Cosine = m.captured(1).toDouble();
        if (const auto m = mixRe.match(line); m.hasMatch())
            r.mixCosine = m.captured(1).toDouble();
        if (const auto m = countRe.match(line); m.hasMatch())
            r.floatLayerCount = m.captured(1).toInt();
        if (const auto m = tableRe.match(line); m.hasMatch())
            r.qtableFile = m.captured(1);
        if (line.trimmed().startsWith(QLatin1String("success search")))
            r.succeeded = true;
    }
    return r;
}

double QtableSearchResult::lossOf(const QString &layer) const
{
    for (const Layer &l : layers) {
        if (l.name == layer)
            return l.loss;
    }
    return std::nan("");
}

} // namespace Mcw::Core
