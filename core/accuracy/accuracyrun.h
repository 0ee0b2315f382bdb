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
    QString label;
    QMap<AccuracyStage, Tolerance> tolerances;
    QList<LayerMetrics> layers; // stage by stage, network order inside a stage

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
