// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/project/projectfile.h>

#include <tests/support/testpaths.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace Mcw::Core;

static Project sampleProject(const QString &dir)
{
    Project p;
    p.name = QStringLiteral("yolo11n");
    p.modelPath = dir + QStringLiteral("/models/yolo11n.onnx");
    p.modelSha256 = QStringLiteral("ab12");
    p.cutTensors = {QStringLiteral("/model.23/dfl/conv/Conv_output_0"), QStringLiteral("/model.23/Sigmoid_output_0")};
    p.inputShape = {1, 3, 224, 320};
    p.preprocess.mean = {123.675, 116.28, 103.53};
    p.preprocess.scale = {1.0 / 58.395, 1.0 / 57.12, 1.0 / 57.375};
    p.preprocess.pixelFormat = QStringLiteral("bgr");
    p.preprocess.keepAspectRatio = false;
    p.preprocess.keepRatioMode = QStringLiteral("short_side_scale");
    p.preprocess.padValue = 114;
    // Labels that YAML would otherwise turn into booleans, nulls, numbers or comments.
    p.labels = {QStringLiteral("yes"), QStringLiteral("null"), QStringLiteral("~"), QStringLiteral("1.5"),
                QStringLiteral("#tag"), QStringLiteral("a: b"), QStringLiteral("- x"), QStringLiteral("Ünïcode ✓"),
                QStringLiteral("quote\"s"), QStringLiteral("")};
    p.modelType = QStringLiteral("yolo11");
    p.task = QStringLiteral("pose");
    p.quantization.processor = QStringLiteral("cv180x");
    p.quantization.int8 = false;
    p.quantization.bf16 = true;
    p.quantization.quantInput = false;
    p.quantization.datasetDir = QDir::cleanPath(dir + QStringLiteral("/../calib"));
    p.quantization.inputNum = 321;
    p.quantization.calibrationMethod = QStringLiteral("use_mse");
    p.quantization.calibrationTable = dir + QStringLiteral("/build/ws/yolo11n_search_cali_table_0123456789ab");
    p.quantization.transformCos = 0.98;
    p.quantization.transformEuclid = 0.97;
    p.quantization.deployCos = 0.85;
    p.quantization.deployEuclid = 0.45;
    p.quantization.quantizeTable = {{QStringLiteral("/model.0/Conv"), QStringLiteral("BF16")}};
    p.testImage = dir + QStringLiteral("/dog.jpg");
    p.preview.imagesDir = dir + QStringLiteral("/test-images");
    p.preview.confidence = 0.25;
    p.preview.iou = 0.6;
    p.preview.keypointThreshold = 0.3;
    p.workspaceDir = dir + QStringLiteral("/build/ws");
    return p;
}

TEST(ProjectFileTest, RoundTripKeepsEveryField)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    const Project p = sampleProject(dir.path());
    ASSERT_TRUE(ProjectFile::save(p, path));
    const auto loaded = ProjectFile::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message.toStdString();
    EXPECT_TRUE(loaded->diagnostics.isEmpty()) << loaded->diagnostics.first().message.toStdString();
    EXPECT_EQ(loaded->project, p);
    // Saving again gives the same bytes.
    EXPECT_EQ(ProjectFile::serialize(loaded->project, path), ProjectFile::serialize(p, path));
}

TEST(ProjectFileTest, StoresPathsRelativeToTheFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    const QByteArray yaml = ProjectFile::serialize(sampleProject(dir.path()), path);
    EXPECT_TRUE(yaml.contains("path: models/yolo11n.onnx\n"));
    EXPECT_TRUE(yaml.contains("dataset: ../calib\n"));
    EXPECT_TRUE(yaml.contains("test_image: dog.jpg\n"));
    EXPECT_TRUE(yaml.contains("workspace: build/ws\n"));
    EXPECT_TRUE(yaml.contains("preview:\n  images: test-images\n  confidence: 0.25\n  iou: 0.6\n"));
    EXPECT_TRUE(yaml.contains("scale: [0.017124753831663668, 0.01750700280112045, 0.017429193899782137]"));
    EXPECT_FALSE(yaml.contains(dir.path().toUtf8()));

    // Moving the project folder moves every path with it.
    const auto moved = ProjectFile::parse(yaml, QStringLiteral("/elsewhere/deep/p.yaml"));
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->project.modelPath, QStringLiteral("/elsewhere/deep/models/yolo11n.onnx"));
    EXPECT_EQ(moved->project.quantization.datasetDir, QStringLiteral("/elsewhere/calib"));
}

// A folder whose name starts with ':' is a folder next to the project, not a Qt resource path
// (QDir takes ":images" for absolute and left it unresolved, so it did not survive a save; found
// by the project file fuzzer).
TEST(ProjectFileTest, PathsStartingWithAColonAreFilesNextToTheProject)
{
    const QByteArray yaml = "schema: 1\nname: x\nmodel:\n  path: ':m.onnx'\nquantization:\n  calibration:\n"
                            "    dataset: ':images'\ntest_image: 'sub/:dog.jpg'\n";
    const auto loaded = ProjectFile::parse(yaml, QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded->project.modelPath, QStringLiteral("/p/:m.onnx"));
    EXPECT_EQ(loaded->project.quantization.datasetDir, QStringLiteral("/p/:images"));
    EXPECT_EQ(loaded->project.testImage, QStringLiteral("/p/sub/:dog.jpg"));
    const auto again = ProjectFile::parse(ProjectFile::serialize(loaded->project, QStringLiteral("/p/x.yaml")),
                                          QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->project, loaded->project);
}

TEST(ProjectFileTest, MinusZeroSurvivesASaveAndLoad)
{
    const QByteArray yaml = "schema: 1\nname: x\nmaixpy:\n  anchors: [-0, 13]\npreprocess:\n  mean: [-0.0, 0, 0]\n";
    const auto loaded = ProjectFile::parse(yaml, QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded) << loaded.error().message.toStdString();
    const auto again = ProjectFile::parse(ProjectFile::serialize(loaded->project, QStringLiteral("/p/x.yaml")),
                                          QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->project.anchors, loaded->project.anchors);
    EXPECT_EQ(again->project, loaded->project);
}

TEST(ProjectFileTest, DefaultsWhenKeysAreMissing)
{
    const auto loaded = ProjectFile::parse("schema: 1\nname: x\n", QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->diagnostics.isEmpty());
    const Project &p = loaded->project;
    EXPECT_EQ(p.quantization.processor, QStringLiteral("cv181x"));
    EXPECT_TRUE(p.quantization.int8);
    EXPECT_TRUE(p.quantization.quantInput);
    EXPECT_FALSE(p.quantization.bf16);
    EXPECT_EQ(p.quantization.transformCos, 0.99);
    EXPECT_EQ(p.quantization.transformEuclid, 0.99);
    EXPECT_EQ(p.quantization.deployCos, 0.9);
    EXPECT_EQ(p.quantization.deployEuclid, 0.6);
    EXPECT_EQ(p.workspaceDir, QStringLiteral("/p/workspace"));
    EXPECT_EQ(p.preview, PreviewSettings{}); // MaixPy's detect() defaults, no folder run
}

TEST(ProjectFileTest, PreviewIsWrittenOnlyWhenSetAndThresholdsAreChecked)
{
    Project p;
    p.name = QStringLiteral("x");
    // Projects that never touched the preview keep their bytes.
    EXPECT_FALSE(ProjectFile::serialize(p, QStringLiteral("/p/x.yaml")).contains("preview"));
    const auto loaded = ProjectFile::parse("schema: 1\nname: x\npreview:\n  confidence: 1.5\n  iou: 0.3\n",
                                           QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded);
    ASSERT_EQ(loaded->diagnostics.size(), 1);
    EXPECT_EQ(loaded->diagnostics.first().line, 4);
    EXPECT_TRUE(loaded->diagnostics.first().message.contains(QStringLiteral("0..1")))
        << loaded->diagnostics.first().message.toStdString();
    EXPECT_EQ(loaded->project.preview.confidence, 0.5); // the bad value is not taken
    EXPECT_EQ(loaded->project.preview.iou, 0.3);
}

TEST(ProjectFileTest, ReportsUnknownKeysAndBadValuesWithLines)
{
    const QByteArray yaml = "schema: 1\n"
                            "name: x\n"
                            "colour: blue\n"
                            "preprocess:\n"
                            "  mean: [0, 0, 0]\n"
                            "  scale: [1/255, 1/255, 1/255]\n"
                            "  pixel_format: RGB\n"
                            "  keep_aspect_ratio: maybe\n"
                            "quantization:\n"
                            "  modes: [INT8, F16]\n"
                            "  calibration:\n"
                            "    input_num: -4\n"
                            "    datset: images\n"
                            "  tolerance:\n"
                            "    deploy: [0.9]\n";
    const auto loaded = ProjectFile::parse(yaml, QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded);
    QList<QPair<int, QString>> found;
    for (const Diagnostic &d : loaded->diagnostics) {
        found.append({d.line, d.code});
        EXPECT_TRUE(d.message.startsWith(QStringLiteral("/p/x.yaml:%1: ").arg(d.line))) << d.message.toStdString();
    }
    const QList<QPair<int, QString>> expected{
        {3, QStringLiteral("project_unknown_key")},
        {6, QStringLiteral("project_bad_value")},
        {7, QStringLiteral("project_bad_value")},
        {8, QStringLiteral("project_bad_value")},
        {10, QStringLiteral("quantize_mode_unsupported")},
        {12, QStringLiteral("project_bad_value")},
        {13, QStringLiteral("project_unknown_key")},
        {15, QStringLiteral("project_bad_value")},
    };
    std::stable_sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    EXPECT_EQ(found, expected);
    // Bad values leave the defaults in place.
    EXPECT_EQ(loaded->project.preprocess.pixelFormat, QStringLiteral("rgb"));
    EXPECT_EQ(loaded->project.quantization.inputNum, 100);
    EXPECT_EQ(loaded->project.preprocess.scale.size(), 3);
    EXPECT_EQ(loaded->project.preprocess.scale[0], 1.0 / 255.0);
}

TEST(ProjectFileTest, FailsOnSyntaxErrorsAndNewerSchemas)
{
    const auto broken = ProjectFile::parse("schema: 1\nname: [unclosed\n", QStringLiteral("/p/x.yaml"));
    ASSERT_FALSE(broken);
    EXPECT_TRUE(broken.error().message.startsWith(QStringLiteral("/p/x.yaml:"))) << broken.error().message.toStdString();

    const auto newer = ProjectFile::parse("schema: 2\n", QStringLiteral("/p/x.yaml"));
    ASSERT_FALSE(newer);
    EXPECT_EQ(newer.error().code, Error::Code::Unsupported);

    EXPECT_FALSE(ProjectFile::parse("- a\n- b\n", QStringLiteral("/p/x.yaml")));
    EXPECT_FALSE(ProjectFile::parse("name: x\n", QStringLiteral("/p/x.yaml")));
    EXPECT_FALSE(ProjectFile::load(QStringLiteral("/nonexistent/p.yaml")));
}

TEST(ProjectFileTest, SaveReplacesWholeFileAndReportsFailures)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    QFile old(path);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write(QByteArray(100000, 'x')); // longer than the project: no tail may survive
    old.close();
    ASSERT_TRUE(ProjectFile::save(sampleProject(dir.path()), path));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("p.yaml")});
    const auto loaded = ProjectFile::load(path);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->project.name, QStringLiteral("yolo11n"));

    const QString bad = dir.filePath(QStringLiteral("missing/p.yaml"));
    const auto failed = ProjectFile::save(sampleProject(dir.path()), bad);
    ASSERT_FALSE(failed);
    EXPECT_TRUE(failed.error().message.contains(bad));
}
