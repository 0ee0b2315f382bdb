// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <app/workbench/mainwindow.h>

#include <core/project/projectfile.h>
#include <tests/support/testpaths.h>
#include <widgets/common/stepbar.h>
#include <widgets/document/projectdocument.h>
#include <widgets/graphview/cutselection.h>
#include <widgets/graphview/graphview.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace Mcw;

static void screenshot(QWidget *widget, const QString &name)
{
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR"))
        widget->grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QLatin1Char('/') + name);
}

static bool waitForLayout(App::MainWindow &window)
{
    return QTest::qWaitFor([&] { return !window.isLoading(); }, 20000)
           && QTest::qWaitFor([&] { return window.graphView()->graphScene() != nullptr; }, 20000);
}

TEST(MainWindow, OpeningAModelStartsAProjectWithThePresetCut)
{
    App::MainWindow window;
    window.show();
    screenshot(&window, QStringLiteral("01-welcome.png"));
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(loaded.wait(20000));
    ASSERT_TRUE(waitForLayout(window));
    const Core::Project &p = window.document()->project();
    EXPECT_EQ(p.name, QStringLiteral("yolov8n"));
    EXPECT_EQ(p.modelType, QStringLiteral("yolov8"));
    EXPECT_EQ(p.cutTensors, (QStringList{QStringLiteral("/model.22/dfl/conv/Conv_output_0"),
                                         QStringLiteral("/model.22/Sigmoid_output_0")}));
    EXPECT_EQ(p.labels.size(), 80);
    EXPECT_FALSE(p.modelSha256.isEmpty());
    EXPECT_TRUE(window.isWindowModified());
    QTest::qWait(200);
    screenshot(&window, QStringLiteral("02-model.png"));
}

TEST(MainWindow, CutEditsAndFormEditsShareOneUndoHistory)
{
    App::MainWindow window;
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(loaded.wait(20000));
    const QStringList preset = window.document()->project().cutTensors;
    Core::Project edited = window.document()->project();
    edited.labels = {QStringLiteral("only")};
    window.document()->edit(edited, QStringLiteral("labels"));
    // Problems follow the project: one label for an 80-class model is an error.
    bool labelProblem = false;
    for (const Core::Diagnostic &d : window.problems())
        labelProblem = labelProblem || d.code == QStringLiteral("label_count");
    EXPECT_TRUE(labelProblem);
    window.cutSelection()->toggleCutTensor(QStringLiteral("/model.22/Concat_1_output_0"));
    EXPECT_EQ(window.document()->project().cutTensors.size(), 3);
    window.document()->undoStack()->undo();
    EXPECT_EQ(window.document()->project().cutTensors, preset);
    EXPECT_EQ(window.cutSelection()->cutTensors(), preset);
    window.document()->undoStack()->undo();
    EXPECT_EQ(window.document()->project().labels.size(), 80);
}

TEST(MainWindow, SavedProjectReopensWithItsSettings)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    {
        App::MainWindow window;
        QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
        window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
        ASSERT_TRUE(loaded.wait(20000));
        Core::Project edited = window.document()->project();
        edited.preprocess.padValue = 114;
        window.document()->edit(edited, QStringLiteral("pad"));
        ASSERT_TRUE(window.saveProjectAs(path));
        EXPECT_FALSE(window.isWindowModified());
    }
    App::MainWindow window;
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openProject(path);
    ASSERT_TRUE(loaded.wait(20000));
    EXPECT_EQ(window.document()->project().preprocess.padValue, 114);
    EXPECT_EQ(window.document()->filePath(), path);
    EXPECT_EQ(window.cutSelection()->cutTensors().size(), 2);
}

TEST(MainWindow, ABrokenModelKeepsTheCurrentOne)
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.onnx"));
    QFile f(broken);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("garbage");
    f.close();
    App::MainWindow window;
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("classifier")));
    ASSERT_TRUE(loaded.wait(20000));
    QSignalSpy failed(&window, &App::MainWindow::modelLoadFailed);
    window.openModel(broken);
    ASSERT_TRUE(failed.wait(20000));
    EXPECT_TRUE(failed.at(0).at(0).toString().startsWith(broken));
    EXPECT_EQ(window.currentGraph().filePath(), Tests::generatedModel(QStringLiteral("classifier")));
}
