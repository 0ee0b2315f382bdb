// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/jobs/doctorfindingsmodel.h>
#include <widgets/jobs/setupdoctorwidget.h>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using L = Core::DoctorFinding::Level;

TEST(DoctorFindingsModel, AdaptsTheFindings)
{
    Widgets::DoctorFindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.append({QStringLiteral("docker_cli"), QStringLiteral("Docker CLI"), L::Ok, QStringLiteral("found"), {}});
    model.append({QStringLiteral("disk"), QStringLiteral("Disk space"), L::Error, QStringLiteral("full"), QStringLiteral("free space")});
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.columnCount(), int(Widgets::DoctorFindingsModel::ColumnCount));
    EXPECT_EQ(model.index(1, Widgets::DoctorFindingsModel::LevelColumn).data().toString(), QStringLiteral("Error"));
    EXPECT_EQ(model.index(1, Widgets::DoctorFindingsModel::FixColumn).data().toString(), QStringLiteral("free space"));
    EXPECT_EQ(model.index(1, 0).data(Widgets::DoctorFindingsModel::IdRole).toString(), QStringLiteral("disk"));
    model.setFindings({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(SetupDoctorWidget, ListsEveryFindingWithItsFix)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    qputenv("FAKE_DOCKER_STATE", dir.filePath(QStringLiteral("state")).toUtf8());
    qputenv("FAKE_DOCKER_ARCH", "arm64");
    qputenv("FAKE_TPU_VERSION", "1.28.1");
    Core::SetupDoctor::Input input;
    input.toolchain.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    input.runsDirectory = dir.filePath(QStringLiteral("runs"));
    Core::Project project;
    project.modelType = QStringLiteral("yolo26");
    project.modelPath = QStringLiteral("C:\\Users\\me\\yolo26n.onnx");
    input.project = project;

    Widgets::SetupDoctorWidget widget;
    QAbstractItemModelTester tester(widget.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    widget.setInput(input);
    widget.resize(1100, 420);
    widget.show();
    QSignalSpy done(&widget, &Widgets::SetupDoctorWidget::checkFinished);
    widget.checkButton()->click();
    EXPECT_FALSE(widget.checkButton()->isEnabled());
    ASSERT_TRUE(done.wait(60000));
    qunsetenv("FAKE_DOCKER_STATE");
    qunsetenv("FAKE_DOCKER_ARCH");
    qunsetenv("FAKE_TPU_VERSION");
    EXPECT_TRUE(widget.checkButton()->isEnabled());

    QStringList ids;
    for (const Core::DoctorFinding &f : widget.model()->findings())
        ids.append(f.id + QLatin1Char(':') + Core::doctorLevelName(f.level));
    EXPECT_TRUE(ids.contains(QStringLiteral("path:error"))) << ids.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(ids.contains(QStringLiteral("architecture:warning"))) << ids.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(ids.contains(QStringLiteral("firmware:info")));
    EXPECT_TRUE(ids.contains(QStringLiteral("release:ok")));
    EXPECT_EQ(widget.summaryLabel()->text(), QStringLiteral("1 problem(s) to fix before converting."));
    if (!qEnvironmentVariableIsEmpty("MCW_SCREENSHOT_DIR"))
        widget.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/setup-doctor.png"));
}
