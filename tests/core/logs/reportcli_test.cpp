// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <tests/support/testpaths.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <gtest/gtest.h>

namespace {

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliResult runReport(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(Mcw::Tests::binDir() + QStringLiteral("/maixcam-convert"), QStringList{QStringLiteral("report")} + args);
    if (!p.waitForStarted(10000))
        return {};
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QString log(const char *name)
{
    return Mcw::Tests::dataPath(QStringLiteral("logs/") + QString::fromUtf8(name));
}

TEST(ReportCli, JsonOfARealFailedCompare)
{
    const CliResult r = runReport({log("real-tpu-mlir-152-compare-failed.log"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 1) << r.err.toStdString();
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError);
    EXPECT_TRUE(root.value(QStringLiteral("version")).isNull());
    const QJsonArray compares = root.value(QStringLiteral("compares")).toArray();
    ASSERT_EQ(compares.size(), 1);
    const QJsonObject c = compares[0].toObject();
    EXPECT_EQ(c.value(QStringLiteral("target")).toString(), QStringLiteral("Compare2_f16_tpu_out.npz"));
    EXPECT_EQ(c.value(QStringLiteral("reference")).toString(), QStringLiteral("Compare2_f16_model_out.npz"));
    EXPECT_EQ(c.value(QStringLiteral("stage")).toString(), QStringLiteral("final"));
    EXPECT_EQ(c.value(QStringLiteral("compared")).toInt(), 1);
    EXPECT_EQ(c.value(QStringLiteral("passed")).toInt(), 0);
    EXPECT_EQ(c.value(QStringLiteral("failed")).toInt(), 1);
    EXPECT_EQ(c.value(QStringLiteral("verdict")).toString(), QStringLiteral("failed"));
    const QJsonArray min = c.value(QStringLiteral("min_similarity")).toArray();
    ASSERT_EQ(min.size(), 3);
    EXPECT_DOUBLE_EQ(min[0].toDouble(), -0.4574940800666809);
    EXPECT_DOUBLE_EQ(min[1].toDouble(), -1.003994387150931);
    EXPECT_DOUBLE_EQ(min[2].toDouble(), -52.69402027130127);
    const QJsonObject t = c.value(QStringLiteral("tensors")).toArray().at(0).toObject();
    EXPECT_EQ(t.value(QStringLiteral("name")).toString(), QStringLiteral("output_Greater_f32"));
    EXPECT_EQ(t.value(QStringLiteral("status")).toString(), QStringLiteral("NOT_SIMLIAR"));
    EXPECT_EQ(t.value(QStringLiteral("verdict")).toString(), QStringLiteral("failed"));
    EXPECT_DOUBLE_EQ(t.value(QStringLiteral("cosine")).toDouble(), -0.457494);
    EXPECT_DOUBLE_EQ(t.value(QStringLiteral("euclidean")).toDouble(), -1.003994);
    EXPECT_DOUBLE_EQ(t.value(QStringLiteral("sqnr")).toDouble(), -52.69402);
    const QJsonObject f = root.value(QStringLiteral("failure")).toObject();
    EXPECT_EQ(f.value(QStringLiteral("class")).toString(), QStringLiteral("similarity_below_tolerance"));
    EXPECT_EQ(f.value(QStringLiteral("stage")).toString(), QStringLiteral("final_compare"));
    EXPECT_FALSE(f.value(QStringLiteral("message")).toString().isEmpty());
    EXPECT_EQ(f.value(QStringLiteral("details")).toArray().at(0).toString(), QStringLiteral("output_Greater_f32"));
}

TEST(ReportCli, PassedCompareHasNoFailure)
{
    const CliResult r = runReport({log("real-tpu-mlir-190-compare-passed.log"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    EXPECT_TRUE(root.value(QStringLiteral("failure")).isNull());
    const QJsonObject c = root.value(QStringLiteral("compares")).toArray().at(0).toObject();
    EXPECT_EQ(c.value(QStringLiteral("compared")).toInt(), 170);
    EXPECT_EQ(c.value(QStringLiteral("verdict")).toString(), QStringLiteral("passed"));
    EXPECT_EQ(c.value(QStringLiteral("tensors")).toArray().size(), 5);
    // CLOSE tensors have no metrics: null in JSON, not a made-up number.
    EXPECT_TRUE(c.value(QStringLiteral("tensors")).toArray().at(4).toObject().value(QStringLiteral("cosine")).isNull());
}

TEST(ReportCli, TextNamesClassStageAndLayer)
{
    const CliResult r = runReport({log("fake-deploy-int8-tolerance-fail.log")});
    ASSERT_EQ(r.exitCode, 1);
    const QString out = QString::fromUtf8(r.out);
    EXPECT_TRUE(out.contains(QStringLiteral("tpu-mlir version: v1.15.1-20250208")));
    EXPECT_TRUE(out.contains(QStringLiteral("Failure: similarity_below_tolerance (stage tpu_compare)")));
    EXPECT_TRUE(out.contains(QStringLiteral("failed at layer /model.5/conv/Conv_output_0_Conv")));
    EXPECT_TRUE(out.contains(QStringLiteral("ONNX tensor: /model.5/conv/Conv_output_0 (node /model.5/conv/Conv)")));
    EXPECT_TRUE(out.contains(QStringLiteral("NOT_SIMLIAR FAILED")));
}

TEST(ReportCli, PartialPasteFromStdin)
{
    const QByteArray paste = "can't open calibration table file!\n"
                             "UNREACHABLE executed at /x/lib/Dialect/Top/Transforms/ImportCalibration.cpp:44!\n";
    const CliResult r = runReport({QStringLiteral("-"), QStringLiteral("--json")}, paste);
    ASSERT_EQ(r.exitCode, 1);
    const QJsonObject f = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("failure")).toObject();
    EXPECT_EQ(f.value(QStringLiteral("class")).toString(), QStringLiteral("missing_calibration_table"));
    EXPECT_EQ(f.value(QStringLiteral("location")).toString(), QStringLiteral("/x/lib/Dialect/Top/Transforms/ImportCalibration.cpp:44"));
}

TEST(ReportCli, BadInput)
{
    CliResult r = runReport({log("no-such-file.log")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.contains("no-such-file.log"));
    EXPECT_EQ(r.err.count('\n'), 1);
    r = runReport({});
    EXPECT_EQ(r.exitCode, 2);
    r = runReport({log("real-tpu-mlir-190-compare-passed.log"), QStringLiteral("--xml")});
    EXPECT_EQ(r.exitCode, 2);
}

} // namespace
