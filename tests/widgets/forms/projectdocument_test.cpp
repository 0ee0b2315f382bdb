// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/document/projectdocument.h>

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Mcw;

TEST(ProjectDocument, EditsAreUndoableAndMarkModified)
{
    Widgets::ProjectDocument doc;
    Core::Project p;
    p.name = QStringLiteral("yolov8n");
    doc.reset(p, QStringLiteral("/tmp/p.yaml"));
    EXPECT_FALSE(doc.isModified());
    QSignalSpy modified(&doc, &Widgets::ProjectDocument::modifiedChanged);

    Core::Project edited = doc.project();
    edited.labels = {QStringLiteral("cat")};
    doc.edit(edited, QStringLiteral("Set labels"));
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.project().labels, QStringList{QStringLiteral("cat")});
    ASSERT_GE(modified.count(), 1);
    EXPECT_TRUE(modified.last().at(0).toBool());

    doc.undoStack()->undo();
    EXPECT_TRUE(doc.project().labels.isEmpty());
    EXPECT_FALSE(doc.isModified());
    doc.undoStack()->redo();
    EXPECT_EQ(doc.project().labels.size(), 1);
}

TEST(ProjectDocument, TypingInOneFieldMergesIntoOneStep)
{
    Widgets::ProjectDocument doc;
    doc.reset(Core::Project{}, {});
    for (int n : {1, 12, 123}) {
        Core::Project p = doc.project();
        p.quantization.inputNum = n;
        doc.edit(p, QStringLiteral("Change count"), 7);
    }
    EXPECT_EQ(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().quantization.inputNum, Core::Quantization{}.inputNum);
}

TEST(ProjectDocument, NoOpEditsAddNoStepAndSaveClearsModified)
{
    Widgets::ProjectDocument doc;
    doc.reset(Core::Project{}, {}, true);
    EXPECT_TRUE(doc.isModified()); // a new, unsaved project
    doc.edit(doc.project(), QStringLiteral("nothing"));
    EXPECT_EQ(doc.undoStack()->count(), 0);
    QSignalSpy path(&doc, &Widgets::ProjectDocument::filePathChanged);
    doc.markSaved(QStringLiteral("/tmp/new.yaml"));
    EXPECT_FALSE(doc.isModified());
    EXPECT_EQ(path.count(), 1);
    doc.setCutTensors({QStringLiteral("a")}, QStringLiteral("Cut"));
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.project().cutTensors, QStringList{QStringLiteral("a")});
}
