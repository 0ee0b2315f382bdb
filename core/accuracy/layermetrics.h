// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/quantizetable.h>
#include <core/accuracy/tensorcompare.h>

#include <QList>
#include <QSet>
#include <QString>

#include <limits>

namespace Mcw::Core {

/** The three compare stages of a conversion (tpu-mlir reference §4.1). */
enum class AccuracyStage {
    Transform, // top MLIR vs ONNX (model_transform)
    Tpu,       // tpu MLIR vs top MLIR (model_deploy step 4, --tolerance)
    Final,     // cvimodel vs tpu MLIR (model_deploy step 7, fixed 0.99,0.90)
};

QString accuracyStageName(AccuracyStage stage); // "transform", "tpu", "final"
bool parseAccuracyStage(const QString &text, AccuracyStage *stage);

/** One compared tensor of one stage, in network order, as shown in the chart and table. */
struct LayerMetrics
{
    int index = 0;          // position in network (reference npz) order
    QString tensorName;     // tpu-mlir name, e.g. /model.0/conv/Conv_output_0_Conv
    QString onnxTensorName; // the ONNX tensor, e.g. /model.0/conv/Conv_output_0
    QString opType;         // from the suffix, e.g. Conv (empty when there is none)
    AccuracyStage stage = AccuracyStage::Tpu;
    CompareStatus status = CompareStatus::NotMatch;
    double cosine = std::numeric_limits<double>::quiet_NaN();
    double euclidean = std::numeric_limits<double>::quiet_NaN();
    double sqnr = std::numeric_limits<double>::quiet_NaN();
    double mse = std::numeric_limits<double>::quiet_NaN(); // Pulsar2's MSE (tpu-mlir gives none)
    bool passed = false;

    static LayerMetrics fromComparison(const TensorComparison &comparison,
                                       AccuracyStage stage,
                                       int index,
                                       const QSet<QString> &onnxTensorNames = {});

    /**
     * Splits tpu-mlir's `<onnx name>_<OpType>` tensor name. With \a onnxTensorNames (the ONNX
     * graph's tensors) a name is only stripped when the stripped form exists there; without it
     * any trailing `_<CapitalisedWord>` counts as the op type.
     */
    static void splitTensorName(const QString &tensorName,
                                QString *onnxName,
                                QString *opType,
                                const QSet<QString> &onnxTensorNames = {});
};

/** The qtable that keeps \a layers in \a mode (op names = the tpu-mlir tensor names). */
QuantizeTable quantizeTableForLayers(const QList<LayerMetrics> &layers,
                                     QuantizeTable::Mode mode = QuantizeTable::Mode::BF16);

} // namespace Mcw::Core
