// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `maixcam-convert inspect --json` carries the op_support object (docs/cli.md).
#include <tests/support/testpaths.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <gtest/gtest.h>

static QJsonObject opSupportOf(const QString &model, const QStringList &extra = {})
{
    QProcess process;
    process.start(Mcw::Tests::binDir() + QStringLiteral("/maixcam-convert"),
                  QStringList{QStringLiteral("inspect"), model, QStringLiteral("--json")} + extra);
    EXPECT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    const QJsonObject root = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    EXPECT_TRUE(root.contains(QStringLiteral("op_support")));
    return root.value(QStringLiteral("op_support")).toObject();
}

static QHash<QString, int> countByOpAndVerdict(const QJsonObject &opSupport)
{
    QHash<QString, int> counts;
    for (const QJsonValue &v : opSupport.value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject o = v.toObject();
        ++counts[o.value(QStringLiteral("op_type")).toString() + QLatin1Char('/')
                 + o.value(QStringLiteral("verdict")).toString()];
    }
    return counts;
}

// Expected counts: see opsupportrealmodels_test.cpp (computed from the files with
// /usr/bin/python3 + onnx). The classifier's recommended cut is the Softmax input, so only the
// 19 Adds with a constant operand and the 18 Clips remain as BF16 fallbacks.
TEST(OpSupportCli, PpocrClassifierIsAnalysedBehindTheSoftmaxCut)
{
    const QJsonObject op = opSupportOf(Mcw::Tests::ppocrClassifierModel());
    EXPECT_EQ(op.value(QStringLiteral("scope")).toString(), QStringLiteral("recommended_cut"));
    EXPECT_EQ(op.value(QStringLiteral("cut")).toArray().size(), 1);
    EXPECT_EQ(countByOpAndVerdict(op),
              (QHash<QString, int>{{QStringLiteral("Add/bf16_fallback"), 19},
                                   {QStringLiteral("Clip/bf16_fallback"), 18}}));
}

TEST(OpSupportCli, BlazeFaceIsAnalysedAsAWholeGraph)
{
    const QJsonObject op = opSupportOf(Mcw::Tests::blazefaceModel());
    EXPECT_EQ(op.value(QStringLiteral("scope")).toString(), QStringLiteral("whole_graph"));
    EXPECT_TRUE(op.value(QStringLiteral("cut")).toArray().isEmpty());
    EXPECT_EQ(countByOpAndVerdict(op),
              (QHash<QString, int>{{QStringLiteral("Concat/bf16_fallback"), 11}}));
}

// --device maixcam2 checks the same model against Pulsar2's AX620E list: the classifier's
// Adds and Clips run there in U8 like everything else, and the chip is named.
TEST(OpSupportCli, DeviceMaixCam2UsesTheAx620eTable)
{
    const QJsonObject op = opSupportOf(Mcw::Tests::ppocrClassifierModel(),
                                       {QStringLiteral("--device"), QStringLiteral("maixcam2")});
    EXPECT_EQ(op.value(QStringLiteral("target")).toString(), QStringLiteral("AX620E"));
    EXPECT_EQ(op.value(QStringLiteral("scope")).toString(), QStringLiteral("recommended_cut"));
    EXPECT_TRUE(op.value(QStringLiteral("nodes")).toArray().isEmpty());
    EXPECT_EQ(opSupportOf(Mcw::Tests::ppocrClassifierModel()).value(QStringLiteral("target")).toString(),
              QStringLiteral("cv181x"));

    QProcess bad;
    bad.start(Mcw::Tests::binDir() + QStringLiteral("/maixcam-convert"),
              {QStringLiteral("inspect"), Mcw::Tests::ppocrClassifierModel(), QStringLiteral("--device=maixcam3")});
    ASSERT_TRUE(bad.waitForFinished(60000));
    EXPECT_NE(bad.exitCode(), 0);
    EXPECT_TRUE(bad.readAllStandardError().contains("maixcam2"));
}
