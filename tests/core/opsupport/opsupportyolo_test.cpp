// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupportdiagnostics.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

#include <QSet>

using namespace Mcw::Core;

// Ultralytics-shaped models from resources/samples/generate_models.py. Expectations follow
// tpu-mlir-ops.md, "Ops in common MaixCAM model families": cut as Sipeed recommends
// (maixpy-mud.md §3.2) nothing is unsupported, only BF16 fallbacks for Softmax and
// tensor × tensor MatMul; the end-to-end YOLO26 head keeps TopK with its indices used (aborts)
// and GatherElements (CPU).

static Graph load(const char *name)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::generatedModel(QString::fromLatin1(name)));
    EXPECT_TRUE(graph.has_value()) << (graph ? std::string() : graph.error().message.toStdString());
    return graph ? *graph : Graph();
}

static QSet<QString> issueOps(const OpSupportReport &report, OpVerdict verdict)
{
    QSet<QString> ops;
    for (const NodeSupport &n : report.issues()) {
        if (n.verdict == verdict)
            ops.insert(n.opType);
    }
    return ops;
}

TEST(OpSupportYolo, Yolo26EndToEndHeadNeedsTheCut)
{
    const Graph graph = load("yolo26n");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport whole = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(issueOps(whole, OpVerdict::TargetUnsupported), QSet<QString>{QStringLiteral("TopK")});
    EXPECT_EQ(issueOps(whole, OpVerdict::Cpu), QSet<QString>{QStringLiteral("GatherElements")});
    EXPECT_TRUE(whole.blocking().size() == 1);

    QStringList cut;
    for (const char *branch : {"cv2", "cv3"}) {
        for (int i = 0; i < 3; ++i) {
            cut.append(QStringLiteral("/model.23/one2one_%1.%2/one2one_%1.%2.2/Conv_output_0")
                           .arg(QLatin1String(branch))
                           .arg(i));
        }
    }
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, cut);
    EXPECT_TRUE(report.blocking().isEmpty());
    EXPECT_TRUE(issueOps(report, OpVerdict::Cpu).isEmpty());
    EXPECT_EQ(issueOps(report, OpVerdict::Bf16Fallback),
              (QSet<QString>{QStringLiteral("Softmax"), QStringLiteral("MatMul")}));

    FamilyDetection family;
    family.family = QStringLiteral("yolo26");
    family.recommendedOutputs = cut;
    const auto suggestion = suggestCut(graph, whole, family);
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_TRUE(suggestion->fromFamily);
    EXPECT_EQ(suggestion->leftOpTypes, QStringList{QStringLiteral("TopK")});
}

TEST(OpSupportYolo, Yolov8Scheme2KeepsOnlyTheDflSoftmaxInBf16)
{
    const Graph graph = load("yolov8n");
    ASSERT_FALSE(graph.isNull());
    const QStringList cut{QStringLiteral("/model.22/dfl/conv/Conv_output_0"),
                          QStringLiteral("/model.22/Sigmoid_output_0")};
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, cut);
    const QList<NodeSupport> issues = report.issues();
    ASSERT_EQ(issues.size(), 1);
    EXPECT_EQ(issues[0].opType, QStringLiteral("Softmax"));
    EXPECT_EQ(issues[0].verdict, OpVerdict::Bf16Fallback);
    // Left in the graph, the box decoding adds/subtracts constant grids: BF16, not failure.
    const OpSupportReport whole = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_TRUE(whole.blocking().isEmpty());
    EXPECT_TRUE(issueOps(whole, OpVerdict::Bf16Fallback).contains(QStringLiteral("Add")));
}
