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

    /** Convenience for the cut points the graph view toggles. */
    void setCutTensors(const QStringList &tensors, const QString &text);
    /**
     * Takes the cut list from a CutSelection whose own commands sit on this document's undo
     * stack, so no second undo step is pushed.
     */
    void syncCutTensors(const QStringList &tensors);

signals:
    /** The project value changed (edit, undo, redo or reset). */
    void projectChanged();
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
