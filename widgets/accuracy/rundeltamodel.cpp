// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "rundeltamodel.h"

#include <widgets/accuracy/layermetricsmodel.h>

#include <QFont>

#include <cmath>

namespace Mcw::Widgets {

RunDeltaModel::RunDeltaModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RunDeltaModel::setComparison(const Core::RunComparison &comparison,
                                  const QString &baseLabel,
                                  const QString &otherLabel)
{
    beginResetModel();
    m_comparison = comparison;
    m_baseLabel = baseLabel;
    m_otherLabel = otherLabel;
    endResetModel();
}

int RunDeltaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_comparison.deltas.size());
}

int RunDeltaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString signedMetric(double v)
{
    if (std::isnan(v) || std::isinf(v))
        return LayerMetricsModel::formatMetric(v);
    return (v >= 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 6);
}

QVariant RunDeltaModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::RunComparison::Delta &d = m_comparison.deltas.at(index.row());
    if (role == OnnxTensorRole)
        return d.onnxTensorName;
    if (role == Qt::FontRole && index.row() == m_comparison.firstDivergence) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= BaseCosineColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    const auto number = [sort](double v, bool withSign) -> QVariant {
        if (sort)
            return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
        return withSign ? signedMetric(v) : LayerMetricsModel::formatMetric(v);
    };
    switch (index.column()) {
    case TensorColumn:
        return d.tensorName;
    case OpTypeColumn:
        return d.opType;
    case BaseCosineColumn:
        return number(d.baseCosine, false);
    case OtherCosineColumn:
        return number(d.otherCosine, false);
    case CosineDeltaColumn:
        return number(d.cosineDelta(), true);
    case EuclideanDeltaColumn:
        return number(d.euclideanDelta(), true);
    case SqnrDeltaColumn:
        return number(d.sqnrDelta(), true);
    default:
        return {};
    }
}

QVariant RunDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TensorColumn:
        return tr("Tensor");
    case OpTypeColumn:
        return tr("Op");
    case BaseCosineColumn:
        return tr("Cosine (%1)").arg(m_baseLabel);
    case OtherCosineColumn:
        return tr("Cosine (%1)").arg(m_otherLabel);
    case CosineDeltaColumn:
        return tr("Δ cosine");
    case EuclideanDeltaColumn:
        return tr("Δ euclidean");
    case SqnrDeltaColumn:
        return tr("Δ SQNR (dB)");
    default:
        return {};
    }
}

} // namespace Mcw::Widgets
