// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The three undoable edits of a cut list; small enough to share one file.

#include <QStringList>
#include <QUndoCommand>

namespace Mcw::Widgets {

class CutSelection;

/** Appends one cut tensor. */
class AddCutPointCommand : public QUndoCommand
{
public:
    AddCutPointCommand(CutSelection *selection, const QString &tensor);
    void redo() override;
    void undo() override;

private:
    CutSelection *m_selection;
    QString m_tensor;
};

/** Removes one cut tensor; undo puts it back at its old position. */
class RemoveCutPointCommand : public QUndoCommand
{
public:
    RemoveCutPointCommand(CutSelection *selection, const QString &tensor);
    void redo() override;
    void undo() override;

private:
    CutSelection *m_selection;
    QString m_tensor;
    int m_position = -1;
};

/** Replaces the whole list (typed text, a preset). */
class SetCutPointsCommand : public QUndoCommand
{
public:
    SetCutPointsCommand(CutSelection *selection, const QStringList &cutTensors);
    void redo() override;
    void undo() override;

private:
    CutSelection *m_selection;
    QStringList m_before;
    QStringList m_after;
};

} // namespace Mcw::Widgets
