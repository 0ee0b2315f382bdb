// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>

#include <QObject>
#include <QUndoStack>

namespace Mcw::Widgets {

/**
 * The open conversion project as the GUI edits it: the Core::Project value, its file path, a
 * QUndoStack through which every edit goes (forms, cut points, quantize table), and the
 * modified state that the window title and the save-on-close prompt show.
 */
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    explicit ProjectDocument(QObject *parent = nullptr);

    const Core::Project &project() const { return m_project; }
    QString filePath() const { return m_filePath; }
    QUndoStack *undoStack() { return &m_undoStack; }
    bool isModified() const { return !m_undoStack.isClean() || m_forcedModified; }

    /** Replaces the whole project without undo history (after open or new). */
    void reset(const Core::Project &project, const QString &filePath, bool modified = false);
    /** Marks the current state as saved to \a filePath. */
    void markSaved(const QString &filePath);

    /**
     * Applies \a edited as one undoable step named \a text. Consecutive edits with the same
     * non-negative \a mergeId (typing in one field) merge into one step.
     */
    void edit(const Core::Project &edited, const QString &text, int mergeId = -1);

    /**
     * The cut points: the project is their one home, and each edit is one undo step on this
     * document's stack (typed list, preset, clear). No-op when equal.
     */
    void setCutTensors(const QStringList &tensors, const QString &text = {});
    /** Adds \a tensor if absent, removes it if present (one undo step; undo restores its place). */
    void toggleCutTensor(const QString &tensor);

signals:
    /** The project value changed (edit, undo, redo or reset). */
    void projectChanged();
    /** Emitted with projectChanged() when the cut points changed. */
    void cutTensorsChanged(const QStringList &tensors);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);

private:
    friend class ProjectEditCommand;
    void apply(const Core::Project &project);

    Core::Project m_project;
    QString m_filePath;
    QUndoStack m_undoStack;
    bool m_forcedModified = false; // a new, never-saved project counts as modified
};

} // namespace Mcw::Widgets
