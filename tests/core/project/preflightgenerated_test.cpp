// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Pre-flight on the generated Ultralytics-shaped models (tests/models), set up the way `init` does.
#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>
#include <core/project/preflight.h>
#include <core/project/projectinitializer.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

struct Case
{
    const char *model;
    const char *modelType;
    const char *task;
    int labels;
    QStringList scheme2Warnings; // with the recommended (scheme 2) cut
};

Project initialized(const QString &name, const Graph &graph)
{
    ProjectInitializer::Options options;
    const auto result = ProjectInitializer::initialize(graph, Mcw::Tests::generatedModel(name), options);
    EXPECT_TRUE(result) << (result ? std::string() : result.error().message.toStdString());
    Project p = result ? result->project : Project{};
    p.quantization.int8 = false; // no calibration folder here; BF16 keeps the other rules active
    p.quantization.bf16 = true;
    p.testImage = Mcw::Tests::dataPath(QStringLiteral("mud/yolov5s.mud")); // any existing file
    return p;
}

QStringList codes(const QList<Diagnostic> &list)
{
    QStringList out;
    for (const Diagnostic &d : list)
        out.append(severityName(d.severity) + QLatin1Char(':') + d.code);
    return out;
}

} // namespace

TEST(PreflightGeneratedTest, RecommendedCutsPassAndConfusableClassCountsWarn)
{
    const QList<Case> cases{
        {"yolov8n", "yolov8", "detector", 80, {}},
        {"yolov8n-224x320", "yolov8", "detector", 80, {}},
        {"yolo11n", "yolo11", "detector", 80, {}},
        {"yolov8n-pose", "yolov8", "pose", 1, {}},
        {"yolo11n-seg", "yolo11", "seg", 80, {}},
        {"yolo11n-obb", "yolo11", "obb", 15, {}},
        {"yolo26n", "yolo26", "", 80, {}},
        {"yolov5s", "yolov5", "", 80, {}},
        {"yolov8n-nc4", "yolov8", "detector", 4, {QStringLiteral("warning:yolo_nc4_scheme2")}},
        {"yolov8n-pose-nc3", "yolov8", "pose", 3, {QStringLiteral("warning:yolo_pose_nc_multiple_of_3")}},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.model);
        const QString name = QLatin1String(c.model);
        const auto graph = OnnxLoader::loadFile(Mcw::Tests::generatedModel(name));
        ASSERT_TRUE(graph);
        Project p = initialized(name, *graph);
        EXPECT_EQ(p.modelType, QLatin1String(c.modelType));
        EXPECT_EQ(p.task, QLatin1String(c.task));
        if (p.modelType == QLatin1String("yolov5"))
            p.labels = QStringList(80, QStringLiteral("x")); // the generated yolov5s has no names
        EXPECT_EQ(p.labels.size(), c.labels);
        EXPECT_EQ(codes(Preflight::check(p, *graph)), c.scheme2Warnings);

        // The alternative (scheme 1) cut passes without the scheme-2 warnings.
        const FamilyDetection detection = detectFamily(*graph);
        if (!detection.alternativeOutputs.isEmpty()) {
            Project alt = p;
            alt.cutTensors = detection.alternativeOutputs;
            EXPECT_EQ(codes(Preflight::check(alt, *graph)), QStringList{});
        }

        // One label short fails.
        p.labels.removeLast();
        EXPECT_TRUE(codes(Preflight::check(p, *graph)).contains(QStringLiteral("error:label_count")));
    }
}

TEST(PreflightGeneratedTest, ClassifierCutBeforeSoftmax)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::generatedModel(QStringLiteral("classifier")));
    ASSERT_TRUE(graph);
    Project p = initialized(QStringLiteral("classifier"), *graph);
    EXPECT_EQ(p.modelType, QStringLiteral("classifier"));
    ASSERT_EQ(p.cutTensors.size(), 1);
    const Tensor *cut = graph->tensor(p.cutTensors.first());
    ASSERT_TRUE(cut);
    const qint64 classes = cut->shape.elementCount();
    p.labels = QStringList(int(classes), QStringLiteral("c"));
    EXPECT_EQ(codes(Preflight::check(p, *graph)), QStringList{});
    // Cutting at the model's own output keeps the Softmax.
    p.cutTensors = graph->outputNames();
    EXPECT_EQ(codes(Preflight::check(p, *graph)), QStringList{QStringLiteral("warning:classifier_softmax_kept")});
}
