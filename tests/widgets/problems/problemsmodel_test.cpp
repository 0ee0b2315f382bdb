// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/workflow/projectcheck.h>
#include <tests/support/testpaths.h>
#include <widgets/problems/problemsmodel.h>
#include <widgets/problems/problemsview.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Mcw;

TEST(ProblemsModel, MergesDuplicatesWithACountAndJumpsToNodes)
{
    Widgets::ProblemsView view;
    Widgets::ProblemsModel *model = view.problems();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Core::Diagnostic warning;
    warning.severity = Core::Diagnostic::Severity::Warning;
    warning.stage = QStringLiteral("preflight");
    warning.message = QStringLiteral("Only 20 calibration images.");
    Core::Diagnostic error;
    error.stage = QStringLiteral("tpu_compare");
    error.code = QStringLiteral("similarity_below_tolerance");
    error.message = QStringLiteral("The INT8 model drifts at /model.5/conv/Conv.");
    error.nodeId = QStringLiteral("/model.5/conv/Conv");
    model->setDiagnostics({warning, error, warning, error, warning});
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->index(0, Widgets::ProblemsModel::SeverityColumn).data().toString(), QStringLiteral("error"));
    EXPECT_EQ(model->count(model->index(0, 0)), 2);
    EXPECT_EQ(model->count(model->index(1, 0)), 3);
    EXPECT_EQ(model->rowCount(model->index(0, 0)), 0) << "a merged duplicate is no group";
    EXPECT_EQ(model->index(1, Widgets::ProblemsModel::CountColumn).data().toInt(), 3);
    EXPECT_EQ(model->errorCount(), 2);

    QSignalSpy jumps(&view, &Widgets::ProblemsView::jumpToNode);
    emit view.activated(model->index(0, Widgets::ProblemsModel::MessageColumn));
    emit view.activated(model->index(1, Widgets::ProblemsModel::MessageColumn)); // no node: no jump
    ASSERT_EQ(jumps.count(), 1);
    EXPECT_EQ(jumps.first().first().toString(), QStringLiteral("/model.5/conv/Conv"));
}

TEST(ProblemsModel, ReplacingAndClearingTheListKeepsTheModelConsistent)
{
    Widgets::ProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Core::Diagnostic info;
    info.severity = Core::Diagnostic::Severity::Info;
    info.message = QStringLiteral("Input is NHWC.");
    info.suggestion = QStringLiteral("Nothing to do.");
    Core::Diagnostic error;
    error.message = QStringLiteral("No calibration images.");
    model.setDiagnostics({info, error});
    ASSERT_EQ(model.rowCount(), 2);
    // Errors come first whatever the arrival order; the tooltip carries the fix.
    EXPECT_EQ(model.index(0, Widgets::ProblemsModel::MessageColumn).data().toString(), error.message);
    EXPECT_EQ(model.index(1, Widgets::ProblemsModel::MessageColumn).data(Qt::ToolTipRole).toString(),
              QStringLiteral("Input is NHWC.\nFix: Nothing to do."));
    EXPECT_FALSE(model.index(1, Widgets::ProblemsModel::CountColumn).data().isValid()) << "a count of 1 is not shown";
    model.setDiagnostics({});
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.errorCount(), 0);
}

// A MobileNetV3 classifier listed 38 separate "runs in BF16" rows: they are one group now.
TEST(ProblemsModel, NodesWithTheSameOpAndReasonGroupIntoOneExpandableRow)
{
    Widgets::ProblemsView view;
    Widgets::ProblemsModel *model = view.problems();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto bf16 = [](const QString &op, int i) {
        Core::Diagnostic d;
        d.severity = Core::Diagnostic::Severity::Warning;
        d.stage = QStringLiteral("opsupport");
        d.code = QStringLiteral("op_bf16_fallback");
        d.nodeId = QStringLiteral("/features/%1/%2").arg(i).arg(op);
        d.message = QStringLiteral("%1 node '%2' runs in BF16 instead of INT8: no INT8 kernel").arg(op, d.nodeId);
        d.group = QStringLiteral("%1 runs in BF16 instead of INT8: no INT8 kernel").arg(op);
        return d;
    };
    QList<Core::Diagnostic> list;
    for (int i = 0; i < 38; ++i)
        list.append(bf16(QStringLiteral("HardSwish"), i));
    list.append(bf16(QStringLiteral("HardSigmoid"), 0)); // alone: a plain row
    Core::Diagnostic error;
    error.stage = QStringLiteral("preflight");
    error.message = QStringLiteral("No calibration images.");
    list.append(error);
    list.append(bf16(QStringLiteral("HardSwish"), 3)); // a duplicate inside the group
    model->setDiagnostics(list);

    ASSERT_EQ(model->rowCount(), 3);
    EXPECT_EQ(model->index(0, Widgets::ProblemsModel::MessageColumn).data().toString(), error.message);
    const QModelIndex group = model->index(1, 0);
    EXPECT_TRUE(model->isGroup(group));
    EXPECT_EQ(model->index(1, Widgets::ProblemsModel::MessageColumn).data().toString(),
              QStringLiteral("HardSwish runs in BF16 instead of INT8: no INT8 kernel (39)"));
    EXPECT_EQ(model->index(1, Widgets::ProblemsModel::CountColumn).data().toInt(), 39);
    ASSERT_EQ(model->rowCount(group), 38);
    EXPECT_EQ(model->index(3, 0, group).data(Widgets::ProblemsModel::CountRole).toInt(), 2);
    EXPECT_FALSE(model->isGroup(model->index(2, 0)));
    EXPECT_EQ(model->rowCount(model->index(2, 0)), 0);
    EXPECT_EQ(model->index(2, Widgets::ProblemsModel::MessageColumn).data(Widgets::ProblemsModel::NodeIdRole).toString(),
              QStringLiteral("/features/0/HardSigmoid"));
    EXPECT_EQ(model->errorCount(), 1);

    // A child jumps to its node; the group row itself names none.
    QSignalSpy jumps(&view, &Widgets::ProblemsView::jumpToNode);
    emit view.activated(model->index(1, Widgets::ProblemsModel::MessageColumn));
    emit view.activated(model->index(5, Widgets::ProblemsModel::MessageColumn, group));
    ASSERT_EQ(jumps.count(), 1);
    EXPECT_EQ(jumps.first().first().toString(), QStringLiteral("/features/5/HardSwish"));
}

// What a MaixCAM2 user reads in the Problems list: the pre-flight and operator support of
// checkProject() with the device's rules, on the generated Ultralytics-shaped models.
TEST(ProblemsModel, ShowsMaixCam2DecoderAndAx620eOperatorProblems)
{
    const auto check = [](const QString &model, const QString &modelType, const QStringList &cut) {
        const auto graph = Core::OnnxLoader::loadFile(Tests::generatedModel(model));
        EXPECT_TRUE(graph.has_value()) << model.toStdString();
        Core::Project project;
        project.name = model;
        project.device = Core::Device::MaixCam2;
        project.modelType = modelType;
        project.cutTensors = cut;
        project.inputShape = {1, 3, 640, 640};
        return graph ? Core::checkProject(project, *graph) : QList<Core::Diagnostic>();
    };
    const auto rowWithCode = [](const Widgets::ProblemsModel &model, const QString &code) {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(Widgets::ProblemsModel::CodeRole).toString() == code)
                return row;
        }
        return -1;
    };

    // YOLOv8 cut at its final output0 [1, 84, 8400]: nn.YOLOv8 cannot read one output.
    Widgets::ProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDiagnostics(check(QStringLiteral("yolov8n"), QStringLiteral("yolov8"), {QStringLiteral("output0")}));
    int row = rowWithCode(model, QStringLiteral("maixcam2_output_count"));
    ASSERT_GE(row, 0);
    EXPECT_EQ(model.index(row, Widgets::ProblemsModel::SeverityColumn).data().toString(), QStringLiteral("error"));
    EXPECT_TRUE(model.index(row, Widgets::ProblemsModel::MessageColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("nn.YOLOv8 on MaixCAM2 reads exactly 3 outputs for a detector")));
    EXPECT_TRUE(model.index(row, Widgets::ProblemsModel::MessageColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Fix: Cut at the per-scale heads")));
    row = rowWithCode(model, QStringLiteral("maixcam2_input_size"));
    ASSERT_GE(row, 0);
    EXPECT_EQ(model.index(row, Widgets::ProblemsModel::SeverityColumn).data().toString(), QStringLiteral("info"));

    // YOLO26 converted whole: its end-to-end head's GatherElements is not on the AX620E list.
    model.setDiagnostics(check(QStringLiteral("yolo26n"), QStringLiteral("yolo26"), {}));
    row = rowWithCode(model, QStringLiteral("op_target_unsupported"));
    ASSERT_GE(row, 0);
    EXPECT_TRUE(model.index(row, Widgets::ProblemsModel::MessageColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("cannot be deployed to AX620E: GatherElements is not in Pulsar2's AX620E NPU "
                                             "operator list")));
}
