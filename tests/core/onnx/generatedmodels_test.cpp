// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Family detection on every model of the build-time generator (resources/samples/
// generate_models.py). ModelCase cut tensors are the tables of maixpy-mud.md §3.2; class counts and
// shapes were checked with python3-onnx's infer_shapes on the generated files (e.g. yolov8n-obb:
// Sigmoid_1 [1,15,8400] with the 15 DOTA classes, yolov8n-pose: Concat [1,51,8400] = 17 keypoints).
#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>
#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

struct ModelCase
{
    const char *model;
    const char *family;
    const char *task;
    int classes;
    QStringList recommended;
    QStringList alternative;
};

QStringList names(const char *prefix, std::initializer_list<const char *> suffixes)
{
    QStringList list;
    for (const char *s : suffixes)
        list.append(QString::fromLatin1(prefix) + QString::fromLatin1(s));
    return list;
}

const QStringList v8Detect = names("/model.22/", {"dfl/conv/Conv_output_0", "Sigmoid_output_0"});
const QStringList v8Heads = names("/model.22/", {"Concat_1_output_0", "Concat_2_output_0", "Concat_3_output_0"});
const QStringList v11Detect = names("/model.23/", {"dfl/conv/Conv_output_0", "Sigmoid_output_0"});
const QStringList v11Heads = names("/model.23/", {"Concat_1_output_0", "Concat_2_output_0", "Concat_3_output_0"});
const QString v8Extra = QStringLiteral("/model.22/Concat_output_0");
const QString v11Extra = QStringLiteral("/model.23/Concat_output_0");
const QString proto = QStringLiteral("output1");

std::vector<ModelCase> cases()
{
    return {
        {"yolov8n", "yolov8", "detect", 80, v8Detect, v8Heads},
        {"yolov8n-224x320", "yolov8", "detect", 80, v8Detect, v8Heads},
        {"yolov8n-nc4", "yolov8", "detect", 4, v8Detect, v8Heads},
        {"yolov8n-pose", "yolov8", "pose", 1, v8Detect + QStringList{v8Extra}, v8Heads + QStringList{v8Extra}},
        {"yolov8n-pose-nc3", "yolov8", "pose", 3, v8Detect + QStringList{v8Extra}, v8Heads + QStringList{v8Extra}},
        {"yolov8n-seg", "yolov8", "seg", 80, v8Detect + QStringList{v8Extra, proto},
         v8Heads + QStringList{v8Extra, proto}},
        {"yolov8n-obb", "yolov8", "obb", 15,
         names("/model.22/", {"dfl/conv/Conv_output_0", "Sigmoid_1_output_0", "Sigmoid_output_0"}),
         v8Heads + QStringList{v8Extra}},
        {"yolo11n", "yolo11", "detect", 80, v11Detect,
         names("/model.23/", {"Concat_output_0", "Concat_1_output_0", "Concat_2_output_0"})},
        {"yolo11n-224x320", "yolo11", "detect", 80, v11Detect,
         names("/model.23/", {"Concat_output_0", "Concat_1_output_0", "Concat_2_output_0"})},
        {"yolo11n-pose", "yolo11", "pose", 1, v11Detect + QStringList{v11Extra}, v11Heads + QStringList{v11Extra}},
        {"yolo11n-seg", "yolo11", "seg", 80, v11Detect + QStringList{v11Extra, proto},
         v11Heads + QStringList{v11Extra, proto}},
        {"yolo11n-obb", "yolo11", "obb", 15,
         names("/model.23/", {"dfl/conv/Conv_output_0", "Sigmoid_1_output_0", "Sigmoid_output_0"}),
         v11Heads + QStringList{v11Extra}},
        {"yolo26n", "yolo26", "detect", 80,
         names("/model.23/", {"one2one_cv2.0/one2one_cv2.0.2/Conv_output_0",
                              "one2one_cv2.1/one2one_cv2.1.2/Conv_output_0",
                              "one2one_cv2.2/one2one_cv2.2.2/Conv_output_0",
                              "one2one_cv3.0/one2one_cv3.0.2/Conv_output_0",
                              "one2one_cv3.1/one2one_cv3.1.2/Conv_output_0",
                              "one2one_cv3.2/one2one_cv3.2.2/Conv_output_0"}),
         {}},
        {"yolov5s", "yolov5", "detect", 80,
         names("/model.24/", {"m.0/Conv_output_0", "m.1/Conv_output_0", "m.2/Conv_output_0"}), {}},
        {"classifier", "classifier", "classify", 10, {QStringLiteral("/classifier/Gemm_output_0")}, {}},
        {"classifier-nc3", "classifier", "classify", 3, {QStringLiteral("/classifier/Gemm_output_0")}, {}},
    };
}

class GeneratedModel : public ::testing::TestWithParam<ModelCase>
{};

} // namespace

TEST_P(GeneratedModel, FamilyTaskClassesAndCuts)
{
    const ModelCase &e = GetParam();
    const auto graph = OnnxLoader::loadFile(Tests::generatedModel(QString::fromLatin1(e.model)));
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    const FamilyDetection d = detectFamily(*graph);
    EXPECT_EQ(d.family, QString::fromLatin1(e.family)) << d.reason.toStdString();
    EXPECT_EQ(d.task, QString::fromLatin1(e.task)) << d.reason.toStdString();
    EXPECT_EQ(d.classCount, e.classes);
    EXPECT_EQ(d.recommendedOutputs, e.recommended) << d.recommendedOutputs.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(d.alternativeOutputs, e.alternative) << d.alternativeOutputs.join(QLatin1Char(' ')).toStdString();
    // Every cut tensor exists and has a static shape (pre-flight relies on it).
    for (const QString &name : d.recommendedOutputs + d.alternativeOutputs) {
        const Tensor *t = graph->tensor(name);
        ASSERT_NE(t, nullptr) << name.toStdString();
        EXPECT_TRUE(t->shape.isStatic()) << name.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Generator, GeneratedModel, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<ModelCase> &param) {
                             std::string name = param.param.model;
                             for (char &c : name) {
                                 if (c == '-')
                                     c = '_';
                             }
                             return name;
                         });

TEST(GeneratedModelShapes, DflAndClassTensorsMatchTheAnchorCount)
{
    // 224x320: A = 28*40 + 14*20 + 7*10 = 1470 (maixpy-mud.md §2.3).
    const auto graph = OnnxLoader::loadFile(Tests::generatedModel(QStringLiteral("yolov8n-224x320")));
    ASSERT_TRUE(graph);
    EXPECT_EQ(graph->tensor(QStringLiteral("/model.22/dfl/conv/Conv_output_0"))->shape,
              Shape::fromStatic({1, 1, 4, 1470}));
    EXPECT_EQ(graph->tensor(QStringLiteral("/model.22/Sigmoid_output_0"))->shape,
              Shape::fromStatic({1, 80, 1470}));
    EXPECT_EQ(graph->tensor(QStringLiteral("/model.22/Concat_1_output_0"))->shape,
              Shape::fromStatic({1, 144, 28, 40}));
}

TEST(GeneratedModelShapes, Yolo26SigmoidWithoutDflHeadIsNotYolo11)
{
    // YOLO26's head also has /model.23/Sigmoid_output_0 [1,80,8400], but no DFL conv: it must be
    // recognised by its one2one convs, never taken for YOLO11.
    const auto graph = OnnxLoader::loadFile(Tests::generatedModel(QStringLiteral("yolo26n")));
    ASSERT_TRUE(graph);
    ASSERT_NE(graph->tensor(QStringLiteral("/model.23/Sigmoid_output_0")), nullptr);
    EXPECT_EQ(graph->tensor(QStringLiteral("/model.23/dfl/conv/Conv_output_0")), nullptr);
    EXPECT_EQ(detectFamily(*graph).family, QStringLiteral("yolo26"));
}
