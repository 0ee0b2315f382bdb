// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtableproposalmodel.h"

#include <cmath>

namespace Mcw::Widgets {

QtableProposalModel::QtableProposalModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void QtableProposalModel::setProposal(const Core::QtableProposal &proposal)
{
    beginResetModel();
    m_proposal = proposal;
    endResetModel();
}

void QtableProposalModel::clear()
{
    setProposal({});
}

int QtableProposalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_proposal.layers.size());
}

int QtableProposalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Core::QtableSearchResult::Layer *QtableProposalModel::ranked(const QString &name) const
{
    for (const Core::QtableSearchResult::Layer &layer : m_proposal.search.layers) {
        if (layer.name == name)
            return &layer;
    }
    return nullptr;
}

QVariant QtableProposalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &name = m_proposal.layers.at(index.row());
    if (role == LayerNameRole)
        return name;
    const Core::QtableSearchResult::Layer *layer = ranked(name);
    if (role == Qt::TextAlignmentRole && index.column() != LayerColumn
        && index.column() != TypeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == LossColumn)
        return tr("1 − output cosine when only this layer is INT8: the larger, the more it costs.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LayerColumn:
        return name;
    case TypeColumn:
        return layer ? layer->opType : QString();
    case RankColumn:
        return layer ? QVariant(layer->rank) : QVariant(QStringLiteral("–"));
    case LossColumn:
        return layer && !std::isnan(layer->loss) ? QString::number(layer->loss, 'g', 4)
                                                 : QStringLiteral("–");
    default:
        return {};
    }
}

QVariant QtableProposalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LayerColumn:
        return tr("Layer");
    case TypeColumn:
        return tr("Type");
    case RankColumn:
        return tr("Rank");
    case LossColumn:
        return tr("Loss");
    default:
        return {};
    }
}

} // namespace Mcw::Widgets
