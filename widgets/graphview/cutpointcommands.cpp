// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cutpointcommands.h"

#include <widgets/graphview/cutselection.h>

#include <QCoreApplication>

namespace Mcw::Widgets {

AddCutPointCommand::AddCutPointCommand(CutSelection *selection, const QString &tensor)
    : m_selection(selection)
    , m_tensor(tensor)
{
    setText(QCoreApplication::translate("CutPointCommands", "Cut at %1").arg(tensor));
}

void AddCutPointCommand::redo()
{
    QStringList list = m_selection->cutTensors();
    if (!list.contains(m_tensor))
        list.append(m_tensor);
    m_selection->applyCutTensors(list);
}

void AddCutPointCommand::undo()
{
    QStringList list = m_selection->cutTensors();
    list.removeAll(m_tensor);
    m_selection->applyCutTensors(list);
}

RemoveCutPointCommand::RemoveCutPointCommand(CutSelection *selection, const QString &tensor)
    : m_selection(selection)
    , m_tensor(tensor)
{
    setText(QCoreApplication::translate("CutPointCommands", "Remove cut at %1").arg(tensor));
}

void RemoveCutPointCommand::redo()
{
    QStringList list = m_selection->cutTensors();
    m_position = int(list.indexOf(m_tensor));
    list.removeAll(m_tensor);
    m_selection->applyCutTensors(list);
}

void RemoveCutPointCommand::undo()
{
    QStringList list = m_selection->cutTensors();
    if (!list.contains(m_tensor))
        list.insert(std::clamp(m_position, 0, int(list.size())), m_tensor);
    m_selection->applyCutTensors(list);
}

SetCutPointsCommand::SetCutPointsCommand(CutSelection *selection, const QStringList &cutTensors)
    : m_selection(selection)
    , m_before(selection->cutTensors())
    , m_after(cutTensors)
{
    setText(QCoreApplication::translate("CutPointCommands", "Set cut points"));
}

void SetCutPointsCommand::redo()
{
    m_selection->applyCutTensors(m_after);
}

void SetCutPointsCommand::undo()
{
    m_selection->applyCutTensors(m_before);
}

} // namespace Mcw::Widgets
