// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupportdiagnostics.h>
#include <core/opsupport/opsupportjson.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QSet>

using namespace Mcw::Core;

// The models come from tests/models/generate_opsupport_models.py; the expected verdicts are
// the ones shared/reference/tpu-mlir-ops.md gives for each op (quoted next to each check).

static Graph loadModel(const char *name)
{
    const QString path = Mcw::Tests::generatedModel(QStringLiteral("opsupport/") + QLatin1String(name));
    const auto graph = OnnxLoader::loadFile(path);
    EXPECT_TRUE(graph.has_value()) << (graph ? std::string() : graph.error().message.toStdString());
    return graph ? *graph : Graph();
}

static OpVerdict verdictOf(const Graph &graph, const OpSupportReport &report, const char *nodeId)
{
    const int index = graph.nodeIndex(QString::fromLatin1(nodeId));
    EXPECT_GE(index, 0) << nodeId;
    const NodeSupport *n = report.node(index);
    return n ? n->verdict : OpVerdict::NotConverted;
}

static QString reasonOf(const Graph &graph, const OpSupportReport &report, const char *nodeId)
{
    const NodeSupport *n = report.node(graph.nodeIndex(QString::fromLatin1(nodeId)));
    return n ? n->reason : QString();
}

static QSet<QString> toSet(const QStringList &list)
{
    return QSet<QString>(list.begin(), list.end());
}

static QList<Diagnostic> withSeverity(const QList<Diagnostic> &all, Diagnostic::Severity s)
{
    QList<Diagnostic> out;
    for (const Diagnostic &d : all) {
        if (d.severity == s)
            out.append(d);
    }
    return out;
}

TEST(OpSupportAnalyzer, FrontendRejectsMishAndOpset20Gelu)
{
    const Graph graph = loadModel("frontend");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(verdictOf(graph, report, "conv"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "relu"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "mish"), OpVerdict::FrontendUnsupported);
    EXPECT_EQ(verdictOf(graph, report, "gelu"), OpVerdict::FrontendUnsupported);
    EXPECT_TRUE(reasonOf(graph, report, "gelu").contains(QStringLiteral("opset-20")));

    const QList<Diagnostic> diags = opSupportDiagnostics(graph, report, FamilyDetection{});
    const QList<Diagnostic> errors = withSeverity(diags, Diagnostic::Severity::Error);
    ASSERT_EQ(errors.size(), 2);
    EXPECT_EQ(errors[0].nodeId, QStringLiteral("mish"));
    EXPECT_EQ(errors[0].stage, QStringLiteral("opsupport"));
    EXPECT_EQ(errors[0].code, QStringLiteral("op_frontend_unsupported"));
    EXPECT_TRUE(errors[0].message.startsWith(QStringLiteral("Mish node 'mish' ")));
    // The Problems list groups nodes by this: op type, verdict and reason, never the node.
    EXPECT_TRUE(errors[0].group.startsWith(QStringLiteral("Mish is rejected by tpu-mlir's ONNX frontend: ")))
        << errors[0].group.toStdString();
    EXPECT_FALSE(errors[0].group.contains(QStringLiteral("'mish'")));
    EXPECT_NE(errors[0].group, errors[1].group);
    // Both read "feat", the Relu output: cutting there leaves them to the CPU.
    EXPECT_EQ(errors[1].suggestion,
              QStringLiteral("Cut at feat to leave Mish and Gelu to the CPU post-processing."));
}

TEST(OpSupportAnalyzer, OpsWithoutCv18xxLoweringAreTargetErrors)
{
    const Graph graph = loadModel("target");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {});
    for (const char *id : {"round", "mod", "greater", "nms"})
        EXPECT_EQ(verdictOf(graph, report, id), OpVerdict::TargetUnsupported) << id;
    // Reshape/Slice with constant shapes and bounds, a 3-D Transpose: TPU.
    for (const char *id : {"conv", "relu", "flatten", "slice_boxes", "slice_scores", "boxes_t"})
        EXPECT_EQ(verdictOf(graph, report, id), OpVerdict::Npu) << id;
    EXPECT_EQ(report.blocking().size(), 4);

    // NMS reads boxes/scores (made by convertible ops), the rest read feat: that is the frontier.
    const auto suggestion = suggestCut(graph, report, FamilyDetection{});
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_FALSE(suggestion->fromFamily);
    EXPECT_EQ(toSet(suggestion->tensors), toSet({QStringLiteral("feat"), QStringLiteral("boxes"), QStringLiteral("scores")}));
    EXPECT_EQ(suggestion->leftOpTypes,
              QStringList({QStringLiteral("Round"), QStringLiteral("Mod"), QStringLiteral("Greater"), QStringLiteral("NonMaxSuppression")}));
    EXPECT_TRUE(suggestion->sentence.endsWith(
        QStringLiteral("to leave Round, Mod, Greater and NonMaxSuppression to the CPU "
                       "post-processing.")));

    // Converting behind the suggested cut leaves nothing unsupported and the tail unconverted.
    const OpSupportReport cut = OpSupportAnalyzer().analyze(graph, suggestion->tensors);
    EXPECT_TRUE(cut.blocking().isEmpty());
    EXPECT_EQ(verdictOf(graph, cut, "nms"), OpVerdict::NotConverted);
    EXPECT_EQ(verdictOf(graph, cut, "boxes_t"), OpVerdict::Npu);

    const QList<Diagnostic> diags = opSupportDiagnostics(graph, report, FamilyDetection{});
    EXPECT_EQ(withSeverity(diags, Diagnostic::Severity::Error).size(), 4);
    const QList<Diagnostic> infos = withSeverity(diags, Diagnostic::Severity::Info);
    ASSERT_EQ(infos.size(), 1);
    EXPECT_EQ(infos[0].code, QStringLiteral("opsupport_cut_suggestion"));
    EXPECT_EQ(infos[0].message, suggestion->sentence);
}

TEST(OpSupportAnalyzer, TopKAndGridSampleAreCpuLayers)
{
    const Graph graph = loadModel("cpu");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(verdictOf(graph, report, "topk"), OpVerdict::Cpu); // K constant, indices unused
    EXPECT_EQ(verdictOf(graph, report, "grid_sample"), OpVerdict::Cpu);
    const QList<Diagnostic> diags = opSupportDiagnostics(graph, report, FamilyDetection{});
    ASSERT_EQ(diags.size(), 2);
    for (const Diagnostic &d : diags) {
        EXPECT_EQ(d.severity, Diagnostic::Severity::Warning);
        EXPECT_EQ(d.code, QStringLiteral("op_cpu_layer"));
    }
    EXPECT_TRUE(diags[0].message.contains(QStringLiteral("topk")));
}

TEST(OpSupportAnalyzer, SoftmaxAndLayerNormFallBackToBf16OnlyUnderInt8)
{
    const Graph graph = loadModel("bf16");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport int8 = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(verdictOf(graph, int8, "softmax"), OpVerdict::Bf16Fallback);
    EXPECT_EQ(verdictOf(graph, int8, "layernorm"), OpVerdict::Bf16Fallback);
    const QList<Diagnostic> diags = opSupportDiagnostics(graph, int8, FamilyDetection{});
    ASSERT_EQ(diags.size(), 2);
    EXPECT_EQ(diags[1].code, QStringLiteral("op_bf16_fallback"));
    EXPECT_EQ(diags[1].severity, Diagnostic::Severity::Warning);

    OpSupportAnalyzer::Options bf16;
    bf16.quantize = OpSupportAnalyzer::Quantize::Bf16;
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {}, bf16);
    EXPECT_EQ(verdictOf(graph, report, "softmax"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "layernorm"), OpVerdict::Npu);
}

TEST(OpSupportAnalyzer, EvaluatesResizePadGatherEqualAndTopKConditions)
{
    const Graph graph = loadModel("conditions");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {});
    // Resize: nearest ×2 → Upsample (TPU); asymmetric linear ×1.5 → CPU interp; runtime
    // scales → cannot tell.
    EXPECT_EQ(verdictOf(graph, report, "resize_nearest"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "resize_linear"), OpVerdict::Cpu);
    EXPECT_EQ(verdictOf(graph, report, "resize_dynamic"), OpVerdict::Unknown);
    // Pad: constant mode TPU; reflect only 1-D/2-D, "?" in the reference.
    EXPECT_EQ(verdictOf(graph, report, "pad_constant"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "pad_reflect"), OpVerdict::Conditional);
    // Gather: constant scalar / evenly spaced indices → Slice; 2-D table on axis 0 → CPU
    // embedding; anything else aborts.
    EXPECT_EQ(verdictOf(graph, report, "gather_scalar"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "gather_even"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "gather_uneven"), OpVerdict::TargetUnsupported);
    EXPECT_EQ(verdictOf(graph, report, "gather_embedding"), OpVerdict::Cpu);
    // Equal against 0: BF16 in both modes; against 1: aborts.
    EXPECT_EQ(verdictOf(graph, report, "equal_zero"), OpVerdict::Bf16Fallback);
    EXPECT_EQ(verdictOf(graph, report, "equal_one"), OpVerdict::TargetUnsupported);
    // TopK whose indices are a model output: "Not supported now".
    EXPECT_EQ(verdictOf(graph, report, "topk_indices_used"), OpVerdict::TargetUnsupported);
    EXPECT_TRUE(reasonOf(graph, report, "topk_indices_used").contains(QStringLiteral("indices")));
    // Shape arithmetic on static shapes folds; the Reshape then has a constant shape.
    for (const char *id : {"shape", "shape_gather", "shape_unsqueeze", "shape_concat"})
        EXPECT_EQ(verdictOf(graph, report, id), OpVerdict::Folded) << id;
    EXPECT_EQ(verdictOf(graph, report, "reshape"), OpVerdict::Npu);
    EXPECT_EQ(verdictOf(graph, report, "cast"), OpVerdict::NoOp);
    EXPECT_EQ(verdictOf(graph, report, "identity"), OpVerdict::NoOp);

    const QList<Diagnostic> diags = opSupportDiagnostics(graph, report, FamilyDetection{});
    QSet<QString> errorNodes;
    for (const Diagnostic &d : withSeverity(diags, Diagnostic::Severity::Error))
        errorNodes.insert(d.nodeId);
    EXPECT_EQ(errorNodes, toSet({QStringLiteral("gather_uneven"), QStringLiteral("equal_one"), QStringLiteral("topk_indices_used")}));
}

TEST(OpSupportAnalyzer, OpsAfterTheCutRaiseNoError)
{
    const Graph graph = loadModel("tail");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport whole = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(verdictOf(graph, whole, "mish"), OpVerdict::FrontendUnsupported);
    EXPECT_EQ(verdictOf(graph, whole, "nms"), OpVerdict::TargetUnsupported);
    EXPECT_EQ(verdictOf(graph, whole, "topk"), OpVerdict::Cpu);
    EXPECT_EQ(verdictOf(graph, whole, "softmax"), OpVerdict::Bf16Fallback);
    EXPECT_TRUE(hasErrors(opSupportDiagnostics(graph, whole, FamilyDetection{})));

    const QStringList cut{QStringLiteral("feat")};
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, cut);
    EXPECT_TRUE(report.issues().isEmpty());
    EXPECT_TRUE(opSupportDiagnostics(graph, cut, FamilyDetection{}).isEmpty());
    for (const char *id : {"mish", "nms", "round", "mod", "greater", "topk", "softmax", "flatten"}) {
        EXPECT_EQ(verdictOf(graph, report, id), OpVerdict::NotConverted) << id;
        EXPECT_EQ(report.supportClass(graph.nodeIndex(QString::fromLatin1(id))),
                  OpSupportClass::NotConverted);
    }
    EXPECT_EQ(report.supportClass(graph.nodeIndex(QStringLiteral("conv"))), OpSupportClass::Supported);
}

TEST(OpSupportAnalyzer, PrefersTheFamilyRecommendedCut)
{
    const Graph graph = loadModel("tail");
    ASSERT_FALSE(graph.isNull());
    FamilyDetection family;
    family.family = QStringLiteral("yolov8");
    family.recommendedOutputs = {QStringLiteral("feat")};
    const auto suggestion = suggestCut(graph, OpSupportAnalyzer().analyze(graph, {}), family);
    ASSERT_TRUE(suggestion.has_value());
    EXPECT_TRUE(suggestion->fromFamily);
    EXPECT_EQ(suggestion->sentence,
              QStringLiteral("Cut at feat (the recommended yolov8 cut) to leave Round, Mod, "
                             "Greater, NonMaxSuppression and Mish to the CPU post-processing."));
}

TEST(OpSupportAnalyzer, NoSuggestionWhenAnUnsupportedNodeReadsTheModelInput)
{
    const Graph graph = loadModel("input_round");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(verdictOf(graph, report, "round_input"), OpVerdict::TargetUnsupported);
    EXPECT_FALSE(suggestCut(graph, report, FamilyDetection{}).has_value());
    const QList<Diagnostic> diags = opSupportDiagnostics(graph, report, FamilyDetection{});
    ASSERT_EQ(diags.size(), 1);
    EXPECT_TRUE(diags[0].suggestion.isEmpty());
}

TEST(OpSupportAnalyzer, NoSuggestionForAnUnsupportedOpInsideTheNetwork)
{
    const Graph graph = loadModel("mish_inside");
    ASSERT_FALSE(graph.isNull());
    const OpSupportReport report = OpSupportAnalyzer().analyze(graph, {});
    EXPECT_EQ(verdictOf(graph, report, "mish"), OpVerdict::FrontendUnsupported);
    EXPECT_EQ(verdictOf(graph, report, "conv2"), OpVerdict::Npu);
    EXPECT_FALSE(suggestCut(graph, report, FamilyDetection{}).has_value());
}

TEST(OpSupportJson, ScopeFollowsTheFamily)
{
    const Graph graph = loadModel("target");
    ASSERT_FALSE(graph.isNull());
    const QJsonObject whole = opSupportJson(graph, FamilyDetection{});
    EXPECT_EQ(whole.value(QStringLiteral("scope")).toString(), QStringLiteral("whole_graph"));
    EXPECT_TRUE(whole.value(QStringLiteral("cut")).toArray().isEmpty());
    const QJsonArray nodes = whole.value(QStringLiteral("nodes")).toArray();
    QSet<QString> listed;
    for (const QJsonValue &v : nodes) {
        const QJsonObject o = v.toObject();
        EXPECT_EQ(o.value(QStringLiteral("verdict")).toString(),
                  QStringLiteral("target_unsupported"));
        EXPECT_FALSE(o.value(QStringLiteral("reason")).toString().isEmpty());
        listed.insert(o.value(QStringLiteral("op_type")).toString());
        EXPECT_TRUE(o.contains(QStringLiteral("node")));
    }
    EXPECT_EQ(listed, toSet({QStringLiteral("Round"), QStringLiteral("Mod"), QStringLiteral("Greater"), QStringLiteral("NonMaxSuppression")}));

    FamilyDetection family;
    family.family = QStringLiteral("yolov8");
    family.recommendedOutputs = {QStringLiteral("feat")};
    const QJsonObject cut = opSupportJson(graph, family);
    EXPECT_EQ(cut.value(QStringLiteral("scope")).toString(), QStringLiteral("recommended_cut"));
    EXPECT_EQ(cut.value(QStringLiteral("cut")).toArray(), QJsonArray({QStringLiteral("feat")}));
    EXPECT_TRUE(cut.value(QStringLiteral("nodes")).toArray().isEmpty());
}

TEST(OpSupportReport, LegendAndClasses)
{
    const QList<OpSupportLegendEntry> legend = opSupportLegend();
    QSet<int> classes;
    for (const OpSupportLegendEntry &e : legend) {
        classes.insert(int(e.supportClass));
        EXPECT_TRUE(e.color.startsWith(QLatin1Char('#')));
        EXPECT_FALSE(e.description.isEmpty());
    }
    EXPECT_EQ(classes.size(), 6);
    EXPECT_EQ(opSupportClass(OpVerdict::FrontendUnsupported), OpSupportClass::Unsupported);
    EXPECT_EQ(opSupportClass(OpVerdict::TargetUnsupported), OpSupportClass::Unsupported);
    EXPECT_EQ(opSupportClass(OpVerdict::Folded), OpSupportClass::Supported);
    EXPECT_EQ(opSupportClass(OpVerdict::Unknown), OpSupportClass::Uncertain);
    EXPECT_EQ(opVerdictName(OpVerdict::FrontendUnsupported), QStringLiteral("frontend_unsupported"));
    const OpSupportReport empty;
    EXPECT_EQ(empty.node(3), nullptr);
    EXPECT_EQ(empty.supportClass(3), OpSupportClass::NotConverted);
}
