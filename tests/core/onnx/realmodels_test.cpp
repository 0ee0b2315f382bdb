// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Real trained models from npm (fixture test_assets). Expected values were computed independently
// with Debian's python3-onnx 1.12:
//   m = onnx.load(path); len(m.graph.node); len(m.graph.initializer);
//   tensors = graph inputs ∪ initializers ∪ node outputs; parameters = Σ prod(dims) over
//   initializers and Constant "value" tensors; shapes from onnx.shape_inference.infer_shapes(m).
// For the pinned PP-OCR classifier the Python reference was infer_shapes() after pinning the input
// to 1x3x48x192 and adding the hand-folded Concat value [1, 200] as an initializer.
#include <core/onnx/onnxloader.h>
#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

static int staticNodeOutputs(const Graph &graph, bool skipConstants)
{
    int count = 0;
    for (const Node &node : graph.nodes()) {
        if (skipConstants && node.opType == QLatin1String("Constant"))
            continue;
        for (const QString &output : node.outputs) {
            const Tensor *t = graph.tensor(output);
            count += t && t->shape.isStatic() ? 1 : 0;
        }
    }
    return count;
}

TEST(RealModels, BlazeFaceMatchesPythonOnnx)
{
    const auto graph = OnnxLoader::loadFile(Tests::blazefaceModel());
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    EXPECT_EQ(graph->irVersion(), 7);
    EXPECT_EQ(graph->defaultOpset(), 12);
    EXPECT_EQ(graph->producerName(), QStringLiteral("tf2onnx"));
    EXPECT_EQ(graph->producerVersion(), QStringLiteral("1.7.2"));
    EXPECT_EQ(graph->nodes().size(), 104);
    EXPECT_EQ(graph->initializerNames().size(), 71);
    EXPECT_EQ(graph->tensors().size(), 176);
    EXPECT_EQ(graph->parameterCount(), 100472);
    EXPECT_EQ(graph->inputNames(), QStringList{QStringLiteral("input:0")});
    EXPECT_EQ(graph->tensor(QStringLiteral("input:0"))->shape, Shape::fromStatic({1, 128, 128, 3}));
    EXPECT_EQ(graph->outputNames(),
              (QStringList{QStringLiteral("Identity:0"), QStringLiteral("Identity_1:0"),
                           QStringLiteral("Identity_2:0"), QStringLiteral("Identity_3:0")}));
    EXPECT_EQ(graph->tensor(QStringLiteral("Identity:0"))->shape, Shape::fromStatic({1, 512, 1}));
    EXPECT_EQ(graph->tensor(QStringLiteral("Identity_3:0"))->shape, Shape::fromStatic({1, 384, 16}));
    EXPECT_EQ(graph->tensor(QStringLiteral("StatefulPartitionedCall/functional_1/conv2d/BiasAdd:0"))
                  ->shape,
              Shape::fromStatic({1, 24, 64, 64}));
    EXPECT_EQ(graph->tensor(QStringLiteral(
                                "StatefulPartitionedCall/functional_1/conv2d_20/BiasAdd__128:0"))
                  ->shape,
              Shape::fromStatic({1, 8, 8, 96}));
    EXPECT_EQ(staticNodeOutputs(*graph, false), 104);
    const QHash<QString, int> ops = graph->opHistogram();
    EXPECT_EQ(ops.value(QStringLiteral("Conv")), 37);
    EXPECT_EQ(ops.value(QStringLiteral("ConstantOfShape")), 11);
    EXPECT_EQ(ops.value(QStringLiteral("MaxPool")), 3);
    EXPECT_EQ(ops.size(), 8);
    int unnamed = 0;
    for (const Node &node : graph->nodes())
        unnamed += node.name.isEmpty() ? 1 : 0;
    EXPECT_EQ(unnamed, 22);
    EXPECT_EQ(graph->topologicalOrder().size(), 104);
}

TEST(RealModels, PpocrClassifierMatchesPythonOnnx)
{
    const auto graph = OnnxLoader::loadFile(Tests::ppocrClassifierModel());
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    EXPECT_EQ(graph->irVersion(), 8);
    EXPECT_EQ(graph->defaultOpset(), 9);
    EXPECT_EQ(graph->nodes().size(), 471);
    EXPECT_EQ(graph->initializerNames().size(), 0);
    EXPECT_EQ(graph->tensors().size(), 472);
    EXPECT_EQ(graph->parameterCount(), 133665); // all in Constant nodes
    EXPECT_EQ(graph->opHistogram().value(QStringLiteral("Constant")), 250);
    EXPECT_EQ(graph->tensor(QStringLiteral("x"))->shape.toString(),
              QStringLiteral("p2o.DynamicDimension.0,3,p2o.DynamicDimension.1,p2o.DynamicDimension.2"));
    EXPECT_EQ(graph->tensor(QStringLiteral("softmax_0.tmp_0"))->shape.toString(),
              QStringLiteral("p2o.DynamicDimension.3,2"));
    EXPECT_EQ(graph->tensor(QStringLiteral("p2o.GlobalAveragePool.19"))->shape.toString(),
              QStringLiteral("p2o.DynamicDimension.0,200,1,1"));
    EXPECT_EQ(graph->tensor(QStringLiteral("conv2d_53.tmp_0"))->shape.toString(),
              QStringLiteral("p2o.DynamicDimension.0,8,unk__0,unk__1"));
}

TEST(RealModels, PinnedPpocrClassifierBecomesFullyStatic)
{
    OnnxLoader::Options options;
    options.inputShapes.insert(QStringLiteral("x"), {1, 3, 48, 192});
    const auto graph = OnnxLoader::loadFile(Tests::ppocrClassifierModel(), options);
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    // 221 outputs of non-Constant nodes: Python gets 217 static without folding, 220 with the
    // injected value (the Concat itself lacks value_info there); the folder records it too.
    EXPECT_EQ(staticNodeOutputs(*graph, true), 221);
    EXPECT_EQ(graph->nodes().size(), 471);
    EXPECT_EQ(graph->tensor(QStringLiteral("conv2d_53.tmp_0"))->shape, Shape::fromStatic({1, 8, 24, 96}));
    EXPECT_EQ(graph->tensor(QStringLiteral("reshape2_0.tmp_0"))->shape, Shape::fromStatic({1, 200}));
    EXPECT_EQ(graph->tensor(QStringLiteral("p2o.Add.87"))->shape, Shape::fromStatic({1, 2}));
    EXPECT_EQ(graph->tensor(QStringLiteral("softmax_0.tmp_0"))->shape, Shape::fromStatic({1, 2}));
    EXPECT_EQ(graph->tensor(QStringLiteral("p2o.helper.concat.0"))->shape, Shape::fromStatic({2}));
}
