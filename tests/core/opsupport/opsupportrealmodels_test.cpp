// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupportdiagnostics.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

#include <QHash>

using namespace Mcw::Core;

// Real trained models from npm (fixture test_assets). Expected counts were computed with
// /usr/bin/python3 + onnx from the files themselves and the reference's rules:
//
// BlazeFace (face_detection_front_128x128_barracuda.onnx, 104 nodes): Conv 37, Relu 17, Add 16
// (all tensor + tensor), MaxPool 3, Transpose 5 (4-D), Reshape 4 (constant shapes) → TPU.
// Its 11 ConstantOfShape nodes take constant shapes ([1,4,64,64], ...) and fold to zero
// tensors, so each of the 11 Concat nodes that appends them has a constant input:
// "Concat | TPU; →BF16 if an input is constant". Nothing is unsupported.
//
// PP-OCR mobile v2.0 classifier (471 nodes): 250 Constant nodes become weights; the
// Shape → Cast → Slice → Cast → Concat chain feeding the final Reshape folds (static shapes),
// the third Cast converts a Constant and folds too. 19 Add nodes have a constant operand
// (18 `x + 3` of the hard-swish pattern and the FC bias) → BF16; the 18 Clip(0, 6) nodes read
// those Adds, not a Conv, so they stay Clips → BF16; the final Softmax → BF16: 38 fallbacks.
// Div by a constant scalar (MulConst LUT), Mul, HardSigmoid, BatchNormalization, Conv,
// GlobalAveragePool, MaxPool, MatMul with constant weights: TPU. Nothing is unsupported.

static QHash<OpVerdict, int> countVerdicts(const OpSupportReport &report)
{
    QHash<OpVerdict, int> counts;
    for (const NodeSupport &n : report.nodes())
        ++counts[n.verdict];
    return counts;
}

static QHash<QString, int> countOps(const OpSupportReport &report, OpVerdict verdict)
{
    QHash<QString, int> counts;
    for (const NodeSupport &n : report.nodes()) {
        if (n.verdict == verdict)
            ++counts[n.opType];
    }
    return counts;
}

TEST(OpSupportRealModels, BlazeFaceConvertsWithConcatBf16Fallbacks)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::blazefaceModel());
    ASSERT_TRUE(graph.has_value()) << graph.error().message.toStdString();
    const OpSupportReport report = OpSupportAnalyzer().analyze(*graph, {});
    ASSERT_EQ(report.nodes().size(), 104);
    const auto counts = countVerdicts(report);
    EXPECT_EQ(counts.value(OpVerdict::Folded), 11);
    EXPECT_EQ(counts.value(OpVerdict::Bf16Fallback), 11);
    EXPECT_EQ(counts.value(OpVerdict::Npu), 104 - 22);
    EXPECT_EQ(countOps(report, OpVerdict::Bf16Fallback), (QHash<QString, int>{{QStringLiteral("Concat"), 11}}));
    EXPECT_EQ(countOps(report, OpVerdict::Folded),
              (QHash<QString, int>{{QStringLiteral("ConstantOfShape"), 11}}));
    const QList<Diagnostic> diags = opSupportDiagnostics(*graph, report, FamilyDetection{});
    EXPECT_FALSE(hasErrors(diags));
    EXPECT_EQ(diags.size(), 11);
}

TEST(OpSupportRealModels, PpocrClassifierConvertsWithBf16Fallbacks)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::ppocrClassifierModel());
    ASSERT_TRUE(graph.has_value()) << graph.error().message.toStdString();
    const OpSupportReport report = OpSupportAnalyzer().analyze(*graph, {});
    ASSERT_EQ(report.nodes().size(), 471);
    const auto counts = countVerdicts(report);
    EXPECT_EQ(counts.value(OpVerdict::NoOp), 250);
    EXPECT_EQ(countOps(report, OpVerdict::Folded),
              (QHash<QString, int>{{QStringLiteral("Shape"), 1}, {QStringLiteral("Cast"), 3},
                                   {QStringLiteral("Slice"), 1}, {QStringLiteral("Concat"), 1}}));
    EXPECT_EQ(countOps(report, OpVerdict::Bf16Fallback),
              (QHash<QString, int>{{QStringLiteral("Add"), 19}, {QStringLiteral("Clip"), 18},
                                   {QStringLiteral("Softmax"), 1}}));
    EXPECT_EQ(counts.value(OpVerdict::Npu), 471 - 250 - 6 - 38);
    EXPECT_FALSE(hasErrors(opSupportDiagnostics(*graph, report, FamilyDetection{})));

    // Sipeed: cut classifiers before Softmax; the Softmax warning then goes away.
    const QStringList cut{graph->node(QStringLiteral("p2o.Softmax.0"))->inputs.first()};
    const OpSupportReport beforeSoftmax = OpSupportAnalyzer().analyze(*graph, cut);
    EXPECT_EQ(countOps(beforeSoftmax, OpVerdict::Bf16Fallback).value(QStringLiteral("Softmax")), 0);
    EXPECT_EQ(countVerdicts(beforeSoftmax).value(OpVerdict::Bf16Fallback), 37);
}
