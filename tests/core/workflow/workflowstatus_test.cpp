// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/workflow/workflowstatus.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;
using State = StepStatus::State;

static StepStatus statusOf(const QList<StepStatus> &all, WorkflowStep step)
{
    return all.at(int(step));
}

TEST(WorkflowStatus, WithoutAModelEveryLaterStepIsBlocked)
{
    const QList<StepStatus> steps = computeWorkflowStatus({});
    ASSERT_EQ(steps.size(), 7);
    EXPECT_EQ(steps.first().state, State::Pending);
    for (int i = 1; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].state, State::Blocked);
        EXPECT_EQ(steps[i].reason, QStringLiteral("Open an ONNX model first."));
    }
}

TEST(WorkflowStatus, MissingToolchainBlocksOnlyConvertAndLater)
{
    WorkflowFacts facts;
    facts.modelLoaded = true;
    facts.cutTensorCount = 2;
    facts.labelCount = 80;
    facts.calibrationDatasetSet = true;
    facts.toolchainProblem = QStringLiteral("Docker is not installed.");
    const auto steps = computeWorkflowStatus(facts);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Model).state, State::Done);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Outputs).state, State::Done);
    EXPECT_EQ(statusOf(steps, WorkflowStep::PreprocessAndLabels).state, State::Done);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Calibration).state, State::Done);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Convert).state, State::Blocked);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Convert).reason, QStringLiteral("Docker is not installed."));
    EXPECT_EQ(statusOf(steps, WorkflowStep::Export).state, State::Blocked);
}

TEST(WorkflowStatus, ProblemsAreCountedOnTheirStepAndErrorsBlockConvert)
{
    WorkflowFacts facts;
    facts.modelLoaded = true;
    facts.toolchainReady = true;
    facts.cutTensorCount = 1;
    Diagnostic labels;
    labels.stage = QStringLiteral("preflight");
    labels.code = QStringLiteral("label_count");
    Diagnostic op;
    op.stage = QStringLiteral("opsupport");
    op.severity = Diagnostic::Severity::Warning;
    facts.problems = {labels, op, op};
    const auto steps = computeWorkflowStatus(facts);
    EXPECT_EQ(statusOf(steps, WorkflowStep::PreprocessAndLabels).state, State::NeedsAttention);
    EXPECT_EQ(statusOf(steps, WorkflowStep::PreprocessAndLabels).problemCount, 1);
    EXPECT_EQ(statusOf(steps, WorkflowStep::PreprocessAndLabels).reason, QStringLiteral("1 error to fix."));
    EXPECT_EQ(statusOf(steps, WorkflowStep::Outputs).problemCount, 2);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Outputs).reason, QStringLiteral("2 warnings to review."));
    EXPECT_EQ(statusOf(steps, WorkflowStep::Convert).state, State::Blocked);
}

TEST(WorkflowStatus, SuccessfulConversionOpensAccuracyAndExport)
{
    WorkflowFacts facts;
    facts.modelLoaded = true;
    facts.toolchainReady = true;
    facts.cutTensorCount = 2;
    facts.labelCount = 3;
    facts.calibrationDatasetSet = true;
    facts.conversionSucceeded = true;
    facts.accuracyAvailable = true;
    facts.accuracyBelowTolerance = true;
    auto steps = computeWorkflowStatus(facts);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Convert).state, State::Done);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Accuracy).state, State::NeedsAttention);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Export).state, State::Pending);
    facts.bundleExported = true;
    steps = computeWorkflowStatus(facts);
    EXPECT_EQ(statusOf(steps, WorkflowStep::Export).state, State::Done);
}

TEST(WorkflowStatus, RunningConversionShowsRunning)
{
    WorkflowFacts facts;
    facts.modelLoaded = true;
    facts.conversionRunning = true;
    EXPECT_EQ(statusOf(computeWorkflowStatus(facts), WorkflowStep::Convert).state, State::Running);
}
