// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to mcw_core: works on the ONNX protobuf, so it must never be included from a public
// header.

#include <onnx/onnx_pb.h>

namespace Mcw::Core {

/**
 * ONNX shape inference plus constant folding of shape sub-graphs (Shape, Size, Cast, Identity,
 * Slice, Concat, Gather, Unsqueeze, Squeeze, Split, ConstantOfShape and Add/Sub/Mul/Div on small
 * constants). libonnx 1.12 has no data propagator for e.g. the opset-9 Slice or Cast, so a
 * `Reshape(x, Concat(Slice(Shape(y))))` stays unknown; folding those values and inferring again
 * makes such shapes static.
 *
 * The node list is never changed: folded values reach the next inference round as temporary
 * initializers that are removed again; the only lasting change is value_info.
 */
class ShapeFolder
{
public:
    struct Result
    {
        int inferenceRounds = 0;
        int foldedTensors = 0; // node outputs whose value was folded
    };

    /** Infers shapes in place. Never throws; inference errors leave shapes unknown. */
    static Result inferShapes(onnx::ModelProto &model);
};

} // namespace Mcw::Core
