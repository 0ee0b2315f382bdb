// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Two runs side by side for one stage: per-layer deltas (other − base) matched by tensor
 * name in the base run's order, and the first layer where they diverge.
 */
struct RunComparison
{
    struct Delta
    {
        QString tensorName;
        QString onnxTensorName;
        QString opType;
        double baseCosine = 0, otherCosine = 0;
        double baseEuclidean = 0, otherEuclidean = 0;
        double baseSqnr = 0, otherSqnr = 0;
        double cosineDelta() const { return otherCosine - baseCosine; }
        double euclideanDelta() const { return otherEuclidean - baseEuclidean; }
        double sqnrDelta() const { return otherSqnr - baseSqnr; }
    };

    AccuracyStage stage = AccuracyStage::Tpu;
    double threshold = 0.01;
    QList<Delta> deltas;
    int firstDivergence = -1; // index into deltas; -1 when the runs never diverge

    /**
     * Divergence = |Δcosine| > \a threshold or |Δeuclidean| > \a threshold (NaN on one side
     * only also counts). Tensors missing from \a other are skipped.
     */
    static RunComparison compare(const AccuracyRun &base,
                                 const AccuracyRun &other,
                                 AccuracyStage stage,
                                 double threshold = 0.01);
};

} // namespace Mcw::Core
