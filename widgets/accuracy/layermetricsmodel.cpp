// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layermetricsmodel.h"

#include <QBrush>
#include <QColor>

#include <cmath>

namespace Mcw::Widgets {

LayerMetricsModel::LayerMetricsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LayerMetricsModel::setLayers(const QList<Core::LayerMetrics> &layers)
{
    beginResetModel();
    m_layers = layers;
    endResetModel();
}

int LayerMetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_layers.size());
}

int LayerMetricsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LayerMetricsModel::formatMetric(double value)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    return QString::number(value, 'f', 6);
}

// NaN sorts below every number so NOT_MATCH rows come first in ascending order.
static double sortable(double v)
{
    return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
}

QVariant LayerMetricsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::LayerMetrics &m = m_layers.at(index.row());
    switch (role) {
    case OnnxTensorRole:
        return m.onnxTensorName;
    case TensorRole:
        return m.tensorName;
    case PassedRole:
        return m.passed;
    case LayerIndexRole:
        return index.row();
    case Qt::ForegroundRole:
        if (!m.passed && index.column() == StatusColumn)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IndexColumn || index.column() >= CosineColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TensorColumn)
            return tr("%1\nONNX tensor: %2").arg(m.tensorName, m.onnxTensorName);
        return {};
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    switch (index.column()) {
    case IndexColumn:
        return m.index;
    case TensorColumn:
        return m.tensorName;
    case OpTypeColumn:
        return m.opType;
    case StageColumn:
        return Core::accuracyStageName(m.stage);
    case StatusColumn:
        return sort ? QVariant(int(m.status)) : QVariant(Core::compareStatusToken(m.status));
    case CosineColumn:
        return sort ? QVariant(sortable(m.cosine)) : QVariant(formatMetric(m.cosine));
    case EuclideanColumn:
        return sort ? QVariant(sortable(m.euclidean)) : QVariant(formatMetric(m.euclidean));
    case SqnrColumn:
        return sort ? QVariant(sortable(m.sqnr)) : QVariant(formatMetric(m.sqnr));
    case MseColumn:
        // Lower is better: NaN sorts last ascending, so the worst layers come first descending.
        return sort ? QVariant(std::isnan(m.mse) ? std::numeric_limits<double>::infinity() : m.mse)
                    : QVariant(formatMetric(m.mse));
    default:
        return {};
    }
}

QVariant LayerMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn:
        return tr("#");
    case TensorColumn:
        return tr("Tensor");
    case OpTypeColumn:
        return tr("Op");
    case StageColumn:
        return tr("Stage");
    case StatusColumn:
        return tr("Status");
    case CosineColumn:
        return tr("Cosine");
    case EuclideanColumn:
        return tr("Euclidean");
    case SqnrColumn:
        return tr("SQNR (dB)");
    case MseColumn:
        return tr("MSE");
    default:
        return {};
    }
}

} // namespace Mcw::Widgets
