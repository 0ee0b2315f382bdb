// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * The model family the workbench recognised and the tensors to cut at for MaixCAM
 * (maixpy-mud.md §3.2). Detection verifies shapes, not names alone.
 */
struct FamilyDetection
{
    /** "yolov5", "yolov8", "yolo11", "yolo26", "classifier" or "unknown". */
    QString family = QStringLiteral("unknown");
    /** "detect", "pose", "seg", "obb", "classify" or "" when unknown. */
    QString task;
    /** Number of classes implied by the shapes, -1 when unknown. */
    int classCount = -1;
    /** Recommended cut tensors (YOLOv8/11: scheme 2). */
    QStringList recommendedOutputs;
    /** Alternative cut (YOLOv8/11: scheme 1), may be empty. */
    QStringList alternativeOutputs;
    /** One sentence on why (or why not) the family was recognised. */
    QString reason;
};

/** Pure function; cheap enough for the UI thread on models up to ~10k nodes. */
FamilyDetection detectFamily(const Graph &graph);

} // namespace Mcw::Core
