// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accuracyrun.h"

namespace Mcw::Core {

void AccuracyRun::setStage(AccuracyStage stage,
                           const NpzComparison &comparison,
                           const QSet<QString> &onnxTensorNames)
{
    layers.removeIf([stage](const LayerMetrics &m) { return m.stage == stage; });
    tolerances.insert(stage, comparison.options.tolerance);
    // Keep stages in pipeline order so the chart can show them one after another.
    qsizetype insertAt = 0;
    while (insertAt < layers.size() && layers[insertAt].stage < stage)
        ++insertAt;
    QList<LayerMetrics> added;
    for (qsizetype i = 0; i < comparison.tensors.size(); ++i)
        added.append(
            LayerMetrics::fromComparison(comparison.tensors[i], stage, int(i), onnxTensorNames));
    layers.insert(insertAt, added.size(), LayerMetrics());
    for (qsizetype i = 0; i < added.size(); ++i)
        layers[insertAt + i] = added[i];
}

QString AccuracyRun::stageTitle(AccuracyStage stage) const
{
    return stageTitles.value(stage, accuracyStageName(stage));
}

QList<AccuracyStage> AccuracyRun::stages() const
{
    QList<AccuracyStage> out;
    for (const LayerMetrics &m : layers) {
        if (!out.contains(m.stage))
            out.append(m.stage);
    }
    return out;
}

QList<LayerMetrics> AccuracyRun::layersOf(AccuracyStage stage) const
{
    QList<LayerMetrics> out;
    for (const LayerMetrics &m : layers) {
        if (m.stage == stage)
            out.append(m);
    }
    return out;
}

int AccuracyRun::firstFailing(AccuracyStage stage) const
{
    const QList<LayerMetrics> l = layersOf(stage);
    for (qsizetype i = 0; i < l.size(); ++i) {
        if (!l[i].passed)
            return int(i);
    }
    return -1;
}

} // namespace Mcw::Core
