// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// INT8 beside FP32: a run folder whose INT8 outputs differ from FP32 by design
// (tests/models/generate_preview_models.py, int8_run) must have each difference named.
#include <tests/support/testpaths.h>

#include <core/preview/outputdecoder.h>
#include <core/preview/previewengine.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QString modelDir()
{
    return Mcw::Tests::binaryDir() + QStringLiteral("/models/preview/");
}

static Project detectProject()
{
    Project p;
    p.name = QStringLiteral("preview_yolov8_detect_s2");
    p.modelPath = modelDir() + p.name + QStringLiteral(".onnx");
    p.inputShape = {1, 3, 256, 256};
    p.labels = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")};
    p.modelType = QStringLiteral("yolov8");
    p.task = QStringLiteral("detector");
    return p;
}

TEST(Int8SideBySide, NamesMatchedShiftedClassChangedMissedAndExtra)
{
    const QString run = modelDir() + QStringLiteral("preview_yolov8_detect_s2_run");
    QFile f(run + QStringLiteral("/expected.json"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QJsonObject expected
        = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("counts")).toObject();

    const Project project = detectProject();
    PreviewEngine engine;
    const auto r = engine.runInt8(project, run, OutputDecoder::settingsFor(project));
    ASSERT_TRUE(r) << r.error().message.toStdString();
    EXPECT_TRUE(r->outputsFile.endsWith(QStringLiteral("_int8_sym_tpu_outputs.npz")));
    const DetectionComparison &c = r->comparison;
    EXPECT_EQ(c.matched, expected.value(QStringLiteral("matched")).toInt());
    EXPECT_EQ(c.shifted, expected.value(QStringLiteral("shifted")).toInt());
    EXPECT_EQ(c.classChanged, expected.value(QStringLiteral("class_changed")).toInt());
    EXPECT_EQ(c.missed, expected.value(QStringLiteral("missed")).toInt());
    EXPECT_EQ(c.extra, expected.value(QStringLiteral("extra")).toInt());
    EXPECT_NEAR(c.meanIou, expected.value(QStringLiteral("mean_iou")).toDouble(), 1e-4);
    // The picture shows both halves: twice the input width.
    EXPECT_EQ(r->drawn.width, 2 * 256);
    EXPECT_EQ(r->drawn.height, 256);
}

TEST(Int8SideBySide, FolderRunGivesOneRowPerImageAndASummary)
{
    const QString run = modelDir() + QStringLiteral("preview_yolov8_detect_s2_run");
    const Project project = detectProject();
    PreviewEngine engine;
    const auto folder = engine.runInt8Folder(project, run, OutputDecoder::settingsFor(project));
    ASSERT_TRUE(folder) << folder.error().message.toStdString();
    ASSERT_EQ(folder->rows.size(), 2);
    EXPECT_EQ(folder->rows[0].image, QStringLiteral("a"));
    EXPECT_EQ(folder->rows[0].comparison.matched, 4); // INT8 equal to FP32
    EXPECT_EQ(
        folder->rows[1].comparison.summary(),
        QStringLiteral("1 matched, 1 shifted, 1 class changed, 1 missed, 1 extra, mean IoU 0.933"));
    // 4 + 4 FP32 detections: 6 paired by class (4 + matched + shifted), 1 class changed, 1 missed.
    EXPECT_EQ(
        folder->summary(),
        QStringLiteral(
            "2 images: 6 of 8 FP32 detections matched (1 shifted, 1 class changed), 1 missed, "
            "1 extra, mean IoU 0.971"));
}

TEST(Int8SideBySide, RunWithoutTestImageIsOneSentenceNamingTheFolder)
{
    QTemporaryDir dir;
    const Project project = detectProject();
    PreviewEngine engine;
    const auto r = engine.runInt8(project, dir.path(), OutputDecoder::settingsFor(project));
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().message.startsWith(dir.path())) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("without a test image")));
}

TEST(Int8SideBySide, RunWithoutDebugOutputsSaysHowToKeepThem)
{
    QTemporaryDir dir;
    const Project project = detectProject();
    const QString run = modelDir() + QStringLiteral("preview_yolov8_detect_s2_run/");
    ASSERT_TRUE(QFile::copy(run + project.name + QStringLiteral("_in_f32.npz"),
                            dir.filePath(project.name + QStringLiteral("_in_f32.npz"))));
    PreviewEngine engine;
    const auto r = engine.runInt8(project, dir.path(), OutputDecoder::settingsFor(project));
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("--debug")))
        << r.error().message.toStdString();
}

static Detection box(int classId, float x, float y, float w, float h)
{
    Detection d;
    d.classId = classId;
    d.x = x;
    d.y = y;
    d.w = w;
    d.h = h;
    return d;
}

TEST(DetectionComparison, FolderSummaryAddsUpTheImages)
{
    DecodedOutputs fp32;
    fp32.detections = {box(0, 0, 0, 10, 10), box(1, 50, 50, 10, 10)};
    DecodedOutputs same = fp32;
    DecodedOutputs lost;
    lost.detections = {box(0, 0, 0, 10, 10)}; // the second object is missed
    FolderComparison folder;
    folder.rows.append({QStringLiteral("a.jpg"), DetectionComparison::compare(fp32, same)});
    folder.rows.append({QStringLiteral("b.jpg"), DetectionComparison::compare(fp32, lost)});
    EXPECT_EQ(folder.rows[0].comparison.matched, 2);
    EXPECT_EQ(folder.rows[1].comparison.missed, 1);
    EXPECT_EQ(folder.summary(),
              QStringLiteral("2 images: 3 of 4 FP32 detections matched (0 shifted, 0 class "
                             "changed), 1 missed, 0 extra, "
                             "mean IoU 1.000"));
}

TEST(DetectionComparison, ClassifierComparesTopOne)
{
    DecodedOutputs a;
    a.classes = {Classification{3, QStringLiteral("x"), 0.9f}};
    DecodedOutputs b;
    b.classes = {Classification{4, QStringLiteral("y"), 0.8f}};
    FolderComparison folder;
    folder.rows.append({QStringLiteral("a.jpg"), DetectionComparison::compare(a, a)});
    folder.rows.append({QStringLiteral("b.jpg"), DetectionComparison::compare(a, b)});
    EXPECT_TRUE(folder.rows[0].comparison.top1Agrees);
    EXPECT_FALSE(folder.rows[1].comparison.top1Agrees);
    EXPECT_EQ(folder.summary(), QStringLiteral("2 images: top-1 agreement 1/2 (50.0%)"));
}
