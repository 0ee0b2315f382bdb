// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/layermetrics.h>

#include <QAbstractTableModel>
#include <QList>

namespace Mcw::Widgets {

/**
 * Table of per-layer metrics (one row per compared tensor, network order). SortRole gives
 * numbers for the numeric columns so a QSortFilterProxyModel sorts them numerically.
 */
class LayerMetricsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IndexColumn,
        TensorColumn,
        OpTypeColumn,
        StageColumn,
        StatusColumn,
        CosineColumn,
        EuclideanColumn,
        SqnrColumn,
        MseColumn, // Pulsar2 only
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        OnnxTensorRole, // the ONNX tensor name (QString)
        TensorRole,     // the tpu-mlir tensor / op name (QString)
        PassedRole,     // bool
        LayerIndexRole, // row in network order (int)
    };

    explicit LayerMetricsModel(QObject *parent = nullptr);

    void setLayers(const QList<Core::LayerMetrics> &layers);
    QList<Core::LayerMetrics> layers() const { return m_layers; }
    const Core::LayerMetrics &layer(int row) const { return m_layers.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatMetric(double value);

private:
    QList<Core::LayerMetrics> m_layers;
};

} // namespace Mcw::Widgets
