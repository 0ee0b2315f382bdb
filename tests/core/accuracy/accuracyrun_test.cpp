// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/accuracy/metricsexport.h>
#include <core/accuracy/runcomparison.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw::Core;

static TensorComparison tensor(const QString &name, double cos, double euc, CompareStatus status)
{
    TensorComparison t;
    t.name = name;
    t.cosine = cos;
    t.euclidean = euc;
    t.sqnr = 20.0;
    t.status = status;
    return t;
}

static NpzComparison comparison(const QList<TensorComparison> &tensors)
{
    NpzComparison c;
    c.options.tolerance = Tolerance{0.9, 0.6};
    c.tensors = tensors;
    return c;
}

TEST(LayerMetrics, StripsTpuMlirOpTypeSuffix)
{
    QString onnx, op;
    LayerMetrics::splitTensorName(QStringLiteral("/model.0/conv/Conv_output_0_Conv"), &onnx, &op);
    EXPECT_EQ(onnx, QStringLiteral("/model.0/conv/Conv_output_0"));
    EXPECT_EQ(op, QStringLiteral("Conv"));
    LayerMetrics::splitTensorName(QStringLiteral("images"), &onnx, &op);
    EXPECT_EQ(onnx, QStringLiteral("images"));
    EXPECT_TRUE(op.isEmpty());
    LayerMetrics::splitTensorName(QStringLiteral("output_Greater_f32"), &onnx, &op);
    EXPECT_EQ(onnx, QStringLiteral("output_Greater_f32"));
    // With the ONNX graph's names, only a suffix that yields a known tensor is stripped.
    const QSet<QString> known = {QStringLiteral("my_Output"), QStringLiteral("x")};
    LayerMetrics::splitTensorName(QStringLiteral("my_Output"), &onnx, &op, known);
    EXPECT_EQ(onnx, QStringLiteral("my_Output"));
    LayerMetrics::splitTensorName(QStringLiteral("x_Relu"), &onnx, &op, known);
    EXPECT_EQ(onnx, QStringLiteral("x"));
    EXPECT_EQ(op, QStringLiteral("Relu"));
}

TEST(AccuracyRun, KeepsStagesInPipelineOrderAndFindsFirstFailure)
{
    AccuracyRun run;
    run.label = QStringLiteral("INT8 KL 100 img");
    run.setStage(
        AccuracyStage::Final,
        comparison({tensor(QStringLiteral("out_Concat"), 0.999, 0.99, CompareStatus::Similar)}));
    run.setStage(
        AccuracyStage::Tpu,
        comparison({tensor(QStringLiteral("a_Conv"), 0.99, 0.9, CompareStatus::Similar),
                    tensor(QStringLiteral("b_Mul"), 0.5, 0.2, CompareStatus::NotSimilar),
                    tensor(QStringLiteral("c_Add"), 0.4, 0.1, CompareStatus::NotSimilar)}));
    ASSERT_EQ(run.layers.size(), 4);
    EXPECT_EQ(run.stages(), (QList<AccuracyStage>{AccuracyStage::Tpu, AccuracyStage::Final}));
    EXPECT_EQ(run.firstFailing(AccuracyStage::Tpu), 1);
    EXPECT_EQ(run.firstFailing(AccuracyStage::Final), -1);
    EXPECT_EQ(run.layersOf(AccuracyStage::Tpu).at(2).index, 2);
    EXPECT_EQ(run.layersOf(AccuracyStage::Tpu).at(1).onnxTensorName, QStringLiteral("b"));
    EXPECT_DOUBLE_EQ(run.tolerances.value(AccuracyStage::Tpu).cosine, 0.9);
    // Replacing a stage does not duplicate it.
    run.setStage(AccuracyStage::Tpu,
                 comparison({tensor(QStringLiteral("a_Conv"), 0.99, 0.9, CompareStatus::Similar)}));
    EXPECT_EQ(run.layers.size(), 2);

    const QuantizeTable q = quantizeTableForLayers(run.layersOf(AccuracyStage::Tpu));
    EXPECT_EQ(QString::fromUtf8(q.toText()),
              QStringLiteral("# op_name   quantize_mode\na_Conv BF16\n"));
}

TEST(RunComparison, DeltasAndFirstDivergence)
{
    AccuracyRun int8;
    int8.setStage(
        AccuracyStage::Tpu,
        comparison({tensor(QStringLiteral("a_Conv"), 0.999, 0.95, CompareStatus::Similar),
                    tensor(QStringLiteral("b_Mul"), 0.995, 0.90, CompareStatus::Similar),
                    tensor(QStringLiteral("c_Add"), 0.80, 0.50, CompareStatus::NotSimilar),
                    tensor(QStringLiteral("d_Add"), 0.70, 0.40, CompareStatus::NotSimilar)}));
    AccuracyRun bf16;
    bf16.setStage(
        AccuracyStage::Tpu,
        comparison({tensor(QStringLiteral("a_Conv"), 0.9995, 0.96, CompareStatus::Similar),
                    tensor(QStringLiteral("b_Mul"), 0.999, 0.95, CompareStatus::Similar),
                    tensor(QStringLiteral("c_Add"), 0.99, 0.93, CompareStatus::Similar)}));
    const RunComparison rc = RunComparison::compare(int8, bf16, AccuracyStage::Tpu, 0.02);
    ASSERT_EQ(rc.deltas.size(), 3); // d_Add is missing from the second run
    EXPECT_NEAR(rc.deltas[1].euclideanDelta(), 0.05, 1e-12);
    EXPECT_EQ(rc.firstDivergence, 1); // |Δeuc| = 0.05 > 0.02 at b_Mul
    EXPECT_EQ(RunComparison::compare(int8, bf16, AccuracyStage::Tpu, 0.5).firstDivergence, -1);
}

TEST(MetricsExport, CsvHasOneRowPerLayerAndQuotesCommas)
{
    AccuracyRun run;
    NpzComparison c
        = comparison({tensor(QStringLiteral("a,b_Conv"), 0.5, 0.25, CompareStatus::NotSimilar)});
    c.tensors.first().sqnr = std::numeric_limits<double>::infinity();
    run.setStage(AccuracyStage::Tpu, c);
    const QStringList lines = QString::fromUtf8(MetricsExport::toCsv(run.layers))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines[1],
              QStringLiteral("0,tpu,\"a,b_Conv\",\"a,b\",Conv,NOT_SIMLIAR,false,0.5,0.25,inf"));
}

TEST(MetricsExport, NetronAttachmentFollowsNetronsSchema)
{
    AccuracyRun run;
    run.setStage(
        AccuracyStage::Tpu,
        comparison({tensor(
            QStringLiteral("/m/Conv_output_0_Conv"), 0.5, 0.25, CompareStatus::NotSimilar)}));
    const QJsonObject root
        = QJsonDocument::fromJson(MetricsExport::toNetronAttachment(run.layers)).object();
    EXPECT_EQ(root.value(QStringLiteral("signature")).toString(),
              QStringLiteral("netron:attachment"));
    const QJsonArray metrics = root.value(QStringLiteral("metrics")).toArray();
    ASSERT_EQ(metrics.size(), 3);
    for (const QJsonValue &v : metrics) {
        const QJsonObject o = v.toObject();
        // Netron keys entries by `${kind}::${target}` and shows `name` / `value`.
        EXPECT_EQ(o.value(QStringLiteral("kind")).toString(), QStringLiteral("value"));
        EXPECT_EQ(o.value(QStringLiteral("target")).toString(), QStringLiteral("/m/Conv_output_0"));
        EXPECT_TRUE(o.contains(QStringLiteral("name")));
        EXPECT_TRUE(o.contains(QStringLiteral("value")));
    }
    EXPECT_EQ(metrics[0].toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("cosine (tpu)"));
    EXPECT_DOUBLE_EQ(metrics[0].toObject().value(QStringLiteral("value")).toDouble(), 0.5);
    EXPECT_FALSE(root.value(QStringLiteral("metadata")).toArray().isEmpty());
}
