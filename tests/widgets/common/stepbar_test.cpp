// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/common/stepbar.h>

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::WorkflowStep;

TEST(StepBar, ClickingAStepActivatesIt)
{
    Widgets::StepBar bar;
    bar.resize(bar.sizeHint());
    bar.show();
    QSignalSpy spy(&bar, &Widgets::StepBar::stepActivated);
    QTest::mouseClick(&bar, Qt::LeftButton, {}, bar.stepRect(WorkflowStep::Calibration).center());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).value<WorkflowStep>(), WorkflowStep::Calibration);
    EXPECT_EQ(bar.currentStep(), WorkflowStep::Calibration);
}

TEST(StepBar, KeyboardMovesBetweenSteps)
{
    Widgets::StepBar bar;
    bar.show();
    QSignalSpy spy(&bar, &Widgets::StepBar::stepActivated);
    QTest::keyClick(&bar, Qt::Key_Down);
    QTest::keyClick(&bar, Qt::Key_Down);
    EXPECT_EQ(bar.currentStep(), WorkflowStep::PreprocessAndLabels);
    QTest::keyClick(&bar, Qt::Key_Up);
    EXPECT_EQ(bar.currentStep(), WorkflowStep::Outputs);
    EXPECT_EQ(spy.count(), 3);
}

TEST(StepBar, RowsDoNotOverlapAndFitTheHint)
{
    Widgets::StepBar bar;
    bar.resize(bar.sizeHint());
    for (int i = 0; i + 1 < 7; ++i)
        EXPECT_LE(bar.stepRect(WorkflowStep(i)).bottom(), bar.stepRect(WorkflowStep(i + 1)).top());
    EXPECT_LE(bar.stepRect(WorkflowStep::Export).bottom(), bar.sizeHint().height());
    // A done step is drawn as a filled green circle (the state colour), a blocked one is not.
    Core::WorkflowFacts facts;
    facts.modelLoaded = true;
    bar.setStatuses(Core::computeWorkflowStatus(facts));
    const QImage image = bar.grab().toImage();
    const int badge = bar.fontMetrics().height() + 4;
    auto insideCircle = [&](WorkflowStep step) {
        return image.pixel(12 + badge / 2, bar.stepRect(step).center().y() - badge / 4);
    };
    const QRgb done = insideCircle(WorkflowStep::Model);
    EXPECT_GT(qGreen(done), qRed(done) + 50);
    const QRgb blocked = insideCircle(WorkflowStep::Export);
    EXPECT_LT(qGreen(blocked), qRed(blocked) + 50);
}
