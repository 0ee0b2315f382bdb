// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The whole FP32 preview (image → device preprocessing → OpenCV → MaixPy decode → mapping back)
// on crafted models whose heads encode known objects. The expected objects come from
// tests/models/generate_preview_models.py, which computes them from the ground truth with the
// Ultralytics / YOLOv5 formulas, independently of the decoders here.
#include <tests/support/testpaths.h>

#include <core/preview/outputdecoder.h>
#include <core/preview/previewengine.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QString previewModelDir()
{
    return Mcw::Tests::binaryDir() + QStringLiteral("/models/preview/");
}

struct Case
{
    QString name;
    QJsonObject spec;
    Project project;
};

static Case loadCase(const QString &name)
{
    Case c;
    c.name = name;
    QFile f(previewModelDir() + name + QStringLiteral(".expected.json"));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << f.fileName().toStdString();
    c.spec = QJsonDocument::fromJson(f.readAll()).object();
    c.project.modelPath = previewModelDir() + name + QStringLiteral(".onnx");
    for (const QJsonValue &v : c.spec.value(QStringLiteral("input_shape")).toArray())
        c.project.inputShape.append(v.toInteger());
    for (const QJsonValue &v : c.spec.value(QStringLiteral("labels")).toArray())
        c.project.labels.append(v.toString());
    for (const QJsonValue &v : c.spec.value(QStringLiteral("anchors")).toArray())
        c.project.anchors.append(v.toDouble());
    c.project.modelType = c.spec.value(QStringLiteral("model_type")).toString();
    c.project.task = c.spec.value(QStringLiteral("task")).toString();
    return c;
}

static void expectDetections(const QList<Detection> &actual,
                             const QJsonArray &expected,
                             const std::string &where)
{
    ASSERT_EQ(actual.size(), expected.size()) << where;
    for (int i = 0; i < actual.size(); ++i) {
        const Detection &d = actual[i];
        const QJsonObject e = expected[i].toObject();
        const std::string at = where + " #" + std::to_string(i);
        EXPECT_EQ(d.classId, e.value(QStringLiteral("class_id")).toInt()) << at;
        EXPECT_EQ(d.label, e.value(QStringLiteral("label")).toString()) << at;
        EXPECT_NEAR(d.score, e.value(QStringLiteral("score")).toDouble(), 1e-4) << at;
        const QJsonArray box = e.value(QStringLiteral("box")).toArray();
        EXPECT_NEAR(d.x, box[0].toDouble(), 1e-3) << at;
        EXPECT_NEAR(d.y, box[1].toDouble(), 1e-3) << at;
        EXPECT_NEAR(d.w, box[2].toDouble(), 1e-3) << at;
        EXPECT_NEAR(d.h, box[3].toDouble(), 1e-3) << at;
        if (e.contains(QStringLiteral("angle"))) {
            EXPECT_TRUE(d.rotated) << at;
            EXPECT_NEAR(d.angle, e.value(QStringLiteral("angle")).toDouble(), 1e-5) << at;
        }
        if (e.contains(QStringLiteral("keypoints"))) {
            const QJsonArray points = e.value(QStringLiteral("keypoints")).toArray();
            ASSERT_EQ(d.keypoints.size(), points.size()) << at;
            for (int k = 0; k < points.size(); ++k) {
                EXPECT_EQ(d.keypoints[k].x(), points[k].toArray()[0].toDouble())
                    << at << " keypoint " << k;
                EXPECT_EQ(d.keypoints[k].y(), points[k].toArray()[1].toDouble())
                    << at << " keypoint " << k;
            }
        }
        if (e.contains(QStringLiteral("mask"))) {
            const QJsonObject m = e.value(QStringLiteral("mask")).toObject();
            EXPECT_EQ(d.maskWidth, m.value(QStringLiteral("width")).toInt()) << at;
            EXPECT_EQ(d.maskHeight, m.value(QStringLiteral("height")).toInt()) << at;
            int inside = 0;
            for (char v : d.mask)
                inside += uchar(v) > 127 ? 1 : 0;
            EXPECT_EQ(inside, m.value(QStringLiteral("pixels_inside")).toInt()) << at;
        }
    }
}

class PreviewDecode : public testing::TestWithParam<const char *>
{
};

TEST_P(PreviewDecode, ReportsTheEncodedObjectsOnBothImages)
{
    const Case c = loadCase(QString::fromLatin1(GetParam()));
    PreviewEngine engine;
    for (const QString &image : {QStringLiteral("identity"), QStringLiteral("letterbox")}) {
        const auto result
            = engine.run(c.project,
                         previewModelDir() + QStringLiteral("preview_%1.ppm").arg(image),
                         OutputDecoder::settingsFor(c.project));
        ASSERT_TRUE(result) << result.error().message.toStdString();
        ASSERT_TRUE(result->decodeError.isEmpty()) << result->decodeError.toStdString();
        expectDetections(result->decoded.detections,
                         c.spec.value(QStringLiteral("expected")).toObject().value(image).toArray(),
                         c.name.toStdString() + " on " + image.toStdString());
        EXPECT_FALSE(result->drawn.isNull());
        EXPECT_EQ(result->drawn.width, result->image.width);
    }
}

INSTANTIATE_TEST_SUITE_P(CraftedHeads,
                         PreviewDecode,
                         testing::Values("preview_yolov8_detect_s1",
                                         "preview_yolov8_detect_s2",
                                         "preview_yolov8_detect_s1_nhwc",
                                         "preview_yolo11_pose_s1",
                                         "preview_yolo11_pose_s2",
                                         "preview_yolov8_seg_s1",
                                         "preview_yolov8_seg_s2",
                                         "preview_yolo11_obb_s1",
                                         "preview_yolo11_obb_s2",
                                         "preview_yolov5",
                                         "preview_yolo26"),
                         [](const testing::TestParamInfo<const char *> &paramInfo) {
                             return std::string(paramInfo.param).substr(8);
                         });

TEST(PreviewDecode, ClassifierGivesTheSoftmaxTopFiveWithLabels)
{
    const Case c = loadCase(QStringLiteral("preview_classifier"));
    PreviewEngine engine;
    const auto result = engine.run(c.project,
                                   previewModelDir() + QStringLiteral("preview_letterbox.ppm"),
                                   OutputDecoder::settingsFor(c.project));
    ASSERT_TRUE(result) << result.error().message.toStdString();
    const QJsonArray expected = c.spec.value(QStringLiteral("classes")).toArray();
    ASSERT_EQ(result->decoded.classes.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        const QJsonObject e = expected[i].toObject();
        EXPECT_EQ(result->decoded.classes[i].classId, e.value(QStringLiteral("class_id")).toInt());
        EXPECT_EQ(result->decoded.classes[i].label, e.value(QStringLiteral("label")).toString());
        EXPECT_NEAR(
            result->decoded.classes[i].score, e.value(QStringLiteral("score")).toDouble(), 1e-6);
    }
    // classify() covers: the 512×256 image is cropped to its centre 256×256.
    EXPECT_EQ(result->input.geometry.fit, DeviceFit::Cover);
    EXPECT_EQ(result->input.geometry.offsetX, -128);
}

TEST(PreviewDecode, ConfidenceThresholdHidesWeakerObjects)
{
    Case c = loadCase(QStringLiteral("preview_yolov8_detect_s2"));
    DecoderSettings settings = OutputDecoder::settingsFor(c.project);
    settings.confidence = 0.85f; // keeps 0.95 and 0.9, drops 0.7 and 0.6
    PreviewEngine engine;
    const auto result = engine.run(
        c.project, previewModelDir() + QStringLiteral("preview_identity.ppm"), settings);
    ASSERT_TRUE(result) << result.error().message.toStdString();
    ASSERT_EQ(result->decoded.detections.size(), 2);
    EXPECT_NEAR(result->decoded.detections[0].score, 0.95, 1e-4);
    EXPECT_NEAR(result->decoded.detections[1].score, 0.9, 1e-4);
}

TEST(PreviewDecode, WrongLabelCountIsOneSentenceNamingTheTensor)
{
    Case c = loadCase(QStringLiteral("preview_yolov8_detect_s1"));
    c.project.labels.append(QStringLiteral("extra")); // 4 labels, the maps have 64 + 3 channels
    PreviewEngine engine;
    const auto result = engine.run(c.project,
                                   previewModelDir() + QStringLiteral("preview_identity.ppm"),
                                   OutputDecoder::settingsFor(c.project));
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_TRUE(result->decoded.detections.isEmpty());
    EXPECT_TRUE(result->decodeError.contains(QStringLiteral("/model.22/Concat_1_output_0")))
        << result->decodeError.toStdString();
    EXPECT_EQ(result->decodeError.count(QLatin1Char('.')) >= 1, true);
}

TEST(PreviewDecode, AModelOpenCvCannotRunIsOneSentenceNamingNodeAndOp)
{
    Project project;
    project.modelPath = previewModelDir() + QStringLiteral("preview_unsupported_mod.onnx");
    project.inputShape = {1, 3, 256, 256};
    PreviewEngine engine;
    const auto result = engine.run(project,
                                   previewModelDir() + QStringLiteral("preview_identity.ppm"),
                                   OutputDecoder::settingsFor(project));
    ASSERT_FALSE(result);
    const QString message = result.error().message;
    EXPECT_TRUE(message.startsWith(project.modelPath)) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("node head/Mod (op Mod)")))
        << message.toStdString();
    EXPECT_FALSE(message.contains(QLatin1Char('\n')));
}
