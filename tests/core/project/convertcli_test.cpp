// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built maixcam-convert init/check/plan/mud/cut on the generated models, as a user would.
#include <core/mud/mudreader.h>
#include <core/onnx/onnxloader.h>
#include <core/project/cocolabels.h>
#include <core/project/projectfile.h>

#include <tests/support/clirunner.h>
#include <tests/support/sampleimage.h>
#include <tests/support/testpaths.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

/** A project folder with a test image and a few calibration images. */
struct Workspace
{
    QTemporaryDir dir;

    Workspace()
    {
        QDir().mkpath(dir.filePath(QStringLiteral("images")));
        int seed = 0;
        for (const char *name : {"dog.jpg", "images/1.jpg", "images/2.png", "images/3.bmp"})
            EXPECT_TRUE(Tests::writeSampleImage(dir.filePath(QLatin1String(name)), 640, 640, ++seed));
    }
    QString path(const char *name) const { return dir.filePath(QLatin1String(name)); }
};

} // namespace

TEST(ConvertCli, Yolov8nFromModelToMud)
{
    Workspace ws;
    const QString project = ws.path("yolov8n.yaml");
    Tests::CliRun run = Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("-o"), project,
                          QStringLiteral("--test-input"), ws.path("dog.jpg"), QStringLiteral("--dataset"), ws.path("images"),
                          QStringLiteral("--input-num"), QStringLiteral("3")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString() << run.out.toStdString();
    const auto loaded = ProjectFile::load(project);
    ASSERT_TRUE(loaded);
    const Project &p = loaded->project;
    EXPECT_EQ(p.modelType, QStringLiteral("yolov8"));
    EXPECT_EQ(p.task, QStringLiteral("detector"));
    EXPECT_EQ(p.cutTensors, (QStringList{QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")}));
    EXPECT_EQ(p.labels.size(), 80);
    EXPECT_EQ(p.quantization.inputNum, 3);
    EXPECT_EQ(p.modelSha256.size(), 64);

    run = Tests::runConvert({QStringLiteral("check"), project});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("0 error(s)")));

    run = Tests::runConvert({QStringLiteral("plan"), project});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.startsWith(QStringLiteral("#!/bin/bash\n")));
    EXPECT_TRUE(run.out.contains(QStringLiteral("--output_names /model.22/dfl/conv/Conv_output_0,/model.22/Sigmoid_output_0")));
    EXPECT_TRUE(run.out.contains(QStringLiteral("--dataset ../images")));

    const QString mud = ws.path("yolov8n.mud");
    run = Tests::runConvert({QStringLiteral("mud"), project, QStringLiteral("-o"), mud});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString() << run.out.toStdString();
    const auto read = MudReader::readFile(mud);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->labels, p.labels);
    EXPECT_EQ(read->document.value(QStringLiteral("extra"), QStringLiteral("type")), QStringLiteral("detector"));

    // One label too many: check fails with exit code 1 and names the rule.
    Project changed = p;
    changed.labels.append(QStringLiteral("extra"));
    ASSERT_TRUE(ProjectFile::save(changed, project));
    run = Tests::runConvert({QStringLiteral("check"), project});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.out.contains(QStringLiteral("81 labels but the output shapes imply 80 classes"))) << run.out.toStdString();
}

TEST(ConvertCli, Yolov5sMudMatchesSipeedPage)
{
    Workspace ws;
    const QString project = ws.path("p.yaml");
    Tests::CliRun run = Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov5s")), QStringLiteral("-o"), project,
                          QStringLiteral("--labels"), QStringLiteral("coco80")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QString mud = ws.path("yolov5s.mud");
    run = Tests::runConvert({QStringLiteral("mud"), project, QStringLiteral("-o"), mud});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString() << run.out.toStdString();
    QFile ours(mud);
    QFile page(Tests::dataPath(QStringLiteral("mud/yolov5s.mud")));
    ASSERT_TRUE(ours.open(QIODevice::ReadOnly));
    ASSERT_TRUE(page.open(QIODevice::ReadOnly));
    EXPECT_EQ(ours.readAll(), page.readAll());
}

TEST(ConvertCli, CutWritesACheckedSubgraph)
{
    Workspace ws;
    const QString out = ws.path("cut.onnx");
    const QStringList outputs{QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")};
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("cut"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("--outputs"),
                                outputs.join(QLatin1Char(',')), QStringLiteral("-o"), out});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const auto cut = OnnxLoader::loadFile(out);
    ASSERT_TRUE(cut);
    EXPECT_EQ(cut->outputNames(), outputs);
    EXPECT_EQ(cut->tensor(outputs[1])->shape.toString(), QStringLiteral("1,80,8400"));
}

TEST(ConvertCli, BadInputExitsWithTwoAndOneSentence)
{
    Workspace ws;
    Tests::CliRun run = Tests::runConvert({QStringLiteral("check"), ws.path("missing.yaml")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(ws.path("missing.yaml")));
    run = Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("-o"), ws.path("p.yaml"),
                   QStringLiteral("--preset"), QStringLiteral("yolov9")});
    EXPECT_EQ(run.exitCode, 2);
    run = Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("-o"), ws.path("p.yaml"),
                   QStringLiteral("--scale"), QStringLiteral("1/255")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("1/255")));
    run = Tests::runConvert({QStringLiteral("cut"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("--outputs"),
                   QStringLiteral("nope"), QStringLiteral("-o"), ws.path("c.onnx")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("nope")));
    QFile broken(ws.path("broken.yaml"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("schema: 1\nquantization:\n  modes: [F16]\n");
    broken.close();
    run = Tests::runConvert({QStringLiteral("plan"), ws.path("broken.yaml")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.out.contains(QStringLiteral("broken.yaml:3:")));
}

// The same sentence as the preprocessing form and the bundle importer, after the option name.
TEST(ConvertCli, InitRefusesABadMeanTokenWithTheSharedSentence)
{
    Workspace ws;
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")),
                                                 QStringLiteral("-o"), ws.path("p.yaml"), QStringLiteral("--mean"),
                                                 QStringLiteral("0,abc,0")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(run.err.trimmed(), QStringLiteral("maixcam-convert init: --mean \"0,abc,0\": \"abc\" is not a decimal "
                                                "number; write plain decimals such as 0,0,0 or 0.00392156862745098."));
    EXPECT_FALSE(QFile::exists(ws.path("p.yaml")));
}
