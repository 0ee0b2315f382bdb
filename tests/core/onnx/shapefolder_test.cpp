// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "protobuilder.h"

#include <core/onnx/onnxloader.h>
#include <core/onnx/shapefolder.h>

#include <onnx/shape_inference/implementation.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;
using Mcw::Tests::ProtoBuilder;
using Mcw::Tests::setIntAttribute;
using Mcw::Tests::setIntsAttribute;

static const onnx::ValueInfoProto *findInfo(const onnx::GraphProto &graph, const std::string &name)
{
    for (const auto &info : graph.output()) {
        if (info.name() == name)
            return &info;
    }
    for (const auto &info : graph.value_info()) {
        if (info.name() == name)
            return &info;
    }
    return nullptr;
}

// Static dims of a tensor after inference, empty when unknown.
static std::vector<int64_t> dimsOf(const onnx::GraphProto &graph, const std::string &name)
{
    const auto *info = findInfo(graph, name);
    if (!info || !info->type().tensor_type().has_shape())
        return {};
    std::vector<int64_t> dims;
    for (const auto &d : info->type().tensor_type().shape().dim()) {
        if (!d.has_dim_value())
            return {};
        dims.push_back(d.dim_value());
    }
    return dims;
}

// The PP-OCR classifier's head, opset 9: Reshape(x, Concat(Cast(Slice(Cast(Shape(x)))), [200])).
static ProtoBuilder ppocrLikeHead()
{
    ProtoBuilder b(9, 8);
    b.input("x", {1, 200, 1, 1});
    b.node("Shape", {"x"}, {"shape"});
    setIntAttribute(b.node("Cast", {"shape"}, {"shape32"}), "to", onnx::TensorProto::INT32);
    auto &slice = b.node("Slice", {"shape32"}, {"batch32"});
    setIntsAttribute(slice, "axes", {0});
    setIntsAttribute(slice, "starts", {0});
    setIntsAttribute(slice, "ends", {1});
    setIntAttribute(b.node("Cast", {"batch32"}, {"batch"}), "to", onnx::TensorProto::INT64);
    auto &constant = b.node("Constant", {}, {"features"});
    auto *value = constant.add_attribute();
    value->set_name("value");
    value->set_type(onnx::AttributeProto::TENSOR);
    value->mutable_t()->set_data_type(onnx::TensorProto::INT64);
    value->mutable_t()->add_dims(1);
    value->mutable_t()->add_int64_data(200);
    setIntAttribute(b.node("Concat", {"batch", "features"}, {"target"}), "axis", 0);
    b.node("Reshape", {"x", "target"}, {"y"});
    b.output("y");
    return b;
}

TEST(ShapeFolder, OpsetNineShapeChainBecomesStatic)
{
    ProtoBuilder plain = ppocrLikeHead();
    onnx::shape_inference::InferShapes(plain.model());
    // libonnx 1.12 alone cannot see through the opset-9 Slice/Cast: this is why folding exists.
    EXPECT_TRUE(dimsOf(plain.graph(), "y").empty());

    ProtoBuilder b = ppocrLikeHead();
    const int nodes = b.graph().node_size();
    const ShapeFolder::Result result = ShapeFolder::inferShapes(b.model());
    EXPECT_EQ(dimsOf(b.graph(), "y"), (std::vector<int64_t>{1, 200}));
    EXPECT_EQ(dimsOf(b.graph(), "target"), (std::vector<int64_t>{2}));
    EXPECT_EQ(result.foldedTensors, 5); // shape, shape32, batch32, batch, target
    EXPECT_EQ(result.inferenceRounds, 2);
    // Folding only adds shape knowledge: nodes and initializers are untouched.
    EXPECT_EQ(b.graph().node_size(), nodes);
    EXPECT_EQ(b.graph().initializer_size(), 0);
}

TEST(ShapeFolder, GraphKeepsItsNodesAndGetsFoldedShapes)
{
    const auto graph = OnnxLoader::loadBytes(ppocrLikeHead().bytes(), QStringLiteral("head.onnx"));
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    EXPECT_EQ(graph->nodes().size(), 7);
    EXPECT_TRUE(graph->initializerNames().isEmpty());
    EXPECT_EQ(graph->tensor(QStringLiteral("y"))->shape, Shape::fromStatic({1, 200}));
    EXPECT_EQ(graph->tensor(QStringLiteral("batch32"))->shape, Shape::fromStatic({1}));
    EXPECT_EQ(graph->tensor(QStringLiteral("batch32"))->type, DataType::Int32);
}

TEST(ShapeFolder, SplitMulGatherAndConstantOfShape)
{
    // x[1,3,8,8] -> Shape -> Split{2,1,1} -> (nc, h, w); h*2, w*2 -> Concat -> ConstantOfShape:
    // the output shape is [1,3,16,16] (worked out by hand).
    ProtoBuilder b(13, 8);
    b.input("x", {1, 3, 8, 8});
    b.ints("sizes", {2, 1, 1}).ints("two", {2}).ints("zero", {0});
    b.node("Shape", {"x"}, {"s"});
    b.node("Split", {"s", "sizes"}, {"nc", "h", "w"});
    b.node("Mul", {"h", "two"}, {"h2"});
    b.node("Mul", {"w", "two"}, {"w2"});
    b.node("Concat", {"nc", "h2", "w2"}, {"target"}).add_attribute()->CopyFrom([] {
        onnx::AttributeProto a;
        a.set_name("axis");
        a.set_type(onnx::AttributeProto::INT);
        a.set_i(0);
        return a;
    }());
    b.node("ConstantOfShape", {"target"}, {"y"});
    b.node("Gather", {"s", "zero"}, {"first"});
    b.node("Squeeze", {"first", "zero"}, {"batch"});
    b.output("y");
    b.output("batch");
    b.input("z", {1, 1, 1, 1});
    b.node("Expand", {"z", "target"}, {"expanded"});
    b.output("expanded");
    const ShapeFolder::Result result = ShapeFolder::inferShapes(b.model());
    // y is folded itself (768 zeros); Expand is not folded, so inference runs again for it.
    EXPECT_EQ(result.foldedTensors, 10);
    EXPECT_EQ(result.inferenceRounds, 2);
    EXPECT_EQ(dimsOf(b.graph(), "y"), (std::vector<int64_t>{1, 3, 16, 16}));
    EXPECT_EQ(dimsOf(b.graph(), "expanded"), (std::vector<int64_t>{1, 3, 16, 16}));
    EXPECT_EQ(dimsOf(b.graph(), "h2"), (std::vector<int64_t>{1}));
    EXPECT_EQ(dimsOf(b.graph(), "batch"), (std::vector<int64_t>{}));
    EXPECT_EQ(b.graph().initializer_size(), 3);
}

static ProtoBuilder hugeAndZeroModel()
{
    ProtoBuilder b(13, 8);
    b.input("x", {1, 4});
    b.ints("zero", {0}).ints("huge", {int64_t(1) << 40, int64_t(1) << 40});
    b.node("Shape", {"x"}, {"s"});
    b.node("Div", {"s", "zero"}, {"bad"});
    b.node("ConstantOfShape", {"huge"}, {"big"});
    b.output("bad");
    b.output("big");
    return b;
}

TEST(ShapeFolder, DivisionByZeroAndHugeValuesAreNotFolded)
{
    ProtoBuilder b = hugeAndZeroModel();
    const ShapeFolder::Result result = ShapeFolder::inferShapes(b.model());
    EXPECT_EQ(result.foldedTensors, 1); // only s = [1,4]
    EXPECT_EQ(dimsOf(b.graph(), "s"), (std::vector<int64_t>{2}));

    // The loader keeps the graph but does not trust an inferred 2^80-element shape.
    const auto graph = OnnxLoader::loadBytes(hugeAndZeroModel().bytes(), QStringLiteral("div.onnx"));
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    EXPECT_FALSE(graph->tensor(QStringLiteral("big"))->shape.isStatic());
}
