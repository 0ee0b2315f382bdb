// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * One object as MaixPy's decoders report it (maix.nn.Object): an axis-aligned box (x, y = top
 * left), class, score; for OBB models the angle; for pose models keypoints; for seg models a
 * mask over the box. Coordinates are source-image pixels once mapped back from the input.
 */
struct Detection
{
    float x = 0;
    float y = 0;
    float w = 0;
    float h = 0;
    int classId = -1;
    QString label;
    float score = 0;
    /** OBB only: rotation in units of π, as Object.angle on the device (box centre stays put). */
    bool rotated = false;
    float angle = 0;
    /** Pose only: one point per keypoint; (-1, -1) when below the keypoint threshold. */
    QList<QPointF> keypoints;
    /** Seg only: 8-bit mask (sigmoid · 255) covering the box, maskWidth × maskHeight. */
    QByteArray mask;
    int maskWidth = 0;
    int maskHeight = 0;
    /** The output tensor whose values decided class and score (for the graph highlight). */
    QString sourceTensor;
    /** Anchor (grid cell) index over all strides, -1 when not applicable. */
    int anchor = -1;
};

/** One class of a classifier's top-k after softmax. */
struct Classification
{
    int classId = -1;
    QString label;
    float score = 0;
};

/** What one decode produced: detections (YOLO families) or top-k classes (classifier). */
struct DecodedOutputs
{
    QString decoder; // e.g. "yolo11 detector, scheme 2 (NCHW)"
    QList<Detection> detections;
    QList<Classification> classes;
    /** Sentences about the decode (e.g. a class count the decoder may confuse). */
    QStringList notes;
};

} // namespace Mcw::Core
