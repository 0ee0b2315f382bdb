// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/detection.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * FP32 against INT8 decodes of the same input: detections paired greedily by IoU ≥ 0.5 (same
 * class first, then across classes; highest IoU first); a pair is matched, shifted (IoU below 0.9)
 * or class changed; the rest are missed (FP32 only) or extra (INT8 only). Classifiers compare
 * top-1.
 */
struct DetectionComparison
{
    enum class Kind { Matched, Shifted, ClassChanged, Missed, Extra };
    struct Pair
    {
        Kind kind = Kind::Matched;
        int fp32 = -1; // index into the FP32 detections, -1 for Extra
        int int8 = -1; // index into the INT8 detections, -1 for Missed
        float iou = 0;
    };

    static constexpr float PairIou = 0.5f;
    static constexpr float ShiftIou = 0.9f;

    QList<Pair> pairs;
    int matched = 0;      // same class, IoU ≥ ShiftIou
    int shifted = 0;      // same class, PairIou ≤ IoU < ShiftIou
    int classChanged = 0; // paired, another class
    int missed = 0;
    int extra = 0;
    double meanIou = 0; // over all pairs; 1 when there are none
    bool isClassifier = false;
    bool top1Agrees = false;

    static DetectionComparison compare(const DecodedOutputs &fp32, const DecodedOutputs &int8);
    static QString kindName(Kind kind);
    /** "3 matched, 1 shifted, 0 class changed, 1 missed, 0 extra, mean IoU 0.93" or the top-1 line.
     */
    QString summary() const;
};

/** Per-image rows and one summary line over a folder of test images. */
struct FolderComparison
{
    struct Row
    {
        QString image;
        DetectionComparison comparison;
        /** Why one side could not be decoded ("INT8: …"); such rows count in no total. */
        QString decodeError;
    };
    QList<Row> rows;

    QString summary() const;
};

} // namespace Mcw::Core
