// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelsmodel.h"

#include <core/project/preflight.h>
#include <widgets/document/projectdocument.h>

#include <QBrush>
#include <QColor>

namespace Mcw::Widgets {

LabelsModel::LabelsModel(ProjectDocument *document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_labels(document->project().labels)
{
    connect(m_document, &ProjectDocument::projectChanged, this, &LabelsModel::sync);
}

void LabelsModel::sync()
{
    const QStringList &labels = m_document->project().labels;
    if (labels == m_labels)
        return;
    if (labels.size() == m_labels.size()) {
        m_labels = labels;
        emit dataChanged(index(0), index(int(m_labels.size()) - 1));
        return;
    }
    beginResetModel();
    m_labels = labels;
    endResetModel();
}

int LabelsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_labels.size());
}

QVariant LabelsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &label = m_labels.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1: %2").arg(index.row()).arg(label);
    case Qt::EditRole:
        return label;
    case ProblemRole:
        return Core::Preflight::labelProblem(label);
    case Qt::ToolTipRole: {
        const QString problem = Core::Preflight::labelProblem(label);
        return problem.isEmpty() ? QVariant() : tr("This label %1.").arg(problem);
    }
    case Qt::ForegroundRole:
        return Core::Preflight::labelProblem(label).isEmpty() ? QVariant() : QBrush(QColor(0xc6, 0x28, 0x28));
    default:
        return {};
    }
}

bool LabelsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    Core::Project p = m_document->project();
    if (p.labels.value(index.row()) == value.toString())
        return false;
    p.labels[index.row()] = value.toString();
    m_document->edit(p, tr("Rename label %1").arg(index.row()));
    return true;
}

Qt::ItemFlags LabelsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

int LabelsModel::problemCount() const
{
    int count = 0;
    for (const QString &l : m_labels)
        count += Core::Preflight::labelProblem(l).isEmpty() ? 0 : 1;
    return count;
}

} // namespace Mcw::Widgets
