// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/layout/viewgraph.h>
#include <core/onnx/onnxloader.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

// Models written by make_viewgraph_models.py; the expectations below are read off that script.
static Graph loadModel(const char *name)
{
    const QString path = QStringLiteral(MCW_VIEWGRAPH_MODELS "/") + QString::fromLatin1(name);
    Expected<Graph> graph = OnnxLoader::loadFile(path);
    EXPECT_TRUE(graph.has_value()) << qPrintable(path);
    return graph ? *graph : Graph();
}

static int nodeByName(const ViewGraph &view, const QString &name)
{
    for (int i = 0; i < view.nodes().size(); ++i) {
        if (view.nodes().at(i).name == name)
            return i;
    }
    return -1;
}

static QString edgeLabel(const ViewGraph &view, const QString &tensor)
{
    const QList<int> edges = view.edgesOfTensor(tensor);
    return edges.isEmpty() ? QStringLiteral("<none>") : view.edges().at(edges.first()).label;
}

TEST(ViewGraph, FoldsConstantsAndInitializersIntoConsumers)
{
    const Graph graph = loadModel("small.onnx");
    const ViewGraph view = ViewGraph::build(graph);
    // 9 ONNX nodes, 2 of them Constants: 7 op nodes + 1 input + 2 outputs.
    ASSERT_EQ(view.nodes().size(), 10);
    for (const ViewGraph::Node &node : view.nodes())
        EXPECT_NE(node.opType, QStringLiteral("Constant"));
    EXPECT_EQ(view.displayNodeOfOnnxNode(graph.nodeIndex(QStringLiteral("const_two"))), -1);

    const int conv = nodeByName(view, QStringLiteral("/model.0/conv/Conv"));
    ASSERT_GE(conv, 0);
    const ViewGraph::Node &convNode = view.nodes().at(conv);
    EXPECT_EQ(convNode.onnxNode, graph.nodeIndex(QStringLiteral("/model.0/conv/Conv")));
    ASSERT_EQ(convNode.initializers.size(), 2);
    EXPECT_EQ(convNode.initializers[0].name, QStringLiteral("W"));
    EXPECT_EQ(convNode.initializers[0].value, QStringLiteral("\u27e84\u00d73\u00d73\u00d73\u27e9"));
    EXPECT_EQ(convNode.initializers[0].tensor, QStringLiteral("model.0.conv.weight"));
    EXPECT_EQ(convNode.initializers[1].name, QStringLiteral("B"));
    EXPECT_EQ(convNode.initializers[1].value, QStringLiteral("\u27e84\u27e9"));

    QStringList attributes;
    for (const ViewGraph::Line &line : convNode.attributes)
        attributes.append(line.name + QLatin1Char('=') + line.value);
    EXPECT_TRUE(attributes.contains(QStringLiteral("kernel_shape=[3, 3]"))) << qPrintable(attributes.join(u' '));
    EXPECT_TRUE(attributes.contains(QStringLiteral("pads=[1, 1, 1, 1]")));
    EXPECT_TRUE(attributes.contains(QStringLiteral("group=1")));

    const ViewGraph::Node &mul = view.nodes().at(nodeByName(view, QStringLiteral("/model.1/Mul")));
    ASSERT_EQ(mul.initializers.size(), 1);
    EXPECT_EQ(mul.initializers[0].value, QStringLiteral("2.5")); // scalar Constant shows its value
    const ViewGraph::Node &add = view.nodes().at(nodeByName(view, QStringLiteral("/model.1/Add")));
    ASSERT_EQ(add.initializers.size(), 1);
    EXPECT_EQ(add.initializers[0].value, QStringLiteral("\u27e84\u00d71\u00d71\u27e9"));
    const ViewGraph::Node &reshape = view.nodes().at(nodeByName(view, QStringLiteral("/model.22/Reshape")));
    ASSERT_EQ(reshape.initializers.size(), 1);
    EXPECT_EQ(reshape.initializers[0].name, QStringLiteral("shape"));
    EXPECT_EQ(reshape.initializers[0].value, QStringLiteral("[1, 4, -1]"));
}

TEST(ViewGraph, InputsAndOutputsAreOwnNodes)
{
    const ViewGraph view = ViewGraph::build(loadModel("small.onnx"));
    const int input = view.inputNodeOfTensor(QStringLiteral("images"));
    ASSERT_GE(input, 0);
    EXPECT_EQ(view.nodes().at(input).kind, ViewGraph::Node::Kind::Input);
    EXPECT_EQ(view.nodes().at(input).category, OpCategory::Input);
    const int scores = view.outputNodeOfTensor(QStringLiteral("scores"));
    const int pooled = view.outputNodeOfTensor(QStringLiteral("pooled"));
    ASSERT_GE(scores, 0);
    ASSERT_GE(pooled, 0);
    EXPECT_EQ(view.nodes().at(pooled).kind, ViewGraph::Node::Kind::Output);
    EXPECT_EQ(view.outputNodeOfTensor(QStringLiteral("flat")), -1);
}

TEST(ViewGraph, OneEdgePerTensorAndConsumerWithShapeLabels)
{
    const ViewGraph view = ViewGraph::build(loadModel("small.onnx"));
    // images→Conv, Conv→Relu, Relu→Mul, Mul→Add, Add→Reshape, Add→MaxPool, Reshape→Sigmoid,
    // Sigmoid→scores, MaxPool→pooled.
    EXPECT_EQ(view.edges().size(), 9);
    EXPECT_EQ(edgeLabel(view, QStringLiteral("images")), QStringLiteral("1\u00d73\u00d78\u00d78"));
    EXPECT_EQ(edgeLabel(view, QStringLiteral("/model.0/conv/Conv_output_0")), QStringLiteral("1\u00d74\u00d78\u00d78"));
    EXPECT_EQ(edgeLabel(view, QStringLiteral("flat")), QStringLiteral("1\u00d74\u00d764"));
    EXPECT_EQ(edgeLabel(view, QStringLiteral("pooled")), QStringLiteral("1\u00d74\u00d74\u00d74"));
    EXPECT_EQ(view.edgesOfTensor(QStringLiteral("shifted")).size(), 2);
    EXPECT_TRUE(view.edgesOfTensor(QStringLiteral("two")).isEmpty()); // folded
    EXPECT_TRUE(view.edgesOfTensor(QStringLiteral("model.0.conv.weight")).isEmpty());

    for (const int e : view.edgesOfTensor(QStringLiteral("shifted"))) {
        const ViewGraph::Edge &edge = view.edges().at(e);
        EXPECT_EQ(view.nodes().at(edge.from).name, QStringLiteral("/model.1/Add"));
    }
    const ViewGraph::Edge &out = view.edges().at(view.edgesOfTensor(QStringLiteral("scores")).first());
    EXPECT_EQ(out.to, view.outputNodeOfTensor(QStringLiteral("scores")));
}

TEST(ViewGraph, ShapeLabelsUseTimesAndQuestionMarks)
{
    Shape shape;
    shape.known = true;
    shape.dims = {Dim{1, {}}, Dim{-1, QStringLiteral("batch")}, Dim{}, Dim{80, {}}};
    EXPECT_EQ(shapeLabel(shape), QStringLiteral("1\u00d7batch\u00d7?\u00d780"));
    EXPECT_EQ(shapeLabel(Shape()), QString());
    Shape generated;
    generated.known = true;
    generated.dims = {Dim{-1, QStringLiteral("p2o.DynamicDimension.0")}, Dim{8, {}}, Dim{-1, QStringLiteral("unk__3")}};
    EXPECT_EQ(shapeLabel(generated), QStringLiteral("?\u00d78\u00d7?"));
    Shape scalar;
    scalar.known = true;
    EXPECT_EQ(shapeLabel(scalar), QString());
}

TEST(ViewGraph, CategoriesFollowTheTable)
{
    EXPECT_EQ(opCategory(QStringLiteral("Conv")), OpCategory::Layer);
    EXPECT_EQ(opCategory(QStringLiteral("Gemm")), OpCategory::Layer);
    EXPECT_EQ(opCategory(QStringLiteral("Sigmoid")), OpCategory::Activation);
    EXPECT_EQ(opCategory(QStringLiteral("MaxPool")), OpCategory::Pool);
    EXPECT_EQ(opCategory(QStringLiteral("BatchNormalization")), OpCategory::Normalization);
    EXPECT_EQ(opCategory(QStringLiteral("Reshape")), OpCategory::Shape);
    EXPECT_EQ(opCategory(QStringLiteral("Concat")), OpCategory::Tensor);
    EXPECT_EQ(opCategory(QStringLiteral("Transpose")), OpCategory::DataMovement);
    EXPECT_EQ(opCategory(QStringLiteral("Resize")), OpCategory::DataMovement);
    EXPECT_EQ(opCategory(QStringLiteral("DequantizeLinear")), OpCategory::Quantization);
    EXPECT_EQ(opCategory(QStringLiteral("Loop")), OpCategory::Control);
    EXPECT_EQ(opCategory(QStringLiteral("Add")), OpCategory::Other);
    EXPECT_EQ(opCategory(QStringLiteral("Conv"), QStringLiteral("com.sophgo")), OpCategory::Custom);
    EXPECT_EQ(opCategory(QStringLiteral("Conv"), QStringLiteral("ai.onnx")), OpCategory::Layer);
    EXPECT_EQ(opCategoryName(OpCategory::DataMovement), QStringLiteral("data movement"));

    const ViewGraph view = ViewGraph::build(loadModel("small.onnx"));
    EXPECT_EQ(view.nodes().at(nodeByName(view, QStringLiteral("/model.2/MaxPool"))).category, OpCategory::Pool);
    EXPECT_EQ(view.nodes().at(nodeByName(view, QStringLiteral("/model.0/conv/Conv"))).category, OpCategory::Layer);
}

static QStringList hitTexts(const QList<FindHit> &hits, FindHit::Kind kind)
{
    QStringList texts;
    for (const FindHit &hit : hits) {
        if (hit.kind == kind)
            texts.append(hit.text);
    }
    texts.sort();
    return texts;
}

TEST(FindInGraph, MatchesNamesTypesTensorsAndShapes)
{
    const Graph graph = loadModel("small.onnx");
    const ViewGraph view = ViewGraph::build(graph);

    const QList<FindHit> conv = findInGraph(graph, view, QStringLiteral("Conv"));
    EXPECT_EQ(hitTexts(conv, FindHit::Kind::Node), QStringList{QStringLiteral("/model.0/conv/Conv")});
    EXPECT_EQ(hitTexts(conv, FindHit::Kind::Tensor),
              (QStringList{QStringLiteral("/model.0/conv/Conv_output_0"),
                           QStringLiteral("model.0.conv.bias"), QStringLiteral("model.0.conv.weight")}));
    ASSERT_FALSE(conv.isEmpty());
    EXPECT_EQ(conv.first().kind, FindHit::Kind::Node); // nodes first

    const QList<FindHit> head = findInGraph(graph, view, QStringLiteral("/model.22/"));
    EXPECT_EQ(hitTexts(head, FindHit::Kind::Node),
              (QStringList{QStringLiteral("/model.22/Reshape"), QStringLiteral("/model.22/Sigmoid")}));
    EXPECT_TRUE(hitTexts(head, FindHit::Kind::Tensor).isEmpty());

    const QList<FindHit> shape = findInGraph(graph, view, QStringLiteral("1,4,8,8"));
    EXPECT_TRUE(hitTexts(shape, FindHit::Kind::Node).isEmpty());
    EXPECT_EQ(hitTexts(shape, FindHit::Kind::Tensor),
              (QStringList{QStringLiteral("/model.0/act/Relu_output_0"),
                           QStringLiteral("/model.0/conv/Conv_output_0"), QStringLiteral("scaled"),
                           QStringLiteral("shifted")}));
}

TEST(FindInGraph, TermsAreAndedAndCaseInsensitive)
{
    const Graph graph = loadModel("small.onnx");
    const ViewGraph view = ViewGraph::build(graph);
    const QList<FindHit> both = findInGraph(graph, view, QStringLiteral("relu 1,4"));
    ASSERT_EQ(both.size(), 1);
    EXPECT_EQ(both.first().kind, FindHit::Kind::Tensor);
    EXPECT_EQ(both.first().text, QStringLiteral("/model.0/act/Relu_output_0"));
    EXPECT_EQ(both.first().displayNode, nodeByName(view, QStringLiteral("/model.0/act/Relu")));

    const QList<FindHit> upper = findInGraph(graph, view, QStringLiteral("MAXPOOL"));
    EXPECT_EQ(hitTexts(upper, FindHit::Kind::Node), QStringList{QStringLiteral("/model.2/MaxPool")});
    EXPECT_TRUE(findInGraph(graph, view, QStringLiteral("   ")).isEmpty());
    EXPECT_TRUE(findInGraph(graph, view, QStringLiteral("conv nothing-like-this")).isEmpty());

    // A weight hit centres on its consumer, since the weight itself has no node.
    const QList<FindHit> weight = findInGraph(graph, view, QStringLiteral("conv.weight"));
    ASSERT_EQ(weight.size(), 1);
    EXPECT_EQ(weight.first().displayNode, nodeByName(view, QStringLiteral("/model.0/conv/Conv")));
}
