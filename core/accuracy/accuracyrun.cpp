// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accuracyrun.h"

#include <QHash>

#include <cmath>

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
        added.append(LayerMetrics::fromComparison(comparison.tensors[i], stage, int(i), onnxTensorNames));
    layers.insert(insertAt, added.size(), LayerMetrics());
    for (qsizetype i = 0; i < added.size(); ++i)
        layers[insertAt + i] = added[i];
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

static bool differs(double a, double b, double threshold)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) != std::isnan(b);
    return std::fabs(a - b) > threshold;
}

RunComparison RunComparison::compare(const AccuracyRun &base,
                                     const AccuracyRun &other,
                                     AccuracyStage stage,
                                     double threshold)
{
    RunComparison out;
    out.stage = stage;
    out.threshold = threshold;
    QHash<QString, LayerMetrics> byName;
    for (const LayerMetrics &m : other.layersOf(stage))
        byName.insert(m.tensorName, m);
    for (const LayerMetrics &b : base.layersOf(stage)) {
        const auto it = byName.constFind(b.tensorName);
        if (it == byName.constEnd())
            continue;
        Delta d;
        d.tensorName = b.tensorName;
        d.onnxTensorName = b.onnxTensorName;
        d.opType = b.opType;
        d.baseCosine = b.cosine;
        d.otherCosine = it->cosine;
        d.baseEuclidean = b.euclidean;
        d.otherEuclidean = it->euclidean;
        d.baseSqnr = b.sqnr;
        d.otherSqnr = it->sqnr;
        if (out.firstDivergence < 0
            && (differs(d.baseCosine, d.otherCosine, threshold)
                || differs(d.baseEuclidean, d.otherEuclidean, threshold))) {
            out.firstDivergence = int(out.deltas.size());
        }
        out.deltas.append(d);
    }
    return out;
}

} // namespace Mcw::Core
