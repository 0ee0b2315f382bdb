// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Pulsar2's output_processors for the cut tensors: which get a `dst_perm` for the MaixCDK
 * decoder of the project's model_type (maixcam2.md §6). Decided from the tensors' shapes, never
 * from their names: a perm's length must equal the tensor's rank (a 4-element perm on a 3-D
 * tensor is Pulsar2's `IndexError`).
 *  - yolov8 / yolo11: 4-D tensors [0,2,3,1] (NHWC heads); when the heads are the per-scale
 *    ones (no scheme-2 dfl [1,1,4,A]), the 3-D pose/seg branches [1,C,A] (C > 1) get [0,2,1]
 *    so the decoder reads [1,A,C]; the obb angle [1,1,A] stays.
 *  - yolo26: 4-D tensors [0,2,3,1] (the decoder detects the layout).
 *  - yolov5 and classifier: none (the decoders read NCHW / the first output as is).
 * A tensor without a known shape gets no perm and a note.
 */
struct OutputProcessor
{
    QString tensorName;
    QList<int> dstPerm; // empty = none
    bool operator==(const OutputProcessor &other) const = default;
};

class OutputProcessors
{
public:
    static QList<OutputProcessor> forProject(const Project &project,
                                             const QHash<QString, QList<qint64>> &shapes,
                                             QStringList *notes = nullptr);
};

} // namespace Mcw::Core
