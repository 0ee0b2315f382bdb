// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Pulsar2's per-layer precision table, from the quoted console text of shared/reference/maixcam2.md §4.3.
#include <core/pulsar2/precisiontable.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw::Core;

TEST(Pulsar2PrecisionTable, ReadsTheQuotedTable)
{
    const auto rows = Pulsar2PrecisionTable::readFile(Mcw::Tests::dataPath(QStringLiteral("pulsar2/precision_table_doc.txt")));
    ASSERT_TRUE(rows) << rows.error().message.toStdString();
    ASSERT_EQ(rows->size(), 2);
    const Pulsar2PrecisionTable::Row &conv = rows->at(0);
    EXPECT_EQ(conv.op, QStringLiteral("Conv_0"));
    EXPECT_EQ(conv.type, QStringLiteral("AxQuantizedConv"));
    EXPECT_EQ(conv.outputTensor, QStringLiteral("317"));
    EXPECT_EQ(conv.shape, QStringLiteral("(1, 32, 112, 112)"));
    EXPECT_EQ(conv.dtype, QStringLiteral("FP32"));
    EXPECT_EQ(conv.qdtype, QStringLiteral("U8"));
    EXPECT_EQ(conv.cosine, 0.99993);
    EXPECT_EQ(conv.mse, 0.00003);
    EXPECT_EQ(rows->at(1).op, QStringLiteral("output_DequantizeLinear"));
    EXPECT_EQ(rows->at(1).qdtype, QStringLiteral("FP32"));
    EXPECT_EQ(rows->at(1).mse, 0.00173);
}

TEST(Pulsar2PrecisionTable, JoinsCellsWrappedOverSeveralLines)
{
    // Rich on an 80-column pipe wraps long names inside their column (T-PARSE).
    const QString text = QStringLiteral(
        "┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┓\n"
        "┃ Operator ┃      Type       ┃ Output Tensor ┃ Shape  ┃ DType ┃ QDType ┃ Cosin   ┃ MSE     ┃\n"
        "┡━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━┩\n"
        "│ /model.0 │ AxQuantizedConv │ /model.0/conv │ (1, 16 │  FP32 │   U16  │ 0.99996 │ 0.00001 │\n"
        "│ /conv/Co │                 │ /Conv_output_ │ , 320, │       │        │         │         │\n"
        "│ nv       │                 │ 0             │ 320)   │       │        │         │         │\n"
        "├──────────┼─────────────────┼───────────────┼────────┼───────┼────────┼─────────┼─────────┤\n"
        "│ Sig…     │    AxSigmoid    │ s             │ (1,)   │  FP32 │   U8   │ 0.97000 │ 0.01000 │\n"
        "└──────────┴─────────────────┴───────────────┴────────┴───────┴────────┴─────────┴─────────┘\n");
    const auto rows = Pulsar2PrecisionTable::parse(text, QStringLiteral("t.txt"));
    ASSERT_TRUE(rows) << rows.error().message.toStdString();
    ASSERT_EQ(rows->size(), 2);
    EXPECT_EQ(rows->at(0).op, QStringLiteral("/model.0/conv/Conv"));
    EXPECT_EQ(rows->at(0).outputTensor, QStringLiteral("/model.0/conv/Conv_output_0"));
    EXPECT_EQ(rows->at(1).op, QStringLiteral("Sig…")); // truncated by Rich: kept as printed

    const AccuracyRun run = Pulsar2PrecisionTable::toAccuracyRun(*rows, QStringLiteral("NPU x"));
    ASSERT_EQ(run.layers.size(), 2);
    EXPECT_EQ(run.layers[0].tensorName, QStringLiteral("/model.0/conv/Conv"));
    EXPECT_EQ(run.layers[0].onnxTensorName, QStringLiteral("/model.0/conv/Conv_output_0"));
    EXPECT_EQ(run.layers[0].opType, QStringLiteral("Conv"));
    EXPECT_TRUE(run.layers[0].passed);
    EXPECT_FALSE(run.layers[1].passed); // 0.97 < 0.98
    EXPECT_EQ(run.layers[1].opType, QStringLiteral("Sigmoid"));
    EXPECT_EQ(run.firstFailing(AccuracyStage::Tpu), 1);
}

TEST(Pulsar2PrecisionTable, TheRunCarriesMseAndTheTitleAndNoEuclidean)
{
    // The quoted table: title "Quant Precision Table【PerLayer Reference】", cosine and MSE only.
    QString analysis = QStringLiteral("stale");
    const auto rows = Pulsar2PrecisionTable::readFile(Mcw::Tests::dataPath(QStringLiteral("pulsar2/precision_table_doc.txt")),
                                                      &analysis);
    ASSERT_TRUE(rows) << rows.error().message.toStdString();
    EXPECT_EQ(analysis, QStringLiteral("PerLayer Reference"));
    const AccuracyRun run = Pulsar2PrecisionTable::toAccuracyRun(*rows, QStringLiteral("NPU 0003"), analysis);
    EXPECT_EQ(run.metrics, AccuracyRun::Metrics::CosineMse);
    EXPECT_EQ(run.stages(), QList<AccuracyStage>{AccuracyStage::Tpu});
    EXPECT_EQ(run.stageTitle(AccuracyStage::Tpu), QStringLiteral("Pulsar2 PerLayer Reference"));
    EXPECT_EQ(run.layers.at(0).mse, 0.00003);
    EXPECT_EQ(run.layers.at(1).mse, 0.00173);
    EXPECT_TRUE(std::isnan(run.layers.at(0).euclidean));
    EXPECT_TRUE(std::isnan(run.tolerances.value(AccuracyStage::Tpu).euclidean));
    EXPECT_EQ(run.tolerances.value(AccuracyStage::Tpu).cosine, Pulsar2PrecisionTable::NormalCosine);

    // A table without its title (the wrapped sample above has none) still names the tool.
    const QString untitled = QStringLiteral(
        "┃ Operator ┃ Type ┃ Output Tensor ┃ Shape ┃ DType ┃ QDType ┃ Cosin   ┃ MSE     ┃\n"
        "│ Conv_0   │ AxQuantizedConv │ 317 │ (1,) │ FP32 │ U8 │ 0.99000 │ 0.00100 │\n"
        "└──────────┘\n");
    const auto plain = Pulsar2PrecisionTable::parse(untitled, QStringLiteral("u.txt"), &analysis);
    ASSERT_TRUE(plain) << plain.error().message.toStdString();
    EXPECT_TRUE(analysis.isEmpty());
    EXPECT_EQ(Pulsar2PrecisionTable::toAccuracyRun(*plain, QStringLiteral("x")).stageTitle(AccuracyStage::Tpu),
              QStringLiteral("Pulsar2"));
    // tpu-mlir runs keep their stage names.
    EXPECT_EQ(AccuracyRun().stageTitle(AccuracyStage::Tpu), QStringLiteral("tpu"));
}

TEST(Pulsar2PrecisionTable, TextWithoutATableIsOneSentence)
{
    const auto rows = Pulsar2PrecisionTable::parse(QStringLiteral("Network Quantization Finished.\n"), QStringLiteral("x.txt"));
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().message, QStringLiteral("x.txt: no precision table (no header row with 'Operator')."));
}
