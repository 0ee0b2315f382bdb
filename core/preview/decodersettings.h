// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * What a MaixPy decoder reads from the MUD (model_type, type, labels, anchors) plus the
 * thresholds passed to detect()/classify(); defaults are MaixPy's (conf 0.5, iou 0.45,
 * keypoints 0.5, top 5).
 */
struct DecoderSettings
{
    QString modelType; // yolov5 | yolov8 | yolo11 | yolo26 | classifier
    QString task;      // detector | pose | seg | obb ("" = detector)
    QStringList labels;
    QList<double> anchors;
    float confidence = 0.5f;
    float iou = 0.45f;
    float keypointThreshold = 0.5f;
    int topK = 5;
    int inputWidth = 0;
    int inputHeight = 0;
};

} // namespace Mcw::Core
