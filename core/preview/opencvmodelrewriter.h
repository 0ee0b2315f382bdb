// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to mcw_core: works on the ONNX protobuf, so it must never be included from a public
// header.

#include <onnx/onnx_pb.h>

#include <QHash>
#include <QList>
#include <QStringList>

namespace Mcw::Core {

/**
 * The rewrites OpenCV 4.6's ONNX importer needs (shared/reference/feasibility.md §2), applied to
 * a model whose input dims are already pinned: opset-11 Clip with constant min/max inputs →
 * attribute form, opset-13 Split with constant sizes → attribute form (4.6 would split evenly),
 * 1-D constants of Mul/Add/Sub/Div on a [1,T,C] tensor expanded to [1,T,C] (4.6 maps them to a
 * Scale layer on axis 1, which breaks LayerNorm), Split of a constant folded into constants,
 * whole-dimension Slice axes dropped so the rest are consecutive (both M-LSD), and stale value_info
 * dropped. The graph's meaning never changes.
 */
class OpenCvModelRewriter
{
public:
    /**
     * Rewrites in place; returns one line per kind of rewrite done (for the details view).
     * \a shapes (tensor name → static dims, from shape inference) lets 1-D constants of
     * elementwise ops be expanded to the other operand's full shape.
     */
    static QStringList rewrite(onnx::ModelProto &model,
                               const QHash<QString, QList<qint64>> &shapes = {});
};

} // namespace Mcw::Core
