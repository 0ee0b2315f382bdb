// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "precisiontable.h"

#include <core/atomicfile.h>

#include <cmath>

namespace Mcw::Core {

static QStringList cells(const QString &line, QChar separator)
{
    QStringList parts = line.split(separator);
    // "│ a │ b │" → ["", " a ", " b ", ""]: drop the outer empties.
    if (!parts.isEmpty())
        parts.removeFirst();
    if (!parts.isEmpty())
        parts.removeLast();
    return parts;
}

static double number(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

Expected<QList<Pulsar2PrecisionTable::Row>> Pulsar2PrecisionTable::parse(const QString &text, const QString &path,
                                                                         QString *analysis)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    int header = -1;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().startsWith(QChar(u'┃')) && lines[i].contains(QLatin1String("Operator"))) {
            header = i;
            break;
        }
    }
    if (header < 0) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: no precision table (no header row with 'Operator').").arg(path));
    }
    if (analysis) {
        // The Rich title above the table: "Quant Precision Table【PerLayer Reference】".
        analysis->clear();
        for (int i = header - 1; i >= 0; --i) {
            const QString &line = lines[i];
            const int open = line.indexOf(QChar(u'【'));
            const int close = line.indexOf(QChar(u'】'), open + 1);
            if (line.contains(QLatin1String("Precision Table")) && open >= 0 && close > open) {
                *analysis = line.mid(open + 1, close - open - 1).trimmed();
                break;
            }
        }
    }
    const QStringList names = cells(lines[header].trimmed(), QChar(u'┃'));
    const auto column = [&names](const QStringList &candidates) {
        for (int i = 0; i < names.size(); ++i) {
            if (candidates.contains(names[i].trimmed()))
                return i;
        }
        return -1;
    };
    const int opCol = column({QStringLiteral("Operator")});
    const int typeCol = column({QStringLiteral("Type")});
    const int tensorCol = column({QStringLiteral("Output Tensor")});
    const int shapeCol = column({QStringLiteral("Shape")});
    const int dtypeCol = column({QStringLiteral("DType"), QStringLiteral("Data Type")});
    const int qdtypeCol = column({QStringLiteral("QDType")});
    const int cosCol = column({QStringLiteral("Cosin"), QStringLiteral("Cosin Distance")});
    const int mseCol = column({QStringLiteral("MSE")});
    if (opCol < 0 || cosCol < 0) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the precision table has no Operator or Cosin column.").arg(path));
    }

    QList<Row> rows;
    QStringList pending; // the cells of the row being read, wrapped lines joined
    const auto flush = [&]() {
        if (pending.isEmpty())
            return;
        const auto at = [&pending](int i) { return i >= 0 && i < pending.size() ? pending[i].trimmed() : QString(); };
        Row row;
        row.op = at(opCol);
        row.type = at(typeCol);
        row.outputTensor = at(tensorCol);
        row.shape = at(shapeCol);
        row.dtype = at(dtypeCol);
        row.qdtype = at(qdtypeCol);
        row.cosine = number(at(cosCol));
        row.mse = number(at(mseCol));
        if (!row.op.isEmpty())
            rows.append(row);
        pending.clear();
    };
    for (int i = header + 1; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.startsWith(QChar(u'└'))) {
            flush();
            break;
        }
        if (line.startsWith(QChar(u'├'))) {
            flush();
            continue;
        }
        if (!line.startsWith(QChar(u'│')))
            continue; // the ┡ rule under the header
        const QStringList parts = cells(line, QChar(u'│'));
        if (pending.isEmpty()) {
            for (const QString &p : parts)
                pending.append(p.trimmed());
        } else {
            // A wrapped cell continues on the next physical line, word pieces joined as Rich split them.
            for (int c = 0; c < parts.size() && c < pending.size(); ++c)
                pending[c] += parts[c].trimmed();
        }
    }
    flush();
    if (rows.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("%1: the precision table has no rows.").arg(path));
    return rows;
}

Expected<QList<Pulsar2PrecisionTable::Row>> Pulsar2PrecisionTable::readFile(const QString &path, QString *analysis)
{
    const auto bytes = readWholeFile(path, qint64(64) << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(QString::fromUtf8(*bytes), path, analysis);
}

QString Pulsar2PrecisionTable::onnxOpType(const QString &type)
{
    QString op = type;
    for (const char *prefix : {"AxQuantized", "Ax"}) {
        if (op.startsWith(QLatin1String(prefix))) {
            op = op.mid(int(qstrlen(prefix)));
            break;
        }
    }
    return op;
}

AccuracyRun Pulsar2PrecisionTable::toAccuracyRun(const QList<Row> &rows, const QString &label,
                                                 const QString &analysis, double cosine)
{
    AccuracyRun run;
    run.label = label;
    run.metrics = AccuracyRun::Metrics::CosineMse;
    run.stageTitles.insert(AccuracyStage::Tpu, analysis.isEmpty() ? QStringLiteral("Pulsar2")
                                                                  : QStringLiteral("Pulsar2 ") + analysis);
    // Pulsar2 reports no euclidean similarity, so there is no euclidean tolerance either.
    const Tolerance tolerance{cosine, std::numeric_limits<double>::quiet_NaN()};
    run.tolerances.insert(AccuracyStage::Tpu, tolerance);
    for (int i = 0; i < rows.size(); ++i) {
        const Row &row = rows[i];
        LayerMetrics m;
        m.index = i;
        m.tensorName = row.op;
        m.onnxTensorName = row.outputTensor;
        m.opType = onnxOpType(row.type);
        m.stage = AccuracyStage::Tpu;
        m.cosine = row.cosine;
        m.mse = row.mse;
        m.passed = !std::isnan(row.cosine) && row.cosine >= cosine;
        m.status = std::isnan(row.cosine) ? CompareStatus::NotMatch
                   : m.passed             ? CompareStatus::Similar
                                          : CompareStatus::NotSimilar;
        run.layers.append(m);
    }
    return run;
}

} // namespace Mcw::Core
