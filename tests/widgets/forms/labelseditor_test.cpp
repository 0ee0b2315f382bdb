// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/document/projectdocument.h>
#include <widgets/forms/labelseditor.h>
#include <widgets/forms/labelsmodel.h>

#include <core/onnx/onnxloader.h>
#include <tests/support/testpaths.h>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;

/** Imports \a path (read off the UI thread) and waits: true when the labels were replaced. */
static bool importAndWait(Widgets::LabelsEditor &editor, const QString &path)
{
    QSignalSpy imported(&editor, &Widgets::LabelsEditor::labelsImported);
    editor.importFile(path);
    return imported.wait(10000) && imported.first().first().toBool();
}

TEST(LabelsModel, PassesTheModelTesterThroughEdits)
{
    Widgets::ProjectDocument doc;
    Widgets::LabelsModel model(&doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Core::Project p;
    p.labels = {QStringLiteral("cat"), QStringLiteral("C#"), QStringLiteral("dog")};
    doc.reset(p, {});
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.data(model.index(0), Qt::DisplayRole).toString(), QStringLiteral("0: cat"));
    EXPECT_FALSE(model.data(model.index(1), Widgets::LabelsModel::ProblemRole).toString().isEmpty());
    EXPECT_EQ(model.problemCount(), 1);
    ASSERT_TRUE(model.setData(model.index(1), QStringLiteral("csharp"), Qt::EditRole));
    EXPECT_EQ(doc.project().labels.at(1), QStringLiteral("csharp"));
    EXPECT_EQ(model.problemCount(), 0);
    doc.undoStack()->undo();
    EXPECT_EQ(model.data(model.index(1), Qt::EditRole).toString(), QStringLiteral("C#"));
}

TEST(LabelsEditor, ImportsTxtMudAndModelNames)
{
    QTemporaryDir dir;
    Widgets::ProjectDocument doc;
    doc.reset(Core::Project{}, {});
    Widgets::LabelsEditor editor(&doc);

    const QString txt = dir.filePath(QStringLiteral("labels.txt"));
    QFile f(txt);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("apple\nbanana\n\norange\n");
    f.close();
    ASSERT_TRUE(importAndWait(editor, txt));
    EXPECT_EQ(doc.project().labels,
              (QStringList{QStringLiteral("apple"), QStringLiteral("banana"), QStringLiteral("orange")}));

    const QString mud = dir.filePath(QStringLiteral("model.mud"));
    QFile m(mud);
    ASSERT_TRUE(m.open(QIODevice::WriteOnly));
    m.write("[basic]\ntype = cvimodel\nmodel = model.cvimodel\n\n[extra]\nmodel_type = classifier\n"
            "input_type = rgb\nmean = 0, 0, 0\nscale = 1, 1, 1\nlabels = red, green, traffic light\n");
    m.close();
    ASSERT_TRUE(importAndWait(editor, mud));
    EXPECT_EQ(doc.project().labels,
              (QStringList{QStringLiteral("red"), QStringLiteral("green"), QStringLiteral("traffic light")}));

    const auto graph = Core::OnnxLoader::loadFile(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(graph);
    editor.setGraph(*graph);
    ASSERT_TRUE(editor.importFromModel());
    EXPECT_EQ(doc.project().labels.size(), 80);

    editor.pasteText(QStringLiteral("a, b"));
    EXPECT_EQ(doc.project().labels, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // Every import is one undo step.
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().labels.size(), 80);
}

TEST(LabelsEditor, MissingFileLeavesLabelsAlone)
{
    Widgets::ProjectDocument doc;
    Core::Project p;
    p.labels = {QStringLiteral("keep")};
    doc.reset(p, {});
    Widgets::LabelsEditor editor(&doc);
    EXPECT_FALSE(importAndWait(editor, QStringLiteral("/nonexistent/labels.txt")));
    EXPECT_EQ(doc.project().labels, QStringList{QStringLiteral("keep")});
}
