// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <core/logs/logparser.h>
#include <core/logs/tensornames.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace Mcw::Cli {

namespace {

using Core::CompareBlock;
using Core::CompareTensor;

// JSON has no inf/nan: finite numbers stay numbers, the rest become "inf", "-inf" or null.
QJsonValue metric(double v)
{
    if (std::isnan(v))
        return QJsonValue::Null;
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return v;
}

QJsonValue count(int n)
{
    return n < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(n);
}

QJsonValue text(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString verdictName(CompareBlock::Verdict v)
{
    switch (v) {
    case CompareBlock::Verdict::Passed: return QStringLiteral("passed");
    case CompareBlock::Verdict::Failed: return QStringLiteral("failed");
    case CompareBlock::Verdict::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QJsonObject compareJson(const CompareBlock &b)
{
    QJsonArray tensors;
    for (const CompareTensor &t : b.tensors) {
        QJsonArray shape;
        for (qint64 d : t.shape)
            shape.append(d);
        tensors.append(QJsonObject{
            {QStringLiteral("name"), t.name},
            {QStringLiteral("status"), t.status},
            {QStringLiteral("verdict"), t.passed ? QStringLiteral("passed") : QStringLiteral("failed")},
            {QStringLiteral("cosine"), metric(t.cosine)},
            {QStringLiteral("euclidean"), metric(t.euclidean)},
            {QStringLiteral("sqnr"), metric(t.sqnr)},
            {QStringLiteral("close_order"), t.closeOrder > 0 ? QJsonValue(t.closeOrder) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("shape"), t.shape.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(shape)},
            {QStringLiteral("dtype"), text(t.dtype)},
        });
    }
    const bool hasMin = !std::isnan(b.minCosine);
    return QJsonObject{
        {QStringLiteral("target"), text(b.target)},
        {QStringLiteral("reference"), text(b.reference)},
        {QStringLiteral("stage"), Core::compareStageName(b.stage)},
        {QStringLiteral("tolerance"), text(b.tolerance)},
        {QStringLiteral("compared"), count(b.compared)},
        {QStringLiteral("passed"), count(b.passed)},
        {QStringLiteral("failed"), count(b.failed)},
        {QStringLiteral("equal"), count(b.equal)},
        {QStringLiteral("close"), count(b.close)},
        {QStringLiteral("similar"), count(b.similar)},
        {QStringLiteral("not_equal"), count(b.notEqual)},
        {QStringLiteral("not_similar"), count(b.notSimilar)},
        {QStringLiteral("min_similarity"),
         hasMin ? QJsonValue(QJsonArray{metric(b.minCosine), metric(b.minEuclidean), metric(b.minSqnr)})
                : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("verdict"), verdictName(b.verdict)},
        {QStringLiteral("tensors"), tensors},
    };
}

QJsonValue failureJson(const std::optional<Core::Failure> &f)
{
    if (!f)
        return QJsonValue::Null;
    const Core::Diagnostic d = Core::FailureClassifier::toDiagnostic(*f);
    return QJsonObject{
        {QStringLiteral("class"), f->code},
        {QStringLiteral("stage"), Core::toolStageName(f->stage)},
        {QStringLiteral("message"), f->message},
        {QStringLiteral("suggestion"), text(f->suggestion)},
        {QStringLiteral("details"), QJsonArray::fromStringList(f->details)},
        {QStringLiteral("tensors"), QJsonArray::fromStringList(f->tensors)},
        {QStringLiteral("ops"), QJsonArray::fromStringList(f->ops)},
        {QStringLiteral("location"), text(f->location)},
        {QStringLiteral("onnx_tensor"), text(d.tensorName)},
        {QStringLiteral("onnx_node"), text(d.nodeId)},
    };
}

QString number(double v)
{
    if (std::isnan(v))
        return QStringLiteral("-");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'f', 6);
}

QString countText(int n)
{
    return n < 0 ? QStringLiteral("?") : QString::number(n);
}

void printText(const Core::LogParser &parser)
{
    QStringList out;
    out << QStringLiteral("tpu-mlir version: %1").arg(parser.version().isEmpty() ? QStringLiteral("not in the log") : parser.version());
    out << QStringLiteral("Last stage: %1").arg(Core::toolStageName(parser.stage()));
    const QList<CompareBlock> &blocks = parser.compares();
    out << QStringLiteral("Compare blocks: %1").arg(blocks.size());
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const CompareBlock &b = blocks[i];
        out << QString();
        out << QStringLiteral("Compare %1: %2 stage, target %3, reference %4%5")
                   .arg(i + 1)
                   .arg(Core::compareStageName(b.stage), b.target.isEmpty() ? QStringLiteral("?") : b.target,
                        b.reference.isEmpty() ? QStringLiteral("?") : b.reference,
                        b.tolerance.isEmpty() ? QString() : QStringLiteral(", tolerance %1").arg(b.tolerance));
        out << QStringLiteral("  %1 compared, %2 passed, %3 failed; min similarity cos %4, euc %5, sqnr %6; verdict %7")
                   .arg(countText(b.compared), countText(b.passed), countText(b.failed), number(b.minCosine),
                        number(b.minEuclidean), number(b.minSqnr), verdictName(b.verdict).toUpper());
        out << QStringLiteral("  %1 %2 %3 %4 %5  %6")
                   .arg(QStringLiteral("status").leftJustified(11), QStringLiteral("verdict").leftJustified(7),
                        QStringLiteral("cosine").rightJustified(10), QStringLiteral("euclidean").rightJustified(10),
                        QStringLiteral("sqnr").rightJustified(11), QStringLiteral("tensor"));
        for (const CompareTensor &t : b.tensors) {
            const QString cosine = t.closeOrder > 0 ? QStringLiteral("close %1").arg(t.closeOrder) : number(t.cosine);
            out << QStringLiteral("  %1 %2 %3 %4 %5  %6")
                       .arg(t.status.leftJustified(11), (t.passed ? QStringLiteral("PASSED") : QStringLiteral("FAILED")).leftJustified(7),
                            cosine.rightJustified(10), number(t.euclidean).rightJustified(10),
                            number(t.sqnr).rightJustified(11), t.name);
        }
    }
    out << QString();
    const auto &f = parser.failure();
    if (!f) {
        out << QStringLiteral("Failure: none found in the log.");
    } else {
        out << QStringLiteral("Failure: %1 (stage %2)").arg(f->code, Core::toolStageName(f->stage));
        out << QStringLiteral("  %1").arg(f->message);
        if (!f->suggestion.isEmpty())
            out << QStringLiteral("  Suggestion: %1").arg(f->suggestion);
        const Core::Diagnostic d = Core::FailureClassifier::toDiagnostic(*f);
        if (!d.tensorName.isEmpty())
            out << QStringLiteral("  ONNX tensor: %1%2").arg(d.tensorName,
                                                              d.nodeId.isEmpty() ? QString() : QStringLiteral(" (node %1)").arg(d.nodeId));
        for (const QString &detail : f->details)
            out << QStringLiteral("  | %1").arg(detail);
    }
    printOut(out.join(QLatin1Char('\n')));
}

} // namespace

int runReport(const QStringList &arguments)
{
    bool json = false;
    QStringList files;
    for (const QString &a : arguments) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printOut(QStringLiteral("Usage: maixcam-convert report LOGFILE [--json]\n\n"
                                    "Parses a saved tpu-mlir console log (model_transform, run_calibration, model_deploy;\n"
                                    "partial pastes are fine; '-' reads stdin), prints its compare blocks and the failure\n"
                                    "classification. Exit status: 0 no failure found, 1 a failure was found, 2 bad usage."));
            return ExitOk;
        } else if (a.startsWith(QLatin1Char('-')) && a != QLatin1String("-")) {
            printErr(QStringLiteral("maixcam-convert report: unknown option '%1'. Usage: maixcam-convert report LOGFILE [--json]").arg(a));
            return ExitBadInput;
        } else {
            files.append(a);
        }
    }
    if (files.size() != 1) {
        printErr(QStringLiteral("Usage: maixcam-convert report LOGFILE [--json]"));
        return ExitBadInput;
    }
    QFile file;
    const bool fromStdin = files.first() == QLatin1String("-");
    const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly)
                                  : (file.setFileName(files.first()), file.open(QIODevice::ReadOnly));
    if (!opened) {
        printErr(QStringLiteral("Cannot read the log file %1: %2.").arg(files.first(), file.errorString()));
        return ExitBadInput;
    }
    Core::LogParser parser;
    // A saved console log mixes stdout and stderr; one stream is the right model for it.
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty())
            break;
        parser.feed(Core::LogParser::Stream::Stdout, chunk);
    }
    parser.finish();

    if (json) {
        QJsonArray compares;
        for (const CompareBlock &b : parser.compares())
            compares.append(compareJson(b));
        const QJsonObject root{
            {QStringLiteral("version"), text(parser.version())},
            {QStringLiteral("stage"), Core::toolStageName(parser.stage())},
            {QStringLiteral("lines"), parser.lineCount()},
            {QStringLiteral("compares"), compares},
            {QStringLiteral("failure"), failureJson(parser.failure())},
        };
        const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
    } else {
        printText(parser);
    }
    return parser.failure() ? ExitFailure : ExitOk;
}

} // namespace Mcw::Cli
