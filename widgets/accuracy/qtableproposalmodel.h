// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/workflow/qtableproposal.h>

#include <QAbstractTableModel>

namespace Mcw::Widgets {

/**
 * The layers tpu-mlir's search proposes to keep in BF16, one row each in the table's order,
 * with the figures the search printed for it: its op type, its sensitivity rank (0 = most
 * sensitive) and its loss (1 − output cosine with only that layer in INT8).
 */
class QtableProposalModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { LayerColumn, TypeColumn, RankColumn, LossColumn, ColumnCount };
    /** The tpu-mlir layer name of a row (also its display text in LayerColumn). */
    static constexpr int LayerNameRole = Qt::UserRole + 1;

    explicit QtableProposalModel(QObject *parent = nullptr);

    void setProposal(const Core::QtableProposal &proposal);
    void clear();
    const Core::QtableProposal &proposal() const { return m_proposal; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /** The ranked layer the search printed for \a name; null when it printed none. */
    const Core::QtableSearchResult::Layer *ranked(const QString &name) const;

    Core::QtableProposal m_proposal;
};

} // namespace Mcw::Widgets
