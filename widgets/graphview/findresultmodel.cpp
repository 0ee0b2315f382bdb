// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findresultmodel.h"

namespace Mcw::Widgets {

FindResultModel::FindResultModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void FindResultModel::setHits(const QList<Core::FindHit> &hits)
{
    beginResetModel();
    m_hits = hits;
    endResetModel();
}

int FindResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant FindResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::FindHit &hit = m_hits.at(index.row());
    const bool node = hit.kind == Core::FindHit::Kind::Node;
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  \u2014  %2").arg(hit.text, hit.detail);
    case Qt::ToolTipRole:
        return node ? tr("Node %1 (%2)").arg(hit.text, hit.detail) : tr("Tensor %1 %2").arg(hit.text, hit.detail);
    case DetailRole: return hit.detail;
    case KindRole: return node ? QStringLiteral("node") : QStringLiteral("tensor");
    case DisplayNodeRole: return hit.displayNode;
    case TensorRole: return hit.tensor;
    default: return {};
    }
}

QHash<int, QByteArray> FindResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(DetailRole, "detail");
    names.insert(KindRole, "kind");
    names.insert(DisplayNodeRole, "displayNode");
    names.insert(TensorRole, "tensor");
    return names;
}

} // namespace Mcw::Widgets
