// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/viewgraph.h>

#include <QAbstractListModel>

namespace Mcw::Widgets {

/** The hits of a graph search, one row each: text, detail (type or shape) and kind. */
class FindResultModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        DetailRole = Qt::UserRole + 1,
        KindRole,        // "node" or "tensor"
        DisplayNodeRole, // display node to centre on
        TensorRole,
    };

    explicit FindResultModel(QObject *parent = nullptr);

    void setHits(const QList<Core::FindHit> &hits);
    const QList<Core::FindHit> &hits() const { return m_hits; }
    Core::FindHit hit(int row) const { return m_hits.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Core::FindHit> m_hits;
};

} // namespace Mcw::Widgets
