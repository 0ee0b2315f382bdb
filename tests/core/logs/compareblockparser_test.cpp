// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logtestutil.h"

#include <core/logs/compareblockparser.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw::Core;
using Mcw::Tests::readLog;

namespace {

QList<CompareBlock> parseAll(const QByteArray &text)
{
    CompareBlockParser p;
    QList<CompareBlock> blocks;
    for (const QByteArray &l : text.split('\n'))
        p.feedLine(QString::fromUtf8(l));
    blocks += p.takeFinished();
    if (auto open = p.finish())
        blocks.append(*open);
    return blocks;
}

TEST(CompareBlockParser, RealFailedBlockFromIssue152)
{
    const auto blocks = parseAll(readLog(QStringLiteral("real-tpu-mlir-152-compare-failed.log")));
    ASSERT_EQ(blocks.size(), 1);
    const CompareBlock &b = blocks[0];
    EXPECT_EQ(b.verdict, CompareBlock::Verdict::Failed);
    EXPECT_EQ(b.target, QStringLiteral("Compare2_f16_tpu_out.npz"));
    EXPECT_EQ(b.reference, QStringLiteral("Compare2_f16_model_out.npz"));
    EXPECT_EQ(b.stage, CompareStage::Final);
    EXPECT_EQ(b.compared, 1);
    EXPECT_EQ(b.passed, 0);
    EXPECT_EQ(b.failed, 1);
    EXPECT_EQ(b.equal, 0);
    EXPECT_EQ(b.close, 0);
    EXPECT_EQ(b.similar, 0);
    EXPECT_EQ(b.notEqual, 0);
    EXPECT_EQ(b.notSimilar, 1);
    EXPECT_DOUBLE_EQ(b.minCosine, -0.4574940800666809);
    EXPECT_DOUBLE_EQ(b.minEuclidean, -1.003994387150931);
    EXPECT_DOUBLE_EQ(b.minSqnr, -52.69402027130127);
    ASSERT_EQ(b.tensors.size(), 1);
    const CompareTensor &t = b.tensors[0];
    EXPECT_EQ(t.name, QStringLiteral("output_Greater_f32"));
    EXPECT_EQ(t.status, QStringLiteral("NOT_SIMLIAR"));
    EXPECT_FALSE(t.passed);
    EXPECT_DOUBLE_EQ(t.cosine, -0.457494);
    EXPECT_DOUBLE_EQ(t.euclidean, -1.003994);
    EXPECT_DOUBLE_EQ(t.sqnr, -52.694020);
    EXPECT_EQ(t.shape, (QList<qint64>{1, 3, 27, 27}));
    EXPECT_EQ(t.dtype, QStringLiteral("float32"));
    EXPECT_EQ(b.failedTensors(), QStringList{QStringLiteral("output_Greater_f32")});
}

TEST(CompareBlockParser, RealPassedBlockFromIssue190)
{
    const auto blocks = parseAll(readLog(QStringLiteral("real-tpu-mlir-190-compare-passed.log")));
    ASSERT_EQ(blocks.size(), 1);
    const CompareBlock &b = blocks[0];
    EXPECT_EQ(b.verdict, CompareBlock::Verdict::Passed);
    EXPECT_EQ(b.stage, CompareStage::Transform);
    EXPECT_EQ(b.compared, 170);
    EXPECT_EQ(b.passed, 170);
    EXPECT_EQ(b.equal, 4);
    EXPECT_EQ(b.close, 50);
    EXPECT_EQ(b.similar, 116);
    EXPECT_EQ(b.failed, 0);
    ASSERT_EQ(b.tensors.size(), 5); // the paste holds only the last five tensors
    EXPECT_EQ(b.tensors[0].name, QStringLiteral("/text_model/Equal_1_output_0_Equal"));
    EXPECT_EQ(b.tensors[1].shape, QList<qint64>{1});
    EXPECT_DOUBLE_EQ(b.tensors[2].sqnr, 119.141827);
    EXPECT_TRUE(std::isnan(b.tensors[3].cosine));
    EXPECT_EQ(b.tensors[3].closeOrder, 3);
    EXPECT_EQ(b.tensors[4].name, QStringLiteral("1197_MatMul"));
    EXPECT_EQ(b.tensors[4].closeOrder, 4);
    EXPECT_DOUBLE_EQ(b.minCosine, 0.9999998211860657);
    EXPECT_TRUE(b.failedTensors().isEmpty());
}

TEST(CompareBlockParser, RealBlockStartingMidwayFromRecamera37)
{
    const auto blocks = parseAll(readLog(QStringLiteral("real-recamera-37-compare-then-calibration.log")));
    ASSERT_EQ(blocks.size(), 1);
    EXPECT_EQ(blocks[0].tensors.size(), 2);
    EXPECT_EQ(blocks[0].tensors[0].shape, (QList<qint64>{1, 64, 20, 20}));
    EXPECT_EQ(blocks[0].tensors[1].closeOrder, 5);
    EXPECT_EQ(blocks[0].target, QStringLiteral("best_top_outputs.npz"));
    EXPECT_EQ(blocks[0].stage, CompareStage::Transform);
    EXPECT_DOUBLE_EQ(blocks[0].minSqnr, 117.06775665283203);
}

TEST(CompareBlockParser, DumpsInfAndBracketsInNames)
{
    const QByteArray text =
        "[a[0]/b                         ]  NOT_SIMLIAR [FAILED]\n"
        "    (4,) float32 \n"
        "    cosine_similarity      = 0.5\n"
        "    euclidean_similarity   = -0.25\n"
        "    sqnr_similarity        = -inf\n"
        "top-k:\n"
        " idx-t  target  idx-r  ref\n"
        "  3 1.0 2 4.0\n"
        "all-elements:\n"
        "  0 1.0 2.0\n"
        "  1 compared\n" // a dump row, not a summary line
        "[x                               ]        EQUAL [PASSED]\n"
        "    (2, 2) int8 \n"
        "    pos(x=127)    = 0.0012  [12/10000]\n"
        "2 compared\n1 passed\n  1 equal, 0 close, 0 similar\n1 failed\n  0 not equal, 1 not similar\n"
        "min_similiarity = (0.5, -0.25, -inf)\n"
        "Target    m_model_outputs.npz\nReference m_tpu_outputs.npz\nnpz compare FAILED.\n";
    const auto blocks = parseAll(text);
    ASSERT_EQ(blocks.size(), 1);
    const CompareBlock &b = blocks[0];
    ASSERT_EQ(b.tensors.size(), 2);
    EXPECT_EQ(b.tensors[0].name, QStringLiteral("a[0]/b"));
    EXPECT_TRUE(std::isinf(b.tensors[0].sqnr) && b.tensors[0].sqnr < 0);
    EXPECT_DOUBLE_EQ(b.tensors[0].euclidean, -0.25);
    EXPECT_EQ(b.tensors[1].dtype, QStringLiteral("int8"));
    EXPECT_EQ(b.tensors[1].shape, (QList<qint64>{2, 2}));
    EXPECT_EQ(b.compared, 2);
    EXPECT_EQ(b.stage, CompareStage::Final);
    EXPECT_TRUE(std::isinf(b.minSqnr));
}

TEST(CompareBlockParser, AnnouncedCommandFillsMissingNames)
{
    CompareBlockParser p;
    const auto cmd = parseCompareCommand(
        u"[Running]: npz_tool.py compare p_tpu_outputs.npz y_top_outputs.npz --tolerance 0.9,0.6 --except - -vv");
    ASSERT_TRUE(cmd);
    EXPECT_EQ(cmd->target, QStringLiteral("p_tpu_outputs.npz"));
    EXPECT_EQ(cmd->reference, QStringLiteral("y_top_outputs.npz"));
    EXPECT_EQ(cmd->tolerance, QStringLiteral("0.9,0.6"));
    p.announce(cmd->target, cmd->reference, cmd->tolerance);
    p.feedLine(u"[t                               ]      SIMILAR [PASSED]");
    const auto b = p.finish();
    ASSERT_TRUE(b);
    EXPECT_EQ(b->verdict, CompareBlock::Verdict::Unknown);
    EXPECT_EQ(b->stage, CompareStage::TpuMlir);
    EXPECT_EQ(b->tolerance, QStringLiteral("0.9,0.6"));
}

} // namespace
