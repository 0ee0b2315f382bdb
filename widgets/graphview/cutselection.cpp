// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cutselection.h"

#include <widgets/graphview/cutpointcommands.h>

#include <QUndoStack>

namespace Mcw::Widgets {

CutSelection::CutSelection(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{}

CutSelection::CutSelection(QUndoStack *sharedStack, QObject *parent)
    : QObject(parent)
    , m_undoStack(sharedStack)
{}

CutSelection::~CutSelection() = default;

void CutSelection::setCutTensors(const QStringList &cutTensors)
{
    if (cutTensors != m_cutTensors)
        m_undoStack->push(new SetCutPointsCommand(this, cutTensors));
}

void CutSelection::toggleCutTensor(const QString &tensor)
{
    if (tensor.isEmpty())
        return;
    if (m_cutTensors.contains(tensor))
        m_undoStack->push(new RemoveCutPointCommand(this, tensor));
    else
        m_undoStack->push(new AddCutPointCommand(this, tensor));
}

void CutSelection::reset(const QStringList &cutTensors)
{
    m_undoStack->clear();
    applyCutTensors(cutTensors);
}

void CutSelection::applyCutTensors(const QStringList &cutTensors)
{
    if (cutTensors == m_cutTensors)
        return;
    m_cutTensors = cutTensors;
    emit changed(m_cutTensors);
}

} // namespace Mcw::Widgets
