// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MaixCAM2 presets on the generated Ultralytics-shaped models: the cut per family and task found
// by shape (maixcam2.md §6), the pre-flight on it, and the dst_perm each cut tensor gets.
#include <core/onnx/onnxloader.h>
#include <core/project/preflight.h>
#include <core/project/presetcut.h>
#include <core/project/projectinitializer.h>
#include <core/pulsar2/outputprocessors.h>
#include <core/pulsar2/pulsar2planinputs.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

struct Initialized
{
    Project project;
    QStringList notes;
    QList<OutputProcessor> processors;
    QStringList errors;
};

Initialized initialize(const QString &model, Device device)
{
    Initialized out;
    const QString path = Tests::generatedModel(model);
    const auto graph = OnnxLoader::loadFile(path);
    EXPECT_TRUE(graph) << path.toStdString();
    ProjectInitializer::Options options;
    options.device = device;
    const auto result = ProjectInitializer::initialize(*graph, path, options);
    EXPECT_TRUE(result) << (result ? "" : result.error().message.toStdString());
    out.project = result->project;
    out.notes = result->notes;
    const auto pinned = Pulsar2PlanInputs::loadModel(out.project);
    EXPECT_TRUE(pinned);
    out.processors = OutputProcessors::forProject(out.project, Pulsar2PlanInputs::fromGraph(out.project, *pinned).outputShapes);
    for (const Diagnostic &d : Preflight::check(out.project, *pinned)) {
        if (d.severity == Diagnostic::Severity::Error && !d.code.startsWith(QLatin1String("calibration")))
            out.errors.append(d.code + QStringLiteral(": ") + d.message);
    }
    return out;
}

QList<QList<int>> perms(const QList<OutputProcessor> &processors)
{
    QList<QList<int>> out;
    for (const OutputProcessor &p : processors)
        out.append(p.dstPerm);
    return out;
}

const QList<int> nhwc{0, 2, 3, 1};
const QList<int> channelsLast3d{0, 2, 1};

} // namespace

TEST(MaixCam2Presets, Yolov8DetectCutsAtThePerScaleHeads)
{
    const Initialized i = initialize(QStringLiteral("yolov8n"), Device::MaixCam2);
    EXPECT_EQ(i.project.cutTensors, (QStringList{QStringLiteral("/model.22/Concat_1_output_0"), QStringLiteral("/model.22/Concat_2_output_0"),
                                                 QStringLiteral("/model.22/Concat_3_output_0")}));
    EXPECT_EQ(perms(i.processors), (QList<QList<int>>{nhwc, nhwc, nhwc}));
    EXPECT_TRUE(i.errors.isEmpty()) << i.errors.join(QLatin1Char('\n')).toStdString();
    // The same model for MaixCAM keeps its recommended cut (scheme 2).
    EXPECT_EQ(initialize(QStringLiteral("yolov8n"), Device::MaixCam).project.cutTensors,
              (QStringList{QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")}));
}

TEST(MaixCam2Presets, PoseAndSegAddTheirBranchesWithA3DPerm)
{
    const Initialized pose = initialize(QStringLiteral("yolov8n-pose"), Device::MaixCam2);
    ASSERT_EQ(pose.project.cutTensors.size(), 4);
    EXPECT_EQ(pose.project.task, QStringLiteral("pose"));
    EXPECT_EQ(perms(pose.processors), (QList<QList<int>>{nhwc, nhwc, nhwc, channelsLast3d}));
    EXPECT_TRUE(pose.errors.isEmpty()) << pose.errors.join(QLatin1Char('\n')).toStdString();

    const Initialized seg = initialize(QStringLiteral("yolo11n-seg"), Device::MaixCam2);
    ASSERT_EQ(seg.project.cutTensors.size(), 5);
    EXPECT_EQ(seg.project.task, QStringLiteral("seg"));
    // Coefficients [1,32,A] → [0,2,1]; the prototypes [1,32,H/4,W/4] are 4-D.
    EXPECT_EQ(perms(seg.processors), (QList<QList<int>>{nhwc, nhwc, nhwc, channelsLast3d, nhwc}));
    EXPECT_TRUE(seg.errors.isEmpty()) << seg.errors.join(QLatin1Char('\n')).toStdString();
}

TEST(MaixCam2Presets, YoloV5AndClassifiersGetNoPerm)
{
    const Initialized v5 = initialize(QStringLiteral("yolov5s"), Device::MaixCam2);
    ASSERT_EQ(v5.project.cutTensors.size(), 3);
    EXPECT_EQ(perms(v5.processors), (QList<QList<int>>{{}, {}, {}}));
    const Initialized classifier = initialize(QStringLiteral("classifier"), Device::MaixCam2);
    for (const OutputProcessor &p : classifier.processors)
        EXPECT_TRUE(p.dstPerm.isEmpty()) << p.tensorName.toStdString();
}

TEST(MaixCam2Presets, WithoutPerScaleHeadsTheCutFallsBackWithANote)
{
    FamilyDetection flattened;
    flattened.family = QStringLiteral("yolo11");
    flattened.recommendedOutputs = {QStringLiteral("/model.23/dfl/conv/Conv_output_0"), QStringLiteral("/model.23/Sigmoid_output_0")};
    const PresetCut cut = PresetCut::forDevice(flattened, Device::MaixCam2);
    EXPECT_EQ(cut.outputs, flattened.recommendedOutputs);
    EXPECT_TRUE(cut.note.contains(QStringLiteral("No per-scale heads"))) << cut.note.toStdString();
    EXPECT_TRUE(PresetCut::forDevice(flattened, Device::MaixCam).note.isEmpty());
}
