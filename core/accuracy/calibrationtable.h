// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * A tpu-mlir calibration table (run_calibration.py output) in any header variant: the oldest
 * (time, histogram, samples, tune), the ~2024 one with `# mlir version` / `# mlir`, the newest
 * with `cali version` and the threshold method, and the optional sections `#int4_th`,
 * `#asym_op`, `#int4_op`, `#weight_scale`, `#weight_scale_fp8` and the fp8 threshold tables.
 * Data lines follow tpu-mlir's importer: `name threshold min max`, numbers without inf/nan.
 */
class CalibrationTable
{
public:
    struct Threshold
    {
        QString name;
        double threshold = 0;
        double min = 0;
        double max = 0;
    };
    struct WeightScale
    {
        QString name;
        QList<double> scales;
    };

    static Expected<CalibrationTable> parse(const QByteArray &text, const QString &source);
    static Expected<CalibrationTable> read(const QString &path);

    // Header (empty / -1 when the variant does not have the line).
    QString mlirVersion;
    QString caliVersion;
    QString mlirFile;
    QString generatedTime;
    QString method; // "kl", "mse", … (newest header only)
    int histogramNumber = -1;
    int sampleNumber = -1;
    int tuneNumber = -1;
    bool fp8Table = false; // the main table is an fp8 one (`#tpu-mlir-fp8 caliration table`)

    QList<Threshold> thresholds;        // the main INT8 section, in file order
    QList<Threshold> int4Thresholds;    // #int4_th
    QList<Threshold> fp8Thresholds;     // a later fp8 / mqbench-fp8 section
    QStringList asymmetricOps;          // #asym_op
    QStringList int4Ops;                // #int4_op
    QList<WeightScale> weightScales;    // #weight_scale
    QList<WeightScale> fp8WeightScales; // #weight_scale_fp8
    int ignoredLines = 0;               // non-comment lines the importer would also ignore

    /** The main-section entry for \a tensorName, or nullptr. */
    const Threshold *find(const QString &tensorName) const;

private:
    QHash<QString, qsizetype> m_index;
};

} // namespace Mcw::Core
