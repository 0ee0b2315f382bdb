// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <core/accuracy/accuracyrun.h>
#include <core/accuracy/metricsexport.h>
#include <core/accuracy/npzcomparison.h>

#include <cmath>

namespace Mcw::Cli {

static const char s_compareUsage[]
    = "Usage: maixcam-convert compare TARGET.npz REFERENCE.npz [--tolerance COS,EUC] [--csv "
      "OUT.csv]\n"
      "                               [--excepts NAME,NAME] [--stage transform|tpu|final]\n"
      "Compares every tensor present in both files (in the reference's order) the way tpu-mlir's\n"
      "npz_tool.py compare does, without its 1-in-N sub-sampling. Exit code 1 when a tensor fails.";

static QString metric(double v)
{
    if (std::isnan(v))
        return QStringLiteral("-");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'f', 6);
}

int runCompare(const QStringList &arguments)
{
    QStringList files;
    Core::CompareOptions options;
    QString csvPath;
    QStringList excepts;
    Core::AccuracyStage stage = Core::AccuracyStage::Tpu;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        const bool hasValue = i + 1 < arguments.size();
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printOut(QString::fromUtf8(s_compareUsage));
            return ExitOk;
        } else if (a == QLatin1String("--tolerance") && hasValue) {
            if (!Core::Tolerance::parse(arguments[++i], &options.tolerance)) {
                printErr(QStringLiteral("maixcam-convert compare: --tolerance takes two numbers "
                                        "like 0.99,0.90, not '%1'.")
                             .arg(arguments[i]));
                return ExitBadInput;
            }
        } else if (a == QLatin1String("--csv") && hasValue) {
            csvPath = arguments[++i];
        } else if ((a == QLatin1String("--excepts") || a == QLatin1String("--except"))
                   && hasValue) {
            const QString list = arguments[++i];
            if (list != QLatin1String("-"))
                excepts = list.split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else if (a == QLatin1String("--stage") && hasValue) {
            if (!Core::parseAccuracyStage(arguments[++i], &stage)) {
                printErr(QStringLiteral("maixcam-convert compare: --stage is transform, tpu or "
                                        "final, not '%1'.")
                             .arg(arguments[i]));
                return ExitBadInput;
            }
        } else if (a.startsWith(QLatin1Char('-'))) {
            printErr(QString::fromUtf8(s_compareUsage));
            return ExitBadInput;
        } else {
            files.append(a);
        }
    }
    if (files.size() != 2) {
        printErr(QString::fromUtf8(s_compareUsage));
        return ExitBadInput;
    }
    const auto result = Core::NpzComparison::compareFiles(files[0], files[1], options, excepts);
    if (!result) {
        printErr(result.error().message);
        return ExitBadInput;
    }
    Core::AccuracyRun run;
    run.setStage(stage, *result);

    int nameWidth = 6;
    for (const Core::LayerMetrics &m : run.layers)
        nameWidth = std::max(nameWidth, int(m.tensorName.size()));
    nameWidth = std::min(nameWidth, 72);
    printOut(QStringLiteral("Target    %1").arg(files[0]));
    printOut(QStringLiteral("Reference %1").arg(files[1]));
    printOut(QStringLiteral("Tolerance cosine > %1, euclidean > %2\n")
                 .arg(options.tolerance.cosine)
                 .arg(options.tolerance.euclidean));
    printOut(QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8")
                 .arg(QStringLiteral("#").rightJustified(4),
                      QStringLiteral("tensor").leftJustified(nameWidth),
                      QStringLiteral("op").leftJustified(10),
                      QStringLiteral("status").leftJustified(11),
                      QStringLiteral("cosine").rightJustified(10),
                      QStringLiteral("euclidean").rightJustified(10),
                      QStringLiteral("sqnr dB").rightJustified(10),
                      QStringLiteral("verdict")));
    for (const Core::LayerMetrics &m : run.layers) {
        printOut(QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8")
                     .arg(QString::number(m.index).rightJustified(4),
                          m.tensorName.leftJustified(nameWidth),
                          m.opType.leftJustified(10),
                          Core::compareStatusToken(m.status).leftJustified(11),
                          metric(m.cosine).rightJustified(10),
                          metric(m.euclidean).rightJustified(10),
                          metric(m.sqnr).rightJustified(10),
                          m.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED")));
    }
    for (const Core::TensorComparison &t : result->tensors) {
        if (!t.note.isEmpty())
            printOut(QStringLiteral("Error: %1").arg(t.note));
    }
    double c, e, s;
    result->minSimilarity(&c, &e, &s);
    printOut(
        QStringLiteral("\n%1 compared\n%2 passed\n  %3 equal, %4 close, %5 similar\n%6 failed\n"
                       "  %7 not equal, %8 not similar, %9 not matching")
            .arg(result->tensors.size())
            .arg(result->passedCount())
            .arg(result->equalCount())
            .arg(result->closeCount())
            .arg(result->similarCount())
            .arg(result->failedCount())
            .arg(result->notEqualCount())
            .arg(result->notSimilarCount())
            .arg(result->notMatchCount()));
    printOut(QStringLiteral("min_similarity = (%1, %2, %3)").arg(metric(c), metric(e), metric(s)));
    const int firstFailing = run.firstFailing(stage);
    if (firstFailing >= 0) {
        printOut(QStringLiteral("first failing tensor: %1")
                     .arg(run.layersOf(stage).at(firstFailing).tensorName));
    }
    printOut(result->passed() ? QStringLiteral("npz compare PASSED.")
                              : QStringLiteral("npz compare FAILED."));
    if (!csvPath.isEmpty()) {
        const auto written = Core::MetricsExport::writeCsv(csvPath, run.layers);
        if (!written) {
            printErr(written.error().message);
            return ExitBadInput;
        }
    }
    return result->passed() ? ExitOk : ExitFailure;
}

} // namespace Mcw::Cli
