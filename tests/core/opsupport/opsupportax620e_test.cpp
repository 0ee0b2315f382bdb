// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The AX620E (Pulsar2, MaixCAM2) operator table. Expected values come from Pulsar2's operator
// list (AXERA-TECH/pulsar2-docs-en @ 83fa86a, source/appendix/op_support_list_ax620e.md) and
// maixcam2.md §7 / §4.4, typed here from those sources, not read from the JSON.
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupport.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupportdiagnostics.h>
#include <core/opsupport/opsupportjson.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

#include <QFileInfo>
#include <QJsonArray>

using namespace Mcw::Core;

namespace {

// The 74 rows of the AX620E list (its "Topk" is ONNX's TopK).
const QStringList s_listed = QStringLiteral(
    "Abs Add ArgMax ArgMin AveragePool BatchNormalization Cast Ceil Clip Concat Constant ConstantOfShape "
    "Conv ConvTranspose DepthToSpace Div Elu Equal Erf Exp Expand Flatten Gather Gelu Gemm GlobalAveragePool "
    "GlobalMaxPool Greater GreaterOrEqual GridSample HardSigmoid HardSwish Identity InstanceNormalization "
    "LayerNormalization Less LessOrEqual LpNormalization LSTM LeakyRelu MatMul Max Min Mish MaxPool Mul PRelu "
    "Pad Pow ReduceL2 ReduceMax ReduceMean ReduceSum Relu Reshape Resize Sigmoid Slice SpatialTransformer "
    "Split Sqrt Silu Sin Swish Squeeze Softmax Softplus SpaceToDepth Sub Tanh TopK Transpose Unsqueeze Where")
                                 .split(QLatin1Char(' '));

const OpSupportTable &ax620e()
{
    return OpSupportTable::builtin(Device::MaixCam2);
}

Graph load(const QString &path)
{
    const auto graph = OnnxLoader::loadFile(path);
    EXPECT_TRUE(graph.has_value()) << (graph ? std::string() : graph.error().message.toStdString());
    return graph ? *graph : Graph();
}

const NodeSupport *nodeOf(const Graph &graph, const OpSupportReport &report, const QString &id)
{
    const NodeSupport *n = report.node(graph.nodeIndex(id));
    EXPECT_NE(n, nullptr) << id.toStdString();
    return n;
}

QStringList unsupportedOps(const OpSupportReport &report)
{
    QStringList out;
    for (const NodeSupport &n : report.issues())
        out.append(n.opType + QLatin1Char(' ') + opVerdictName(n.verdict));
    return out;
}

} // namespace

TEST(OpSupportAx620e, TableListsThe74NpuOpsAndNamesTheChip)
{
    const OpSupportTable &table = ax620e();
    ASSERT_TRUE(table.loadError().isEmpty()) << table.loadError().toStdString();
    EXPECT_EQ(s_listed.size(), 74);
    EXPECT_EQ(table.target(), QStringLiteral("ax620e"));
    EXPECT_EQ(table.targetName(), QStringLiteral("AX620E"));
    EXPECT_EQ(table.toolchain(), QStringLiteral("Pulsar2"));
    EXPECT_FALSE(table.unlistedFrontendRejects());
    QStringList supported;
    for (const OpRule &r : table.rules()) {
        if (r.int8 != LoweringVerdict::Unsupported)
            supported.append(r.opType);
    }
    supported.sort();
    QStringList listed = s_listed;
    listed.sort();
    EXPECT_EQ(supported, listed);
    // MaixCAM keeps its own table: a different chip, another list.
    EXPECT_EQ(OpSupportTable::builtin(Device::MaixCam).target(), QStringLiteral("cv18xx"));
    EXPECT_EQ(OpSupportTable::builtin().target(), QStringLiteral("cv18xx"));
}

TEST(OpSupportAx620e, PostProcessingOpsAreFlaggedWithTheWayOut)
{
    for (const char *op : {"NonMaxSuppression", "Mod", "Loop", "If", "SequenceEmpty"}) {
        const OpRule *rule = ax620e().rule(QLatin1String(op));
        ASSERT_NE(rule, nullptr) << op;
        EXPECT_EQ(rule->int8, LoweringVerdict::Unsupported) << op;
        EXPECT_TRUE(rule->reason.contains(QStringLiteral("keep post-processing out of the cut"))) << op;
    }
    EXPECT_TRUE(ax620e().rule(QStringLiteral("Mod"))->reason.contains(QStringLiteral("get opr failed")));
}

TEST(OpSupportAx620e, EachBrokenLimitGivesItsDiagnostic)
{
    const Graph graph = load(Mcw::Tests::generatedModel(QStringLiteral("opsupport/ax620e_limits")));
    ASSERT_FALSE(graph.nodes().isEmpty());
    const OpSupportReport report = OpSupportAnalyzer(ax620e()).analyze(graph, {});
    EXPECT_EQ(report.targetName(), QStringLiteral("AX620E"));

    // Every "bad_" node is unsupported with the limit in its reason; every "ok_" node runs.
    const QList<std::pair<const char *, const char *>> limits = {
        {"bad_conv_auto_pad", "auto_pad"},
        {"bad_avgpool_exclude_pad", "count_include_pad 1"},
        {"bad_maxpool_dilated", "dilations of 1"},
        {"bad_convtranspose_dilated", "dilations of 1"},
        {"bad_convtranspose_output_shape", "output_shape"},
        {"bad_resize_cubic", "nearest and linear"},
        {"bad_resize_nearest_floor", "round_prefer_ceil"},
        {"bad_gather_2d_indices", "1-D indices"},
        {"bad_gemm_alpha", "alpha"},
        {"bad_gemm_beta", "beta"},
        {"bad_pad_reflect", "constant"},
        {"bad_pow_tensor_exponent", "scalar initializer"},
        {"bad_cast_int64", "int64"},
        {"bad_layernorm_axis1", "axis -1"},
        {"bad_lpnorm_axis1", "axis -1"},
        {"bad_depthtospace_crd", "DCR"},
        {"bad_argmax_last_index", "select_last_index 0"},
        {"bad_reducesum_noop", "noop_with_empty_axes"},
        {"bad_lstm_layout1", "layout 0"},
        {"bad_lstm_clip", "clip"},
        {"bad_reshape_runtime_shape", "shapefn failed"},
        {"bad_expand_runtime_shape", "shapefn failed"},
    };
    for (const auto &[id, phrase] : limits) {
        const NodeSupport *n = nodeOf(graph, report, QLatin1String(id));
        ASSERT_NE(n, nullptr);
        EXPECT_EQ(n->verdict, OpVerdict::TargetUnsupported) << id << ": " << n->reason.toStdString();
        EXPECT_TRUE(n->reason.contains(QLatin1String(phrase))) << id << ": " << n->reason.toStdString();
    }
    int okCount = 0;
    for (const NodeSupport &n : report.nodes()) {
        if (!n.nodeId.startsWith(QLatin1String("ok_")))
            continue;
        ++okCount;
        EXPECT_TRUE(n.verdict == OpVerdict::Npu || n.verdict == OpVerdict::NoOp)
            << n.nodeId.toStdString() << ": " << opVerdictName(n.verdict).toStdString() << " " << n.reason.toStdString();
    }
    EXPECT_EQ(okCount, 18);
    // YOLO's integer nearest upsampling (floor, asymmetric) converts, as Sipeed's MaixCAM2 models show.
    EXPECT_TRUE(nodeOf(graph, report, QStringLiteral("ok_resize_yolo_upsample"))->reason.contains(QStringLiteral("YOLO")));

    // Unlisted post-processing ops, and the Sin caveat.
    for (const char *id : {"unlisted_nms", "unlisted_mod", "unlisted_if", "unlisted_gatherelements"}) {
        const NodeSupport *n = nodeOf(graph, report, QLatin1String(id));
        ASSERT_NE(n, nullptr);
        EXPECT_EQ(n->verdict, OpVerdict::TargetUnsupported) << id;
        EXPECT_TRUE(n->reason.contains(QStringLiteral("out of the cut"))) << id << ": " << n->reason.toStdString();
    }
    EXPECT_TRUE(nodeOf(graph, report, QStringLiteral("unlisted_gatherelements"))
                    ->reason.startsWith(QStringLiteral("GatherElements is not in Pulsar2's AX620E NPU operator list")));
    const NodeSupport *sin = nodeOf(graph, report, QStringLiteral("caveat_sin"));
    EXPECT_EQ(sin->verdict, OpVerdict::Conditional);
    EXPECT_TRUE(sin->reason.contains(QStringLiteral("Pulsar2 3.3")));

    // The Problems list names the chip, the node and the limit in one sentence.
    const QList<Diagnostic> diags = opSupportDiagnostics(graph, report, FamilyDetection{}, OpSupportAnalyzer(ax620e()));
    const auto it = std::find_if(diags.begin(), diags.end(),
                                 [](const Diagnostic &d) { return d.nodeId == QLatin1String("bad_pad_reflect"); });
    ASSERT_NE(it, diags.end());
    EXPECT_EQ(it->severity, Diagnostic::Severity::Error);
    EXPECT_EQ(it->code, QStringLiteral("op_target_unsupported"));
    EXPECT_EQ(it->message, QStringLiteral("Pad node 'bad_pad_reflect' cannot be deployed to AX620E: Pad supports only "
                                          "mode constant on AX620E (not reflect, edge or wrap)."));
}

TEST(OpSupportAx620e, TheSameModelOnMaixCamUsesTheCv18xxTable)
{
    // Mod is unsupported on both chips but for different reasons; LayerNormalization on axis 1 is
    // an AX620E limit only (cv181x runs it in BF16).
    const Graph graph = load(Mcw::Tests::generatedModel(QStringLiteral("opsupport/ax620e_limits")));
    const OpSupportReport cv = OpSupportAnalyzer(OpSupportTable::builtin(Device::MaixCam)).analyze(graph, {});
    EXPECT_EQ(cv.targetName(), QStringLiteral("cv181x"));
    EXPECT_NE(nodeOf(graph, cv, QStringLiteral("bad_layernorm_axis1"))->verdict, OpVerdict::TargetUnsupported);
    EXPECT_FALSE(nodeOf(graph, cv, QStringLiteral("unlisted_mod"))->reason.contains(QStringLiteral("AX620E")));
}

TEST(OpSupportAx620e, UltralyticsShapedModelsAreAllSupported)
{
    // The generated YOLOv5/v8/11 detect, pose, seg, obb and classifier graphs use Conv, Sigmoid,
    // Mul, Add, Concat, Split, MaxPool, Resize (nearest ×2), Reshape, Transpose, Softmax, MatMul,
    // Sub, Div, ConvTranspose, GlobalAveragePool, Flatten and Gemm: all in the AX620E list.
    for (const char *name : {"yolov5s", "yolov8n", "yolov8n-pose", "yolov8n-seg", "yolov8n-obb", "yolo11n",
                             "yolo11n-pose", "yolo11n-seg", "yolo11n-obb", "classifier"}) {
        const Graph graph = load(Mcw::Tests::generatedModel(QLatin1String(name)));
        const OpSupportReport whole = OpSupportAnalyzer(ax620e()).analyze(graph, {});
        EXPECT_TRUE(whole.issues().isEmpty()) << name << ": " << unsupportedOps(whole).join(QStringLiteral(", ")).toStdString();
        EXPECT_TRUE(opSupportDiagnostics(graph, QStringList(), Device::MaixCam2).isEmpty()) << name;
    }
}

TEST(OpSupportAx620e, Yolo26KeepsItsTopKDecoderOutOfTheCut)
{
    // YOLO26's end-to-end head gathers the top boxes with GatherElements, which AX620E lacks;
    // its preset cut (the six head convolutions) leaves it to the CPU.
    const Graph graph = load(Mcw::Tests::generatedModel(QStringLiteral("yolo26n")));
    const OpSupportReport whole = OpSupportAnalyzer(ax620e()).analyze(graph, {});
    EXPECT_EQ(unsupportedOps(whole), QStringList{QStringLiteral("GatherElements target_unsupported")});
    const QList<Diagnostic> diags = opSupportDiagnostics(graph, QStringList(), Device::MaixCam2);
    ASSERT_FALSE(diags.isEmpty());
    EXPECT_EQ(diags.last().code, QStringLiteral("opsupport_cut_suggestion"));
    EXPECT_EQ(diags.last().details.size(), 6);
    EXPECT_TRUE(diags.last().message.contains(QStringLiteral("leave GatherElements to the CPU")));

    const QJsonObject json = opSupportJson(graph, Device::MaixCam2);
    EXPECT_EQ(json.value(QStringLiteral("target")).toString(), QStringLiteral("AX620E"));
    EXPECT_EQ(json.value(QStringLiteral("scope")).toString(), QStringLiteral("recommended_cut"));
    EXPECT_TRUE(json.value(QStringLiteral("nodes")).toArray().isEmpty());
}

TEST(OpSupportAx620e, RealNpmModelsAreAllSupported)
{
    // BlazeFace: Conv, Relu, Add, MaxPool, Transpose, Reshape, and ConstantOfShape + Concat that
    // fold or take constants. PP-OCR v2 classifier: BatchNormalization, Clip, HardSigmoid, Div,
    // GlobalAveragePool, MatMul, Softmax, and Cast only inside the folded shape arithmetic.
    for (const QString &path : {Mcw::Tests::blazefaceModel(), Mcw::Tests::ppocrClassifierModel()}) {
        const Graph graph = load(path);
        const OpSupportReport report = OpSupportAnalyzer(ax620e()).analyze(graph, {});
        EXPECT_TRUE(report.issues().isEmpty())
            << path.toStdString() << ": " << unsupportedOps(report).join(QStringLiteral(", ")).toStdString();
    }
    // PP-OCRv4 recognition pools with count_include_pad 0 but no padding, so the AX620E limit
    // does not apply; its Pow nodes square by a scalar constant.
    const QString rec = Mcw::Tests::assetDir() + QStringLiteral("/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx");
    ASSERT_TRUE(QFileInfo::exists(rec)) << Mcw::Tests::missingAssetReason(QStringLiteral("ocr-models")).toStdString();
    const Graph graph = load(rec);
    const OpSupportReport report = OpSupportAnalyzer(ax620e()).analyze(graph, {});
    EXPECT_TRUE(report.issues().isEmpty()) << unsupportedOps(report).join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(report.count(OpVerdict::Npu) > 0, true);
}
