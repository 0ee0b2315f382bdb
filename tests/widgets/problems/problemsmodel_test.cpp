// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
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
    EXPECT_EQ(model->count(0), 2);
    EXPECT_EQ(model->count(1), 3);
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
