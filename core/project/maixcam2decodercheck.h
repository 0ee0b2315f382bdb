// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/project/project.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/** A cut tensor with its static shape, as the pre-flight found it. */
struct CutTensorShape
{
    QString name;
    QList<qint64> shape;
};

/**
 * What the MaixCDK decoders on MaixCAM2 need from a model (maixcam2.md §6), one sentence each
 * with the fix (stage "preflight"):
 *  - nn.YOLOv8 / nn.YOLO11 read exactly 3 outputs for a detector, 4 for pose and obb, 5 for
 *    seg (the per-scale heads [1, 64+nc, H/s, W/s] plus the task's branches), or the DFL +
 *    Sigmoid cut with 2/3/4;
 *  - the Ultralytics version trap: the right number of outputs but flattened 3-D tensors
 *    [1, C, A] under the heads' names (a 4-element dst_perm on them is Pulsar2's IndexError,
 *    MaixPy#208) — the fix is the per-scale cut;
 *  - nn.YOLOv5 reads exactly 3 NCHW outputs (no dst_perm);
 *  - the input size: Sipeed's MaixCAM2 models take the camera's 640×480 (or 320×240), others
 *    are resized every frame (an info).
 * Shapes decide, never names. Pure function.
 */
class MaixCam2DecoderCheck
{
public:
    static QList<Diagnostic> check(const Project &project, qint64 height, qint64 width,
                                   const QList<CutTensorShape> &outputs);
};

} // namespace Mcw::Core
