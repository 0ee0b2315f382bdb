// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MaixCAM2's decoder rules (maixcam2.md §6). Shapes come from the reference: the maintainer's
// numbers in MaixPy#208 (96×96, 1 class: heads [1,65,12,12], [1,65,6,6], [1,65,3,3]; the
// flattened export's [1,64,189], [1,1,189], [1,4,189]) and the output counts of MaixCDK's
// nn.YOLO11 / nn.YOLOv5.
#include <core/onnx/onnxloader.h>
#include <core/project/maixcam2decodercheck.h>
#include <core/project/preflight.h>

#include <tests/support/diagnosticcodes.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

Project project(const QString &modelType, const QString &task = {}, Device device = Device::MaixCam2)
{
    Project p;
    p.name = QStringLiteral("m");
    p.device = device;
    p.modelType = modelType;
    p.task = task;
    return p;
}

QStringList codes(const QList<Diagnostic> &list, Diagnostic::Severity severity)
{
    return Mcw::Tests::diagnosticCodes(list, severity);
}

const Diagnostic *find(const QList<Diagnostic> &list, const QString &code)
{
    for (const Diagnostic &d : list) {
        if (d.code == code)
            return &d;
    }
    return nullptr;
}

CutTensorShape t(const char *name, QList<qint64> shape)
{
    return {QLatin1String(name), std::move(shape)};
}

const QList<CutTensorShape> s_issue208Heads = {t("/model.23/Concat_output_0", {1, 65, 12, 12}),
                                               t("/model.23/Concat_1_output_0", {1, 65, 6, 6}),
                                               t("/model.23/Concat_2_output_0", {1, 65, 3, 3})};
const QList<CutTensorShape> s_issue208Flattened = {t("/model.23/Concat_output_0", {1, 64, 189}),
                                                   t("/model.23/Concat_1_output_0", {1, 1, 189}),
                                                   t("/model.23/Concat_2_output_0", {1, 4, 189})};

} // namespace

TEST(MaixCam2DecoderCheck, PerScaleHeadsOfIssue208Pass)
{
    const QList<Diagnostic> found = MaixCam2DecoderCheck::check(project(QStringLiteral("yolo11")), 96, 96, s_issue208Heads);
    EXPECT_TRUE(codes(found, Diagnostic::Severity::Error).isEmpty());
    // The NHWC form the dst_perm [0,2,3,1] gives is the same heads.
    const QList<CutTensorShape> nhwc = {t("a", {1, 12, 12, 65}), t("b", {1, 6, 6, 65}), t("c", {1, 3, 3, 65})};
    EXPECT_TRUE(codes(MaixCam2DecoderCheck::check(project(QStringLiteral("yolo11")), 96, 96, nhwc),
                      Diagnostic::Severity::Error)
                    .isEmpty());
}

TEST(MaixCam2DecoderCheck, FlattenedTensorsUnderTheHeadNamesAreTheVersionTrap)
{
    const QList<Diagnostic> found = MaixCam2DecoderCheck::check(project(QStringLiteral("yolo11")), 96, 96, s_issue208Flattened);
    ASSERT_EQ(codes(found, Diagnostic::Severity::Error), QStringList{QStringLiteral("maixcam2_flattened_heads")});
    const Diagnostic *d = find(found, QStringLiteral("maixcam2_flattened_heads"));
    // 189 = 12·12 + 6·6 + 3·3 anchors at 96×96.
    EXPECT_TRUE(d->message.startsWith(QStringLiteral("'/model.23/Concat_output_0' [1, 64, 189], '/model.23/Concat_1_output_0' "
                                                     "[1, 1, 189], '/model.23/Concat_2_output_0' [1, 4, 189] are flattened "
                                                     "over all 189 anchors")))
        << d->message.toStdString();
    EXPECT_TRUE(d->message.contains(QStringLiteral("IndexError")));
    EXPECT_TRUE(d->message.contains(QStringLiteral("MaixPy#208")));
    EXPECT_TRUE(d->suggestion.contains(QStringLiteral("/model.23/cv2.{i}/cv2.{i}.2/Conv_output_0")));
    EXPECT_EQ(d->details.size(), 3);
}

TEST(MaixCam2DecoderCheck, YoloOutputCountsPerTask)
{
    // 64×96: heads [1, 64+nc, 8, 12], [.., 4, 6], [.., 2, 3]; A = 96 + 24 + 6 = 126.
    const QList<CutTensorShape> heads = {t("h8", {1, 144, 8, 12}), t("h16", {1, 144, 4, 6}), t("h32", {1, 144, 2, 3})};
    const auto errorsFor = [](const QString &task, const QList<CutTensorShape> &outputs) {
        return codes(MaixCam2DecoderCheck::check(project(QStringLiteral("yolov8"), task), 64, 96, outputs),
                     Diagnostic::Severity::Error);
    };
    EXPECT_TRUE(errorsFor(QString(), heads).isEmpty());
    EXPECT_TRUE(errorsFor(QString(), {t("dfl", {1, 1, 4, 126}), t("cls", {1, 80, 126})}).isEmpty());
    EXPECT_TRUE(errorsFor(QStringLiteral("pose"), heads + QList{t("kpt", {1, 51, 126})}).isEmpty());
    EXPECT_TRUE(errorsFor(QStringLiteral("obb"), heads + QList{t("angle", {1, 1, 126})}).isEmpty());
    EXPECT_TRUE(errorsFor(QStringLiteral("seg"), heads + QList{t("coef", {1, 32, 126}), t("proto", {1, 32, 16, 24})}).isEmpty());

    // A detector with a fourth output, and a seg cut of the heads alone.
    EXPECT_EQ(errorsFor(QString(), heads + QList{t("extra", {1, 32, 126})}), QStringList{QStringLiteral("maixcam2_output_count")});
    const QList<Diagnostic> seg = MaixCam2DecoderCheck::check(project(QStringLiteral("yolov8"), QStringLiteral("seg")), 64, 96,
                                                               heads);
    const Diagnostic *d = find(seg, QStringLiteral("maixcam2_output_count"));
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message, QStringLiteral("nn.YOLOv8 on MaixCAM2 reads exactly 5 outputs for the seg task (the three per-scale "
                                         "heads [1, 64+nc, H/s, W/s], mask coefficients and prototypes), or 4 with the DFL + "
                                         "Sigmoid cut; this cut has 3."));
}

TEST(MaixCam2DecoderCheck, Yolov5NeedsThreeNchwHeads)
{
    // 64×96, 80 classes: [1, 255, 8, 12], [1, 255, 4, 6], [1, 255, 2, 3].
    const QList<CutTensorShape> nchw = {t("/model.24/m.0/Conv_output_0", {1, 255, 8, 12}),
                                        t("/model.24/m.1/Conv_output_0", {1, 255, 4, 6}),
                                        t("/model.24/m.2/Conv_output_0", {1, 255, 2, 3})};
    EXPECT_TRUE(codes(MaixCam2DecoderCheck::check(project(QStringLiteral("yolov5")), 64, 96, nchw), Diagnostic::Severity::Error)
                    .isEmpty());
    EXPECT_EQ(codes(MaixCam2DecoderCheck::check(project(QStringLiteral("yolov5")), 64, 96, nchw.mid(0, 2)),
                    Diagnostic::Severity::Error),
              QStringList{QStringLiteral("maixcam2_output_count")});
    QList<CutTensorShape> nhwc = nchw;
    nhwc[0].shape = {1, 8, 12, 255};
    const QList<Diagnostic> found = MaixCam2DecoderCheck::check(project(QStringLiteral("yolov5")), 64, 96, nhwc);
    EXPECT_EQ(codes(found, Diagnostic::Severity::Error), QStringList{QStringLiteral("maixcam2_yolov5_layout")});
    EXPECT_EQ(find(found, QStringLiteral("maixcam2_yolov5_layout"))->tensorName, QStringLiteral("/model.24/m.0/Conv_output_0"));
}

TEST(MaixCam2DecoderCheck, CameraSizesAreRecommended)
{
    const Project classifier = project(QStringLiteral("classifier"));
    const QList<CutTensorShape> logits = {t("logits", {1, 10})};
    EXPECT_TRUE(MaixCam2DecoderCheck::check(classifier, 480, 640, logits).isEmpty());
    EXPECT_TRUE(MaixCam2DecoderCheck::check(classifier, 240, 320, logits).isEmpty());
    const QList<Diagnostic> square = MaixCam2DecoderCheck::check(classifier, 224, 224, logits);
    ASSERT_EQ(codes(square, Diagnostic::Severity::Info), QStringList{QStringLiteral("maixcam2_input_size")});
    EXPECT_TRUE(square.first().message.startsWith(QStringLiteral("The model takes 224×224;")));
    // MaixCAM has its own rules: nothing here applies.
    EXPECT_TRUE(MaixCam2DecoderCheck::check(project(QStringLiteral("yolo11"), {}, Device::MaixCam), 96, 96, s_issue208Flattened)
                    .isEmpty());
}

TEST(MaixCam2DecoderCheck, PreflightReportsTheTrapOnAFlattenedExport)
{
    // makemodels.py writes the MaixPy#208 export (newer YOLO11 head, 96×96, 1 class).
    const auto graph = OnnxLoader::loadFile(QStringLiteral(MCW_PREFLIGHT_MODELS "/v11_flattened_96x96.onnx"));
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    Project p = project(QStringLiteral("yolo11"));
    p.modelPath = QStringLiteral(MCW_PREFLIGHT_MODELS "/v11_flattened_96x96.onnx");
    p.inputShape = {1, 3, 96, 96};
    p.labels = {QStringLiteral("object")};
    p.cutTensors = {QStringLiteral("/model.23/Concat_output_0"), QStringLiteral("/model.23/Concat_1_output_0"),
                    QStringLiteral("/model.23/Concat_2_output_0")};
    const QList<Diagnostic> maixcam2 = Preflight::check(p, *graph);
    EXPECT_NE(find(maixcam2, QStringLiteral("maixcam2_flattened_heads")), nullptr);
    EXPECT_EQ(find(maixcam2, QStringLiteral("output_shape")), nullptr); // one sentence, not two
    EXPECT_NE(find(maixcam2, QStringLiteral("maixcam2_input_size")), nullptr);
    // The same project for MaixCAM gets MaixCAM's generic shape error instead.
    p.device = Device::MaixCam;
    const QList<Diagnostic> maixcam = Preflight::check(p, *graph);
    EXPECT_EQ(find(maixcam, QStringLiteral("maixcam2_flattened_heads")), nullptr);
    EXPECT_NE(find(maixcam, QStringLiteral("output_shape")), nullptr);
}
