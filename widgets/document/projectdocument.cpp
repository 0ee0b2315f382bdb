// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocument.h"

#include <QUndoCommand>

namespace Mcw::Widgets {

/** One edit: swaps between the project value before and after. */
class ProjectEditCommand : public QUndoCommand
{
public:
    ProjectEditCommand(ProjectDocument *document, Core::Project before, Core::Project after,
                       const QString &text, int mergeId)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeId(mergeId)
    {}

    void undo() override { m_document->apply(m_before); }
    void redo() override { m_document->apply(m_after); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        if (other->id() != m_mergeId || m_mergeId < 0)
            return false;
        m_after = static_cast<const ProjectEditCommand *>(other)->m_after;
        return true;
    }

private:
    ProjectDocument *m_document;
    Core::Project m_before;
    Core::Project m_after;
    int m_mergeId;
};

ProjectDocument::ProjectDocument(QObject *parent)
    : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
}

void ProjectDocument::reset(const Core::Project &project, const QString &filePath, bool modified)
{
    m_undoStack.clear();
    const bool cutChanged = project.cutTensors != m_project.cutTensors;
    m_project = project;
    m_forcedModified = modified;
    if (m_filePath != filePath) {
        m_filePath = filePath;
        emit filePathChanged(m_filePath);
    }
    emit projectChanged();
    if (cutChanged)
        emit cutTensorsChanged(m_project.cutTensors);
    emit modifiedChanged(isModified());
}

void ProjectDocument::markSaved(const QString &filePath)
{
    m_forcedModified = false;
    m_undoStack.setClean();
    if (m_filePath != filePath) {
        m_filePath = filePath;
        emit filePathChanged(m_filePath);
    }
    emit modifiedChanged(isModified());
}

void ProjectDocument::edit(const Core::Project &edited, const QString &text, int mergeId)
{
    if (edited == m_project)
        return;
    m_undoStack.push(new ProjectEditCommand(this, m_project, edited, text, mergeId));
}

void ProjectDocument::setCutTensors(const QStringList &tensors, const QString &text)
{
    Core::Project edited = m_project;
    edited.cutTensors = tensors;
    edit(edited, text.isEmpty() ? tr("Set cut points") : text);
}

void ProjectDocument::toggleCutTensor(const QString &tensor)
{
    if (tensor.isEmpty())
        return;
    Core::Project edited = m_project;
    if (edited.cutTensors.removeOne(tensor)) {
        edit(edited, tr("Remove cut point %1").arg(tensor));
    } else {
        edited.cutTensors.append(tensor);
        edit(edited, tr("Add cut point %1").arg(tensor));
    }
}

void ProjectDocument::apply(const Core::Project &project)
{
    const bool cutChanged = project.cutTensors != m_project.cutTensors;
    m_project = project;
    emit projectChanged();
    if (cutChanged)
        emit cutTensorsChanged(m_project.cutTensors);
}

} // namespace Mcw::Widgets
