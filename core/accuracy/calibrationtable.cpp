// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibrationtable.h"

#include <core/atomicfile.h>

#include <QRegularExpression>

namespace Mcw::Core {

enum class Section { Main, Int4, AsymOps, Int4Ops, WeightScale, WeightScaleFp8, Fp8 };

Expected<CalibrationTable> CalibrationTable::parse(const QByteArray &bytes, const QString &source)
{
    // Same shape as tpu-mlir's importer: name and three plain numbers (no inf/nan).
    static const QRegularExpression dataRe(
        QStringLiteral("^(\\S+)\\s+([-0-9.eE+]+)\\s+([-0-9.eE+]+)\\s+([-0-9.eE+]+)\\s*$"));
    static const QRegularExpression headerRe(QStringLiteral("^#\\s*([^:]+?)\\s*:\\s*(.*)$"));
    static const QRegularExpression versionRe(
        QStringLiteral("^(\\S+)(?:\\s+cali version\\s+(\\S+))?"));

    CalibrationTable table;
    Section section = Section::Main;
    const QString text = QString::fromUtf8(bytes);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed.startsWith(QLatin1Char('#'))) {
            const QString marker = trimmed.mid(1).trimmed().toLower();
            // Section markers never contain a colon; header lines always do.
            const bool isMarker = !marker.contains(QLatin1Char(':'));
            if (isMarker && marker == QLatin1String("int4_th")) {
                section = Section::Int4;
            } else if (isMarker && marker == QLatin1String("asym_op")) {
                section = Section::AsymOps;
            } else if (isMarker && marker == QLatin1String("int4_op")) {
                section = Section::Int4Ops;
            } else if (isMarker && marker == QLatin1String("weight_scale")) {
                section = Section::WeightScale;
            } else if (isMarker && marker == QLatin1String("weight_scale_fp8")) {
                section = Section::WeightScaleFp8;
            } else if (isMarker && marker.contains(QLatin1String("fp8"))) {
                // "#tpu-mlir-fp8 caliration table" in the header makes the main table fp8;
                // after data lines it starts a separate fp8 section.
                if (table.thresholds.isEmpty() && section == Section::Main)
                    table.fp8Table = true;
                else
                    section = Section::Fp8;
            } else if (const auto m = headerRe.match(trimmed); m.hasMatch()) {
                const QString key = m.captured(1).toLower();
                const QString value = m.captured(2).trimmed();
                if (key == QLatin1String("mlir version")) {
                    const auto v = versionRe.match(value);
                    table.mlirVersion = v.captured(1);
                    table.caliVersion = v.captured(2);
                } else if (key == QLatin1String("mlir")) {
                    table.mlirFile = value;
                } else if (key == QLatin1String("genetated time")
                           || key == QLatin1String("generated time")) {
                    table.generatedTime = value;
                } else if (key == QLatin1String("histogram number")) {
                    table.histogramNumber = value.toInt();
                } else if (key == QLatin1String("sample number")) {
                    table.sampleNumber = value.toInt();
                } else if (key == QLatin1String("tune number")) {
                    table.tuneNumber = value.toInt();
                } else if (key.startsWith(QLatin1String("quantization threshold"))) {
                    table.method = value;
                }
            }
            continue;
        }
        const QStringList fields = trimmed.split(QRegularExpression(QStringLiteral("\\s+")));
        switch (section) {
        case Section::AsymOps:
            table.asymmetricOps.append(fields.first());
            continue;
        case Section::Int4Ops:
            table.int4Ops.append(fields.first());
            continue;
        case Section::WeightScale:
        case Section::WeightScaleFp8: {
            WeightScale ws;
            ws.name = fields.first();
            bool ok = fields.size() >= 2;
            // fields[1] is the number of scales that follow.
            for (qsizetype i = 2; ok && i < fields.size(); ++i)
                ws.scales.append(fields[i].toDouble(&ok));
            if (!ok) {
                ++table.ignoredLines;
                continue;
            }
            (section == Section::WeightScale ? table.weightScales : table.fp8WeightScales)
                .append(ws);
            continue;
        }
        default:
            break;
        }
        const auto m = dataRe.match(trimmed);
        bool ok1 = false, ok2 = false, ok3 = false;
        Threshold t;
        if (m.hasMatch()) {
            t.name = m.captured(1);
            t.threshold = m.captured(2).toDouble(&ok1);
            t.min = m.captured(3).toDouble(&ok2);
            t.max = m.captured(4).toDouble(&ok3);
        }
        if (!ok1 || !ok2 || !ok3) {
            ++table.ignoredLines;
            continue;
        }
        if (section == Section::Int4) {
            table.int4Thresholds.append(t);
        } else if (section == Section::Fp8) {
            table.fp8Thresholds.append(t);
        } else {
            table.m_index.insert(t.name, table.thresholds.size());
            table.thresholds.append(t);
        }
    }
    if (table.thresholds.isEmpty() && table.fp8Thresholds.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: no 'name threshold min max' line was found; this is "
                                        "not a tpu-mlir calibration table.")
                             .arg(source));
    }
    return table;
}

Expected<CalibrationTable> CalibrationTable::read(const QString &path)
{
    auto bytes = readWholeFile(path, qint64(256) << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(*bytes, path);
}

const CalibrationTable::Threshold *CalibrationTable::find(const QString &tensorName) const
{
    const auto it = m_index.constFind(tensorName);
    return it == m_index.constEnd() ? nullptr : &thresholds[*it];
}

} // namespace Mcw::Core
