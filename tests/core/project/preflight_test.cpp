// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/project/cocolabels.h>
#include <core/project/preflight.h>

#include <tests/support/sampleimage.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <tests/support/diagnosticcodes.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

// Models written by makemodels.py at build time (64×96 input unless named otherwise).
QString model(const QString &name)
{
    return QStringLiteral(MCW_PREFLIGHT_MODELS "/%1.onnx").arg(name);
}

QStringList classes(int n)
{
    QStringList list;
    for (int i = 0; i < n; ++i)
        list.append(QStringLiteral("class%1").arg(i));
    return list;
}

/** A project that passes every check except those a test changes. */
struct Fixture
{
    QTemporaryDir dir;
    Project project;

    Fixture(const QString &modelName, const QString &modelType, const QStringList &outputs, int nc)
    {
        project.name = QStringLiteral("m");
        project.modelPath = model(modelName);
        project.modelType = modelType;
        project.cutTensors = outputs;
        project.labels = classes(nc);
        project.inputShape = {1, 3, 64, 96};
        project.quantization.inputNum = 3;
        project.quantization.datasetDir = dir.filePath(QStringLiteral("images"));
        QDir().mkpath(project.quantization.datasetDir + QStringLiteral("/sub"));
        int seed = 0;
        for (const char *name : {"a.jpg", "b.PNG", "sub/c.JpEg"})
            EXPECT_TRUE(Mcw::Tests::writeSampleImage(project.quantization.datasetDir + QLatin1Char('/') + QLatin1String(name), 96, 64, ++seed));
        touch(project.quantization.datasetDir + QStringLiteral("/notes.txt"));
        project.testImage = dir.filePath(QStringLiteral("test.jpg"));
        EXPECT_TRUE(Mcw::Tests::writeSampleImage(project.testImage));
        if (modelType == QLatin1String("yolov5"))
            project.anchors = {10, 13, 16, 30, 33, 23, 30, 61, 62, 45, 59, 119, 116, 90, 156, 198, 373, 326};
    }

    static void touch(const QString &path)
    {
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    }

    QList<Diagnostic> check(bool pinShape = true) const
    {
        OnnxLoader::Options options;
        if (pinShape && !project.inputShape.isEmpty())
            options.inputShapes.insert(QStringLiteral("images"), project.inputShape);
        const auto graph = OnnxLoader::loadFile(project.modelPath, options);
        EXPECT_TRUE(graph) << project.modelPath.toStdString();
        return Preflight::check(project, graph ? *graph : Graph());
    }
};

QStringList codes(const QList<Diagnostic> &list, Diagnostic::Severity severity)
{
    return Mcw::Tests::diagnosticCodes(list, severity);
}

QStringList errors(const QList<Diagnostic> &list)
{
    return codes(list, Diagnostic::Severity::Error);
}

QStringList warnings(const QList<Diagnostic> &list)
{
    return codes(list, Diagnostic::Severity::Warning);
}

const Diagnostic *find(const QList<Diagnostic> &list, const QString &code)
{
    for (const Diagnostic &d : list) {
        if (d.code == code)
            return &d;
    }
    return nullptr;
}

const QStringList v8Scheme2{QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")};
const QStringList v8Scheme1{QStringLiteral("/model.22/Concat_1_output_0"), QStringLiteral("/model.22/Concat_2_output_0"),
                            QStringLiteral("/model.22/Concat_3_output_0")};
const QStringList v5Heads{QStringLiteral("/model.24/m.0/Conv_output_0"), QStringLiteral("/model.24/m.1/Conv_output_0"),
                          QStringLiteral("/model.24/m.2/Conv_output_0")};

} // namespace

TEST(PreflightTest, Yolov8Scheme2Passes)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"), v8Scheme2, 80);
    const auto list = f.check();
    EXPECT_TRUE(list.isEmpty()) << list.value(0).message.toStdString();
}

TEST(PreflightTest, Yolov8Scheme1Passes)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"), v8Scheme1, 80);
    EXPECT_TRUE(f.check().isEmpty());
}

TEST(PreflightTest, LabelCountMustMatchClasses)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"), v8Scheme2, 79);
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("label_count")});
    f.project.labels = cocoLabels();
    EXPECT_TRUE(f.check().isEmpty());
}

TEST(PreflightTest, CutTensorsMustExist)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"),
              {QStringLiteral("/model.23/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")}, 80);
    const auto list = f.check();
    EXPECT_EQ(errors(list), QStringList{QStringLiteral("cut_tensor_missing")});
    EXPECT_EQ(find(list, QStringLiteral("cut_tensor_missing"))->tensorName, QStringLiteral("/model.23/dfl/conv/Conv_output_0"));
}

TEST(PreflightTest, CutTensorsMustDependOnTheInput)
{
    Fixture f(QStringLiteral("classifier"), QStringLiteral("classifier"), {QStringLiteral("fc.weight")}, 10);
    f.project.inputShape = {1, 3, 32, 32};
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("cut_tensor_unreachable")});
    f.project.cutTensors = {QStringLiteral("/fc/Gemm_output_0")};
    EXPECT_TRUE(f.check().isEmpty());
}

TEST(PreflightTest, DynamicInputsMustBeFixed)
{
    Fixture f(QStringLiteral("classifier_dynamic"), QStringLiteral("classifier"), {QStringLiteral("/fc/Gemm_output_0")}, 10);
    f.project.inputShape.clear();
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("input_dynamic")});
    // A shape in the project but a graph loaded without pinning it: the cut tensor stays dynamic.
    f.project.inputShape = {1, 3, 32, 32};
    EXPECT_EQ(errors(f.check(false)), QStringList{QStringLiteral("cut_tensor_dynamic")});
    EXPECT_TRUE(f.check(true).isEmpty());
}

TEST(PreflightTest, ShapesMustFitTheClass)
{
    // Scheme-1 heads declared as YOLOv5: channel count 64+80 is not 3·(5+nc)... but grids fit; use a v8 cut as yolov5.
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"),
              {QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Concat_1_output_0")}, 80);
    const auto list = f.check();
    EXPECT_EQ(errors(list), QStringList{QStringLiteral("output_shape")});
    EXPECT_FALSE(find(list, QStringLiteral("output_shape"))->details.isEmpty());
    // A classifier cut with two outputs.
    f.project.modelType = QStringLiteral("classifier");
    f.project.cutTensors = v8Scheme2;
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("output_shape")});
}

TEST(PreflightTest, AnchorCountFollowsInputSize)
{
    // 128×64 input (H×W): A = 16·8 + 8·4 + 4·2 = 168 anchors.
    Fixture f(QStringLiteral("v11_detect_128x64"), QStringLiteral("yolo11"),
              {QStringLiteral("/model.23/dfl/conv/Conv_output_0"), QStringLiteral("/model.23/Sigmoid_output_0")}, 80);
    f.project.inputShape = {1, 3, 128, 64};
    EXPECT_TRUE(f.check().isEmpty()) << f.check().value(0).message.toStdString();
    // The project's shape must be the model's.
    f.project.inputShape = {1, 3, 64, 96};
    EXPECT_EQ(errors(f.check(false)), QStringList{QStringLiteral("input_shape_mismatch")});
}

TEST(PreflightTest, InputMustBeMultipleOf32ForYolo)
{
    Fixture c(QStringLiteral("classifier_dynamic"), QStringLiteral("yolov8"), {QStringLiteral("/fc/Gemm_output_0")}, 10);
    c.project.inputShape = {1, 3, 64, 96};
    EXPECT_FALSE(errors(c.check()).contains(QStringLiteral("input_not_multiple_of_32")));
    c.project.inputShape = {1, 3, 48, 96};
    EXPECT_TRUE(errors(c.check()).contains(QStringLiteral("input_not_multiple_of_32")));
    c.project.inputShape = {1, 3, 64, 40};
    EXPECT_TRUE(errors(c.check()).contains(QStringLiteral("input_not_multiple_of_32")));
    // Classifiers take any size.
    c.project.modelType = QStringLiteral("classifier");
    EXPECT_TRUE(c.check().isEmpty());
}

TEST(PreflightTest, FourClassesUnderScheme2Warns)
{
    Fixture f(QStringLiteral("v8_detect_nc4"), QStringLiteral("yolov8"), v8Scheme2, 4);
    const auto list = f.check();
    EXPECT_TRUE(errors(list).isEmpty());
    EXPECT_EQ(warnings(list), QStringList{QStringLiteral("yolo_nc4_scheme2")});
    f.project.cutTensors = v8Scheme1;
    EXPECT_TRUE(f.check().isEmpty());
}

TEST(PreflightTest, PoseChecksKeypointsAndWarnsOnClassCountsDivisibleBy3)
{
    const QStringList pose2 = v8Scheme2 + QStringList{QStringLiteral("/model.22/Concat_output_0")};
    Fixture f(QStringLiteral("v8_pose"), QStringLiteral("yolov8"), pose2, 1);
    f.project.task = QStringLiteral("pose");
    EXPECT_TRUE(f.check().isEmpty()) << f.check().value(0).message.toStdString();
    f.project.cutTensors = v8Scheme1 + QStringList{QStringLiteral("/model.22/Concat_output_0")};
    EXPECT_TRUE(f.check().isEmpty());
    f.project.cutTensors = v8Scheme2; // keypoints missing
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("output_shape")});

    Fixture g(QStringLiteral("v8_pose_nc3"), QStringLiteral("yolov8"), pose2, 3);
    g.project.task = QStringLiteral("pose");
    EXPECT_EQ(warnings(g.check()), QStringList{QStringLiteral("yolo_pose_nc_multiple_of_3")});
}

TEST(PreflightTest, SegAndObbExtras)
{
    Fixture s(QStringLiteral("v8_seg"), QStringLiteral("yolov8"),
              v8Scheme2 + QStringList{QStringLiteral("/model.22/Concat_output_0"), QStringLiteral("output1")}, 80);
    s.project.task = QStringLiteral("seg");
    EXPECT_TRUE(s.check().isEmpty()) << s.check().value(0).message.toStdString();
    s.project.cutTensors.removeLast();
    EXPECT_EQ(errors(s.check()), QStringList{QStringLiteral("output_shape")});

    Fixture o(QStringLiteral("v8_obb"), QStringLiteral("yolov8"),
              {QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_1_output_0"),
               QStringLiteral("/model.22/Sigmoid_output_0")}, 15);
    o.project.task = QStringLiteral("obb");
    EXPECT_TRUE(o.check().isEmpty()) << o.check().value(0).message.toStdString();
    o.project.task = QStringLiteral("detect");
    EXPECT_EQ(errors(o.check()), QStringList{QStringLiteral("task_invalid")});
}

TEST(PreflightTest, Yolov5HeadsSortInStrideOrder)
{
    Fixture f(QStringLiteral("v5"), QStringLiteral("yolov5"), v5Heads, 80);
    EXPECT_TRUE(f.check().isEmpty()) << f.check().value(0).message.toStdString();
    f.project.labels = classes(20);
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("label_count")});

    Fixture s(QStringLiteral("v5_swapped"), QStringLiteral("yolov5"), v5Heads, 80);
    EXPECT_EQ(errors(s.check()), QStringList{QStringLiteral("yolov5_stride_order")});
    s.project.anchors = {10, 13, 16};
    EXPECT_EQ(errors(s.check()), QStringList{QStringLiteral("yolov5_anchors")});
}

TEST(PreflightTest, ClassifierSoftmaxKeptWarns)
{
    Fixture f(QStringLiteral("classifier"), QStringLiteral("classifier"), {QStringLiteral("probs")}, 10);
    f.project.inputShape = {1, 3, 32, 32};
    const auto list = f.check();
    EXPECT_EQ(warnings(list), QStringList{QStringLiteral("classifier_softmax_kept")});
    const Diagnostic *d = find(list, QStringLiteral("classifier_softmax_kept"));
    EXPECT_EQ(d->nodeId, QStringLiteral("/Softmax"));
    EXPECT_TRUE(d->suggestion.contains(QStringLiteral("/fc/Gemm_output_0")));
    // An empty cut means the model's own outputs, i.e. the same Softmax.
    f.project.cutTensors.clear();
    EXPECT_EQ(warnings(f.check()), QStringList{QStringLiteral("classifier_softmax_kept")});
}

TEST(PreflightTest, CalibrationFolderNeedsInputNumImages)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"), v8Scheme2, 80);
    EXPECT_EQ(Preflight::countCalibrationImages(f.project.quantization.datasetDir), 3);
    f.project.quantization.inputNum = 4;
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("calibration_too_few")});
    f.project.quantization.datasetDir = f.dir.filePath(QStringLiteral("nope"));
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("calibration_missing")});
    f.project.quantization.int8 = false; // BF16 only needs no calibration
    f.project.quantization.bf16 = true;
    EXPECT_TRUE(f.check().isEmpty());
    f.project.quantization.bf16 = false;
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("quantize_none")});
}

TEST(PreflightTest, LabelsTheMudCannotCarry)
{
    Fixture f(QStringLiteral("v8_detect_nc4"), QStringLiteral("yolov8"), v8Scheme1, 4);
    f.project.labels = {QStringLiteral("a,b"), QStringLiteral("C#"), QString(), QStringLiteral(" pad")};
    const auto list = f.check();
    EXPECT_EQ(errors(list), QStringList(4, QStringLiteral("label_unsupported")));
    f.project.labels = {QStringLiteral("traffic light"), QStringLiteral("ü"), QStringLiteral("a-b"), QStringLiteral("x")};
    EXPECT_TRUE(f.check().isEmpty());
}

TEST(PreflightTest, ProcessorPreprocessAndQuantizeTable)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"), v8Scheme2, 80);
    f.project.quantization.processor = QStringLiteral("cv180x");
    EXPECT_EQ(warnings(f.check()), QStringList{QStringLiteral("processor_cv180x")});
    f.project.quantization.processor = QStringLiteral("bm1684x");
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("processor_unsupported")});
    f.project.quantization.processor = QStringLiteral("cv181x");
    f.project.quantization.quantizeTable = {{QStringLiteral("/model.0/conv/Conv"), QStringLiteral("F16")}};
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("quantize_mode_unsupported")});
    f.project.quantization.quantizeTable.clear();
    f.project.preprocess.scale = {0.1, 0.0, 0.1};
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("scale_zero")});
    f.project.preprocess.scale = {0.1, 0.1};
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("mean_scale_count")});
    f.project.preprocess.scale = {0.1};
    f.project.preprocess.mean = {0.0};
    EXPECT_TRUE(f.check().isEmpty());
    f.project.preprocess.pixelFormat = QStringLiteral("gray");
    const QStringList grayErrors = errors(f.check());
    EXPECT_TRUE(grayErrors.contains(QStringLiteral("input_channels")));
    EXPECT_TRUE(grayErrors.contains(QStringLiteral("pixel_format")));

    Fixture g(QStringLiteral("classifier_gray"), QStringLiteral("classifier"), {QStringLiteral("/fc/Gemm_output_0")}, 10);
    g.project.inputShape = {1, 1, 32, 32};
    g.project.preprocess.pixelFormat = QStringLiteral("gray");
    g.project.preprocess.mean = {127.5};
    g.project.preprocess.scale = {0.00784313725490196};
    EXPECT_TRUE(g.check().isEmpty());
}

TEST(PreflightTest, TestImageAndModelChange)
{
    Fixture f(QStringLiteral("v8_detect"), QStringLiteral("yolov8"), v8Scheme2, 80);
    f.project.testImage.clear();
    EXPECT_EQ(warnings(f.check()), QStringList{QStringLiteral("test_image_missing")});
    f.project.testImage = f.dir.filePath(QStringLiteral("gone.jpg"));
    EXPECT_EQ(errors(f.check()), QStringList{QStringLiteral("test_image_missing")});
    f.project.testImage = f.dir.filePath(QStringLiteral("test.jpg"));
    f.project.modelSha256 = QStringLiteral("0000");
    EXPECT_EQ(warnings(f.check()), QStringList{QStringLiteral("model_changed")});
}
