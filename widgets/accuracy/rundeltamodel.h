// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/runcomparison.h>

#include <QAbstractTableModel>

namespace Mcw::Widgets {

/** Per-layer deltas between two runs (RunComparison); the first divergent row is bold. */
class RunDeltaModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TensorColumn,
        OpTypeColumn,
        BaseCosineColumn,
        OtherCosineColumn,
        CosineDeltaColumn,
        EuclideanDeltaColumn,
        SqnrDeltaColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, OnnxTensorRole };

    explicit RunDeltaModel(QObject *parent = nullptr);

    void setComparison(const Core::RunComparison &comparison,
                       const QString &baseLabel,
                       const QString &otherLabel);
    Core::RunComparison comparison() const { return m_comparison; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Core::RunComparison m_comparison;
    QString m_baseLabel;
    QString m_otherLabel;
};

} // namespace Mcw::Widgets
