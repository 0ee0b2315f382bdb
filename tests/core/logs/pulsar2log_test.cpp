// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Pulsar2's console: failures and progress from the lines shared/reference/maixcam2.md §4 quotes.
#include <core/logs/pulsar2failure.h>
#include <core/logs/pulsar2progress.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static std::optional<Diagnostic> classifyTail(const QString &lastLine, const QStringList &before = {})
{
    return Pulsar2Failure::classify(before + QStringList{QStringLiteral("Traceback (most recent call last):"),
                                                         QStringLiteral("  File \"<frozen yamain.command.build>\", line 507, in build"),
                                                         lastLine},
                                    1);
}

TEST(Pulsar2Failure, EachQuotedFailureBecomesOneSentence)
{
    auto d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.NPUBackendError: 8>, "
                                         "AssertionError('ocm alloc with size 1048576 failed'))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_ocm"));

    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.QuantError: 3>, "
                                    "DecodeError(\"Error parsing message with type 'onnx.ModelProto'\"))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_onnx_unreadable"));

    // The layer is named in the line before the exception (T-AX650).
    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.OnnxOptimizationError: 13>, "
                                    "AssertionError(\"check onnx parser e2e failed, ['output0']\"))"),
                     {QStringLiteral("op name: /model.23/Mod, Mod, {'fmod': 0} get opr failed.")});
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_unsupported_op"));
    EXPECT_EQ(d->tensorName, QStringLiteral("/model.23/Mod"));
    EXPECT_EQ(d->message, QStringLiteral("Pulsar2 cannot build layer /model.23/Mod (Mod) for AX620E: post-processing is "
                                         "left in the graph."));

    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.QuantError: 3>, "
                                    "Exception('Graph op: /SequenceEmpty(SequenceEmpty) has no backend implementation'))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->tensorName, QStringLiteral("/SequenceEmpty"));

    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.NPUBackendError: 8>, "
                                    "TileFailException(\"AxQuantizedSin, AxQuantizedSin dont support ...\"))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_unsupported_op"));
    EXPECT_TRUE(d->message.contains(QStringLiteral("AxQuantizedSin")));

    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.NPUBackendError: 8>, "
                                    "OpBuildException(\"op: AxLeakyRelu, 'dont support lut_float opr in AXOPS'\"))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_fp32_unsupported"));

    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.QuantError: 3>, AssertionError('Var "
                                    "x But var.dtype = <DataType.UINT16: 4> vs expect_type = <DataType.FP32: 1>'))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_u16_bug"));

    d = classifyTail(QStringLiteral("IndexError: list assignment index out of range"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("pulsar2_dst_perm_rank"));

    // An unknown code still gives one sentence with the code and the exception.
    d = classifyTail(QStringLiteral("yamain.common.error.CodeException: (<ErrorCode.FrontendError: 6>, ValueError('x'))"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->message, QStringLiteral("Pulsar2 failed with FrontendError 6: ValueError('x')."));

    d = Pulsar2Failure::classify({QStringLiteral("32 File(s) Loaded."), QStringLiteral("Killed")}, 137);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->code, QStringLiteral("killed"));
    EXPECT_FALSE(Pulsar2Failure::classify({QStringLiteral("Network Quantization Finished.")}, 1));
}

TEST(Pulsar2Progress, FollowsTheQuotedConsoleToTheFuseLine)
{
    // §4.2, AX620E MobileNetV2, in order (Rich bars end at 100% 0:00:00).
    const QStringList lines{
        QStringLiteral("2023-07-29 14:23:01.757 | WARNING  | yamain.command.build:fill_default:313 - ignore input csc config "
                       "because of src_format is AutoColorSpace or src_format and tensor_format are the same"),
        QStringLiteral("Building onnx ━━━━━━━━━━━━━━━━━━━━                     50% 0:00:00"),
        QStringLiteral("Building onnx ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00"),
        QStringLiteral("2023-07-29 14:23:07.806 | INFO     | yamain.command.build:build:424 - save optimized onnx to "
                       "[output/frontend/optimized.onnx]"),
        QStringLiteral("patool: Extracting ./dataset/imagenet-32-images.tar ..."),
        QStringLiteral("32 File(s) Loaded."),
        QStringLiteral("Calibration Progress(Phase 1):  50%|█████     | 16/32 [00:00<00:00, 18.07it/s]"),
        QStringLiteral("Calibration Progress(Phase 1): 100%|██████████| 32/32 [00:01<00:00, 18.07it/s]"),
        QStringLiteral("Network Quantization Finished."),
        QStringLiteral("Building native ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 100% 0:00:00"),
        QStringLiteral("2023-07-29 14:23:22.159 | INFO     | yamain.command.build:compile_npu_subgraph:1004 - QuantAxModel macs: 280,262,480"),
        QStringLiteral("2023-07-29 14:23:26.928 | INFO     | yamain.command.build:compile_ptq_model:940 - fuse 1 subgraph(s)"),
    };
    Pulsar2Progress p;
    QList<double> seen;
    for (const QString &line : lines) {
        p.feed(line);
        seen.append(p.fraction());
    }
    const QList<double> expected{0.0, 0.075, 0.15, 0.15, 0.17, 0.2, 0.395, 0.59, 0.6, 0.95, 0.95, 1.0};
    ASSERT_EQ(seen.size(), expected.size());
    for (qsizetype i = 0; i < seen.size(); ++i)
        EXPECT_NEAR(seen[i], expected[i], 1e-9) << lines[i].toStdString();
    EXPECT_EQ(p.stage(), QStringLiteral("compiled"));
    // Never backwards: a late redraw of an earlier bar changes nothing.
    EXPECT_FALSE(p.feed(QStringLiteral("Building onnx ━━━━ 10% 0:00:00")));
}
