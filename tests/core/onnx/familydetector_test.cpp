// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Family detection on small hand-made graphs whose tensors carry Ultralytics names and declared
// shapes (shape inference off, so the declared shapes are what the detector sees). The generated
// full-size models are covered in generatedmodels_test.cpp.
#include "protobuilder.h"

#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;
using Mcw::Tests::ProtoBuilder;

// Adds `op` reading `images` and writing `tensor`, with node name = tensor minus "_output_0".
static void addTensor(ProtoBuilder &b, const std::string &op, const std::string &tensor,
                      std::initializer_list<int64_t> dims)
{
    std::string nodeName = tensor;
    const std::string suffix = "_output_0";
    if (nodeName.size() > suffix.size() && nodeName.ends_with(suffix))
        nodeName.resize(nodeName.size() - suffix.size());
    b.node(op, {"images"}, {tensor}, nodeName);
    auto *info = b.graph().add_value_info();
    info->set_name(tensor);
    info->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    auto *shape = info->mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int64_t d : dims)
        shape->add_dim()->set_dim_value(d);
}

static Graph loadDeclared(const ProtoBuilder &b)
{
    OnnxLoader::Options options;
    options.inferShapes = false;
    const auto graph = OnnxLoader::loadBytes(b.bytes(), QStringLiteral("synthetic.onnx"), options);
    EXPECT_TRUE(graph) << graph.error().message.toStdString();
    return graph ? *graph : Graph();
}

// A 64x64 input: A = 8*8 + 4*4 + 2*2 = 84 anchors.
static ProtoBuilder yolov8Head(int64_t dflAnchors)
{
    ProtoBuilder b(17, 8);
    b.input("images", {1, 3, 64, 64});
    addTensor(b, "Concat", "/model.22/Concat_1_output_0", {1, 144, 8, 8});
    addTensor(b, "Concat", "/model.22/Concat_2_output_0", {1, 144, 4, 4});
    addTensor(b, "Concat", "/model.22/Concat_3_output_0", {1, 144, 2, 2});
    addTensor(b, "Conv", "/model.22/dfl/conv/Conv_output_0", {1, 1, 4, dflAnchors});
    addTensor(b, "Sigmoid", "/model.22/Sigmoid_output_0", {1, 80, 84});
    b.output("/model.22/Sigmoid_output_0");
    return b;
}

TEST(FamilyDetector, SyntheticYoloV8DetectHead)
{
    const FamilyDetection d = detectFamily(loadDeclared(yolov8Head(84)));
    EXPECT_EQ(d.family, QStringLiteral("yolov8"));
    EXPECT_EQ(d.task, QStringLiteral("detect"));
    EXPECT_EQ(d.classCount, 80);
    EXPECT_EQ(d.recommendedOutputs, (QStringList{QStringLiteral("/model.22/dfl/conv/Conv_output_0"),
                                                 QStringLiteral("/model.22/Sigmoid_output_0")}));
    EXPECT_EQ(d.alternativeOutputs, (QStringList{QStringLiteral("/model.22/Concat_1_output_0"),
                                                 QStringLiteral("/model.22/Concat_2_output_0"),
                                                 QStringLiteral("/model.22/Concat_3_output_0")}));
}

TEST(FamilyDetector, YoloNamesWithWrongShapesAreNotYolo)
{
    // The DFL tensor claims 100 anchors, but a 64x64 input has 84.
    const FamilyDetection d = detectFamily(loadDeclared(yolov8Head(100)));
    EXPECT_EQ(d.family, QStringLiteral("unknown"));
    EXPECT_TRUE(d.recommendedOutputs.isEmpty());
    EXPECT_TRUE(d.reason.contains(QStringLiteral("[1,1,4,100]"))) << d.reason.toStdString();
}

TEST(FamilyDetector, YoloV5NamesWithWrongChannelsAreNotYolo)
{
    ProtoBuilder b(17, 8);
    b.input("images", {1, 3, 64, 64});
    // 85 channels is YOLOv5's per-anchor layout flattened wrongly: not 3*(5+nc).
    addTensor(b, "Conv", "/model.24/m.0/Conv_output_0", {1, 85, 8, 8});
    addTensor(b, "Conv", "/model.24/m.1/Conv_output_0", {1, 85, 4, 4});
    addTensor(b, "Conv", "/model.24/m.2/Conv_output_0", {1, 85, 2, 2});
    b.output("/model.24/m.0/Conv_output_0");
    const FamilyDetection d = detectFamily(loadDeclared(b));
    EXPECT_EQ(d.family, QStringLiteral("unknown"));
}

TEST(FamilyDetector, SyntheticYoloV5Head)
{
    ProtoBuilder b(17, 8);
    b.input("images", {1, 3, 64, 64});
    addTensor(b, "Conv", "/model.24/m.0/Conv_output_0", {1, 255, 8, 8});
    addTensor(b, "Conv", "/model.24/m.1/Conv_output_0", {1, 255, 4, 4});
    addTensor(b, "Conv", "/model.24/m.2/Conv_output_0", {1, 255, 2, 2});
    b.output("/model.24/m.2/Conv_output_0");
    const FamilyDetection d = detectFamily(loadDeclared(b));
    EXPECT_EQ(d.family, QStringLiteral("yolov5"));
    EXPECT_EQ(d.classCount, 80); // 255 = 3 * (5 + 80)
    EXPECT_EQ(d.recommendedOutputs.size(), 3);
}

TEST(FamilyDetector, ClassifierEndingInSoftmaxCutsBeforeIt)
{
    ProtoBuilder b(13, 8);
    b.input("x", {1, 16}).initializer("w", {16, 5});
    b.node("MatMul", {"x", "w"}, {"logits"}, "fc");
    b.node("Softmax", {"logits"}, {"prob"}, "softmax");
    b.output("prob");
    const auto graph = OnnxLoader::loadBytes(b.bytes(), QStringLiteral("cls.onnx"));
    ASSERT_TRUE(graph);
    const FamilyDetection d = detectFamily(*graph);
    EXPECT_EQ(d.family, QStringLiteral("classifier"));
    EXPECT_EQ(d.task, QStringLiteral("classify"));
    EXPECT_EQ(d.classCount, 5);
    EXPECT_EQ(d.recommendedOutputs, QStringList{QStringLiteral("logits")});
}

TEST(FamilyDetector, SoftmaxOverUnknownShapeIsNotAClassifier)
{
    ProtoBuilder b(13, 8);
    b.node("Softmax", {"x"}, {"prob"}, "softmax");
    b.graph().add_input()->set_name("x"); // no type: nothing to infer from
    b.output("prob");
    const auto graph = OnnxLoader::loadBytes(b.bytes(), QStringLiteral("cls.onnx"));
    ASSERT_TRUE(graph);
    EXPECT_EQ(detectFamily(*graph).family, QStringLiteral("unknown"));
}

TEST(FamilyDetector, EmptyGraphIsUnknown)
{
    EXPECT_EQ(detectFamily(Graph()).family, QStringLiteral("unknown"));
}
