// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/detection.h>
#include <core/preview/devicefit.h>

#include <QList>

namespace Mcw::Core {

/** The steps every MaixCDK YOLO decoder shares after the per-anchor decode. */
class DetectionPostProcess
{
public:
    static float sigmoid(float x);
    /** Axis-aligned IoU of two boxes (OBB models too, like the device). */
    static float iou(const Detection &a, const Detection &b);
    /**
     * Per-class greedy NMS by descending score (IoU above \a iouThreshold suppresses), then each
     * survivor clipped to the input like the device does.
     */
    static QList<Detection>
    nms(QList<Detection> candidates, float iouThreshold, int inputWidth, int inputHeight);
    /** Clips a box to [0, width] × [0, height] the device's way (shrink, never move the far edge).
     */
    static void clip(Detection &d, float width, float height);
    /** Maps boxes and keypoints from model input to source-image pixels and clips them. */
    static void mapToSource(QList<Detection> &detections, const FitGeometry &geometry);
    /** Sets each detection's label from \a labels (class_N when out of range). */
    static void applyLabels(QList<Detection> &detections, const QStringList &labels);
};

} // namespace Mcw::Core
