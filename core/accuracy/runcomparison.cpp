// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcomparison.h"

#include <QHash>

#include <cmath>

namespace Mcw::Core {

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
