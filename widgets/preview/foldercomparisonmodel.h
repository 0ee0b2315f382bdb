// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/detectioncomparison.h>

#include <QAbstractTableModel>

namespace Mcw::Widgets {

/**
 * The INT8 folder run as a table: one row per test image with what happened to the FP32
 * detections under INT8 (matched, shifted, class changed, missed, extra, mean IoU) or, for a
 * classifier, whether top-1 agrees. A row that could not be decoded says why instead.
 */
class FolderComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ImageColumn,
        MatchedColumn,
        ShiftedColumn,
        ClassChangedColumn,
        MissedColumn,
        ExtraColumn,
        MeanIouColumn,
        Top1Column,
        ColumnCount
    };

    explicit FolderComparisonModel(QObject *parent = nullptr);

    void setComparison(const Core::FolderComparison &comparison);
    const Core::FolderComparison &comparison() const { return m_comparison; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    Core::FolderComparison m_comparison;
};

} // namespace Mcw::Widgets
