// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QUndoStack;

namespace Mcw::Widgets {

/**
 * The cut tensors of the open model, edited only through undoable commands on a QUndoStack:
 * its own, or the project document's so that one Ctrl+Z history covers cuts and form edits.
 */
class CutSelection : public QObject
{
    Q_OBJECT

public:
    explicit CutSelection(QObject *parent = nullptr);
    /** Pushes its commands onto \a sharedStack (the project document's), which it does not own. */
    CutSelection(QUndoStack *sharedStack, QObject *parent);
    ~CutSelection() override;

    QStringList cutTensors() const { return m_cutTensors; }
    /** Replaces the list (one undo step); no-op when equal. */
    void setCutTensors(const QStringList &cutTensors);
    /** Adds \a tensor if absent, removes it if present (one undo step). */
    void toggleCutTensor(const QString &tensor);
    QUndoStack *undoStack() const { return m_undoStack; }
    /** Drops the list and the history (a new model was opened). */
    void reset(const QStringList &cutTensors = {});

    /** Used by the commands: changes the list without touching the undo stack. */
    void applyCutTensors(const QStringList &cutTensors);

signals:
    void changed(const QStringList &cutTensors);

private:
    QStringList m_cutTensors;
    QUndoStack *m_undoStack;
};

} // namespace Mcw::Widgets
