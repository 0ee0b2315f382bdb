// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layermetricsfiltermodel.h"

#include <widgets/accuracy/layermetricsmodel.h>

namespace Mcw::Widgets {

LayerMetricsFilterModel::LayerMetricsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LayerMetricsModel::SortRole);
}

void LayerMetricsFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void LayerMetricsFilterModel::setFailingOnly(bool failingOnly)
{
    if (failingOnly == m_failingOnly)
        return;
    m_failingOnly = failingOnly;
    invalidateFilter();
}

bool LayerMetricsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex row = m->index(sourceRow, 0, sourceParent);
    if (m_failingOnly && row.data(LayerMetricsModel::PassedRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    const QString tensor = row.data(LayerMetricsModel::TensorRole).toString();
    const QString op
        = m->index(sourceRow, LayerMetricsModel::OpTypeColumn, sourceParent).data().toString();
    return tensor.contains(m_text, Qt::CaseInsensitive) || op.contains(m_text, Qt::CaseInsensitive);
}

} // namespace Mcw::Widgets
