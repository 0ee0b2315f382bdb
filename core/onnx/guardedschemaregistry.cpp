// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedschemaregistry.h"

#include <onnx/defs/shape_inference.h>

#include <string>
#include <vector>

namespace Mcw::Core {

using onnx::InferenceContext;

static constexpr int s_maxRank = 64;

// Rank of input `index`, or -1 when absent or without a shape.
static int inputRank(InferenceContext &ctx, size_t index)
{
    if (index >= ctx.getNumInputs())
        return -1;
    const onnx::TypeProto *type = ctx.getInputType(index);
    if (!type || !type->has_tensor_type() || !type->tensor_type().has_shape())
        return -1;
    return type->tensor_type().shape().dim_size();
}

// Every input shape must be plausible: bounded rank, no negative dims.
static bool inputsPlausible(InferenceContext &ctx)
{
    for (size_t i = 0; i < ctx.getNumInputs(); ++i) {
        const onnx::TypeProto *type = ctx.getInputType(i);
        if (!type || !type->has_tensor_type() || !type->tensor_type().has_shape())
            continue;
        const auto &shape = type->tensor_type().shape();
        if (shape.dim_size() > s_maxRank)
            return false;
        for (const auto &dim : shape.dim()) {
            if (dim.has_dim_value() && dim.dim_value() < 0)
                return false;
        }
    }
    return true;
}

static int attributeSize(InferenceContext &ctx, const char *name)
{
    const onnx::AttributeProto *attr = ctx.getAttribute(name);
    return attr ? attr->ints_size() : -1;
}

// Conv/pool inference (convPoolShapeInference and friends) indexes its attribute vectors with the
// kernel's spatial rank: everything must agree with the input's spatial rank.
static bool convPoolConsistent(InferenceContext &ctx, size_t weightsIndex)
{
    const int rank = inputRank(ctx, 0);
    if (rank < 0)
        return true; // the original returns early without an input shape
    if (rank < 3)
        return false;
    const int spatial = rank - 2;
    const int weightsRank = inputRank(ctx, weightsIndex);
    if (weightsRank >= 0 && weightsRank != rank)
        return false;
    for (const char *name : {"kernel_shape", "strides", "dilations", "output_padding", "output_shape"}) {
        const int size = attributeSize(ctx, name);
        if (size >= 0 && size != spatial)
            return false;
    }
    const int pads = attributeSize(ctx, "pads");
    if (pads >= 0 && pads != 2 * spatial)
        return false;
    const onnx::AttributeProto *group = ctx.getAttribute("group");
    return !group || group->i() >= 1;
}

// An input whose values become the output's dims (ConstantOfShape's shape, Expand's and
// Reshape's target, Unsqueeze's axes): a declared length of a million would make libonnx build,
// and then name symbol by symbol, a shape of rank one million (found by fuzzing: seconds of CPU
// for a 352-byte model, unbounded for a larger length).
static bool shapeInputBounded(InferenceContext &ctx, size_t index)
{
    if (index >= ctx.getNumInputs())
        return true;
    const onnx::TypeProto *type = ctx.getInputType(index);
    if (!type || !type->has_tensor_type() || !type->tensor_type().has_shape())
        return true;
    for (const auto &dim : type->tensor_type().shape().dim()) {
        if (dim.has_dim_value() && dim.dim_value() > s_maxRank)
            return false;
    }
    return true;
}

static bool nodeConsistent(const std::string &op, InferenceContext &ctx)
{
    if (!inputsPlausible(ctx))
        return false;
    if (op == "ConstantOfShape")
        return shapeInputBounded(ctx, 0);
    if (op == "Expand" || op == "Reshape" || op == "Unsqueeze")
        return shapeInputBounded(ctx, 1) && attributeSize(ctx, "axes") <= s_maxRank;
    if (op == "Conv" || op == "ConvTranspose" || op == "ConvInteger" || op == "MaxPool"
        || op == "AveragePool" || op == "LpPool" || op == "MaxUnpool") {
        return convPoolConsistent(ctx, 1);
    }
    if (op == "QLinearConv")
        return convPoolConsistent(ctx, 3);
    return true;
}

const GuardedSchemaRegistry *GuardedSchemaRegistry::instance()
{
    static const GuardedSchemaRegistry registry;
    return &registry;
}

const onnx::OpSchema *GuardedSchemaRegistry::GetSchema(const std::string &key,
                                                       const int maxInclusiveVersion,
                                                       const std::string &domain) const
{
    const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(key, maxInclusiveVersion, domain);
    if (!schema || !schema->has_type_and_shape_inference_function())
        return schema;
    std::lock_guard lock(m_mutex);
    auto it = m_guarded.find(schema);
    if (it == m_guarded.end()) {
        auto guarded = std::make_unique<onnx::OpSchema>(*schema);
        guarded->TypeAndShapeInferenceFunction(
            [original = schema->GetTypeAndShapeInferenceFunction(), op = key](InferenceContext &ctx) {
                if (!nodeConsistent(op, ctx))
                    return;
                original(ctx);
                // Whatever else yields an absurd rank stays without a shape, before libonnx
                // names its dims.
                for (size_t i = 0; i < ctx.getNumOutputs(); ++i) {
                    onnx::TypeProto *type = ctx.getOutputType(i);
                    if (type && type->has_tensor_type() && type->tensor_type().shape().dim_size() > s_maxRank)
                        type->mutable_tensor_type()->clear_shape();
                }
            });
        it = m_guarded.emplace(schema, std::move(guarded)).first;
    }
    return it->second.get();
}

} // namespace Mcw::Core
