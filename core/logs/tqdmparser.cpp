// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tqdmparser.h"

namespace Mcw::Core {

QString tqdmPhase(QStringView d)
{
    if (d.startsWith(QLatin1StringView("compare ")))
        return QStringLiteral("compare");
    if (d.startsWith(QLatin1StringView("activation_collect_and_calc_th for sample")))
        return QStringLiteral("samples");
    if (d.startsWith(QLatin1StringView("activation_collect_and_calc_th for op")))
        return QStringLiteral("statistics");
    if (d.startsWith(QLatin1StringView("inference and find Min Max")))
        return QStringLiteral("min_max");
    if (d.startsWith(QLatin1StringView("calc_thresholds")))
        return QStringLiteral("histograms");
    if (d.startsWith(QLatin1Char('[')) && d.contains(QLatin1StringView("] threshold")))
        return QStringLiteral("thresholds");
    if (d.startsWith(QLatin1StringView("tune op")))
        return QStringLiteral("tune");
    return QStringLiteral("other");
}

std::optional<ProgressUpdate> parseTqdmLine(QStringView line)
{
    // Right end: "| 12/230 [00:01<00:20, 10.39it/s]"
    const qsizetype pctBar = line.lastIndexOf(QLatin1StringView("%|"));
    if (pctBar < 0 || !line.endsWith(QLatin1Char(']')))
        return std::nullopt;
    const qsizetype barEnd = line.lastIndexOf(QLatin1Char('|'));
    if (barEnd <= pctBar + 1)
        return std::nullopt;
    QStringView right = line.mid(barEnd + 1).trimmed(); // "12/230 [00:01<00:20, 10.39it/s]"
    const qsizetype slash = right.indexOf(QLatin1Char('/'));
    const qsizetype bracket = right.indexOf(QLatin1Char('['));
    if (slash <= 0 || bracket <= slash)
        return std::nullopt;
    ProgressUpdate p;
    bool ok1 = false;
    bool ok2 = false;
    p.current = right.left(slash).trimmed().toLongLong(&ok1);
    p.total = right.mid(slash + 1, bracket - slash - 1).trimmed().toLongLong(&ok2);
    if (!ok1 || !ok2)
        return std::nullopt;
    QStringView times = right.mid(bracket + 1, right.size() - bracket - 2); // "00:01<00:20, 10.39it/s"
    const qsizetype lt = times.indexOf(QLatin1Char('<'));
    const qsizetype comma = times.indexOf(QLatin1Char(','), lt < 0 ? 0 : lt);
    if (lt < 0)
        return std::nullopt;
    p.elapsed = times.left(lt).trimmed().toString();
    if (comma < 0) {
        p.remaining = times.mid(lt + 1).trimmed().toString();
    } else {
        p.remaining = times.mid(lt + 1, comma - lt - 1).trimmed().toString();
        p.rate = times.mid(comma + 1).trimmed().toString();
    }
    // Left end: "{desc}: {pct:3d}%"
    qsizetype pctStart = pctBar;
    while (pctStart > 0 && (line[pctStart - 1].isDigit() || line[pctStart - 1] == QLatin1Char(' ')))
        --pctStart;
    bool okPct = false;
    p.percent = line.mid(pctStart, pctBar - pctStart).trimmed().toInt(&okPct);
    if (!okPct)
        return std::nullopt;
    QStringView desc = line.left(pctStart);
    if (desc.endsWith(QLatin1Char(':')))
        desc.chop(1);
    p.description = desc.trimmed().toString();
    p.phase = tqdmPhase(p.description);
    return p;
}

} // namespace Mcw::Core
