// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/layermetrics.h>
#include <core/accuracy/npzcomparison.h>

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

namespace Mcw::Core {

/**
 * The per-layer accuracy of one conversion run (e.g. "INT8 KL 100 img"): the compared stages,
 * the tolerance each was judged with, and every layer's metrics in network order per stage.
 */
struct AccuracyRun
{
    /** What the tool measured per layer. */
    enum class Metrics {
        CosineEuclideanSqnr, // tpu-mlir's npz_tool compare
        CosineMse,           // Pulsar2's per-layer precision table
    };

    QString label;
    Metrics metrics = Metrics::CosineEuclideanSqnr;
    QMap<AccuracyStage, Tolerance> tolerances;
    /** How a stage is shown when not by its tpu-mlir name (Pulsar2: "Pulsar2 PerLayer Reference"). */
    QMap<AccuracyStage, QString> stageTitles;
    QList<LayerMetrics> layers; // stage by stage, network order inside a stage

    /** stageTitles' entry, else accuracyStageName(): "transform", "tpu", "final". */
    QString stageTitle(AccuracyStage stage) const;

    /** Adds (or replaces) one stage from a finished npz comparison. */
    void setStage(AccuracyStage stage,
                  const NpzComparison &comparison,
                  const QSet<QString> &onnxTensorNames = {});
    QList<AccuracyStage> stages() const;
    QList<LayerMetrics> layersOf(AccuracyStage stage) const;
    /** Index into layersOf(stage) of the first failing layer, or -1. */
    int firstFailing(AccuracyStage stage) const;
};

} // namespace Mcw::Core
