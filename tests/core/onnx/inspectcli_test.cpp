// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built `maixcam-convert inspect` binary the way a user or script would.
#include <tests/support/testpaths.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace Tests = Mcw::Tests;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun inspect(const QStringList &arguments)
{
    QProcess process;
    process.start(Tests::binDir() + QStringLiteral("/maixcam-convert"),
                  QStringList{QStringLiteral("inspect")} + arguments);
    CliRun run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject inspectJson(const QString &model)
{
    const CliRun run = inspect({model, QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << run.out.toStdString();
    return doc.object();
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

TEST(InspectCli, PpocrClassifierRecommendsTheSoftmaxInput)
{
    const QJsonObject o = inspectJson(Tests::ppocrClassifierModel());
    EXPECT_EQ(o.value(QStringLiteral("schema_version")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("family")).toString(), QStringLiteral("classifier"));
    EXPECT_EQ(o.value(QStringLiteral("task")).toString(), QStringLiteral("classify"));
    EXPECT_EQ(o.value(QStringLiteral("class_count")).toInt(), 2);
    // The Softmax node p2o.Softmax.0 reads p2o.Add.87 (python3-onnx: graph.node[-1].input).
    EXPECT_EQ(strings(o.value(QStringLiteral("recommended_outputs"))),
              QStringList{QStringLiteral("p2o.Add.87")});
    EXPECT_EQ(o.value(QStringLiteral("ir_version")).toInt(), 8);
    EXPECT_EQ(o.value(QStringLiteral("node_count")).toInt(), 471);
    EXPECT_EQ(o.value(QStringLiteral("parameter_count")).toInt(), 133665);
    EXPECT_EQ(o.value(QStringLiteral("op_histogram")).toObject().value(QStringLiteral("Conv")).toInt(), 53);
    const QJsonArray outputs = o.value(QStringLiteral("outputs")).toArray();
    ASSERT_EQ(outputs.size(), 1);
    const QJsonObject out = outputs.first().toObject();
    EXPECT_EQ(out.value(QStringLiteral("name")).toString(), QStringLiteral("softmax_0.tmp_0"));
    EXPECT_EQ(out.value(QStringLiteral("dtype")).toString(), QStringLiteral("float32"));
    EXPECT_EQ(out.value(QStringLiteral("shape")).toArray(),
              (QJsonArray{QStringLiteral("p2o.DynamicDimension.3"), 2}));
    const QJsonArray opsets = o.value(QStringLiteral("opsets")).toArray();
    ASSERT_EQ(opsets.size(), 1);
    EXPECT_EQ(opsets.first().toObject().value(QStringLiteral("version")).toInt(), 9);
}

TEST(InspectCli, BlazeFaceIsUnknownWithItsFourOutputs)
{
    const QJsonObject o = inspectJson(Tests::blazefaceModel());
    EXPECT_EQ(o.value(QStringLiteral("family")).toString(), QStringLiteral("unknown"));
    EXPECT_TRUE(o.value(QStringLiteral("recommended_outputs")).toArray().isEmpty());
    EXPECT_EQ(o.value(QStringLiteral("outputs")).toArray().size(), 4);
    EXPECT_EQ(o.value(QStringLiteral("inputs")).toArray().first().toObject().value(QStringLiteral("shape")).toArray(),
              (QJsonArray{1, 128, 128, 3}));
}

TEST(InspectCli, TextOutputNamesTheFamily)
{
    const CliRun run = inspect({Tests::ppocrClassifierModel()});
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_TRUE(run.out.contains("Family:              classifier (classify)")) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains("  p2o.Add.87\n"));
}

TEST(InspectCli, BadInputExitsTwoWithOneSentence)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("junk.onnx"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("definitely not protobuf");
    file.close();
    const CliRun run = inspect({path, QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.out.isEmpty());
    const QString err = QString::fromUtf8(run.err).trimmed();
    EXPECT_TRUE(err.startsWith(path + QStringLiteral(": "))) << err.toStdString();
    EXPECT_FALSE(err.contains(QLatin1Char('\n')));

    EXPECT_EQ(inspect({dir.filePath(QStringLiteral("missing.onnx"))}).exitCode, 2);
    EXPECT_EQ(inspect({}).exitCode, 2);
    EXPECT_EQ(inspect({path, QStringLiteral("--bogus")}).exitCode, 2);
}
