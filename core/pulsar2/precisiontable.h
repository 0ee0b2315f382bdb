// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>
#include <core/result.h>

#include <QList>
#include <QString>

#include <limits>

namespace Mcw::Core {

/**
 * Pulsar2's per-layer precision table (`quant/debug/precision_analysis_table.txt`, the same Rich
 * box table the console shows, maixcam2.md §4.3): one row per operator, rows separated by `├`
 * rules, cells by `│`, a cell wrapped over several physical lines when it is wider than its
 * column. Columns are found by their header (Operator, Type, Output Tensor, Shape, DType, QDType,
 * Cosin, MSE; the 2023 six-column form with "Cosin Distance" too). Values cut with `…` stay as
 * they are.
 */
class Pulsar2PrecisionTable
{
public:
    struct Row
    {
        QString op;           // the operator (layer) name: what layer_configs select
        QString type;         // "AxQuantizedConv"
        QString outputTensor; // the ONNX tensor it writes
        QString shape;
        QString dtype;
        QString qdtype;       // U8, U16, FP32
        double cosine = std::numeric_limits<double>::quiet_NaN();
        double mse = std::numeric_limits<double>::quiet_NaN();
        bool operator==(const Row &other) const = default;
    };

    /** Final-output cosine above this is normal quantisation (P2-DBG: "> 98 %"). */
    static constexpr double NormalCosine = 0.98;

    /**
     * \a path names the file in messages. \a analysis, when given, receives the analysis the
     * title names ("PerLayer Reference" from "Quant Precision Table【PerLayer Reference】"), or
     * "" when the table has no title.
     */
    static Expected<QList<Row>> parse(const QString &text, const QString &path, QString *analysis = nullptr);
    static Expected<QList<Row>> readFile(const QString &path, QString *analysis = nullptr);

    /** The ONNX op type of a Pulsar2 type: "AxQuantizedConv" → "Conv", "AxSigmoid" → "Sigmoid". */
    static QString onnxOpType(const QString &type);

    /**
     * The rows as the accuracy chart's data: one stage (quantised vs float, stored as the tpu
     * stage and titled "Pulsar2 <analysis>"), tensorName = the operator (so "keep in higher
     * precision" names layers), the ONNX tensor for the graph colouring, cosine and MSE, judged
     * against \a cosine. Pulsar2 reports no euclidean similarity or SQNR: the run says so
     * (AccuracyRun::Metrics::CosineMse, a NaN euclidean tolerance).
     */
    static AccuracyRun toAccuracyRun(const QList<Row> &rows, const QString &label, const QString &analysis = {},
                                     double cosine = NormalCosine);
};

} // namespace Mcw::Core
