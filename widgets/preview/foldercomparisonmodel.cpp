// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "foldercomparisonmodel.h"

#include <QBrush>
#include <QColor>

namespace Mcw::Widgets {

FolderComparisonModel::FolderComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void FolderComparisonModel::setComparison(const Core::FolderComparison &comparison)
{
    beginResetModel();
    m_comparison = comparison;
    endResetModel();
}

int FolderComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_comparison.rows.size());
}

int FolderComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FolderComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::FolderComparison::Row &row = m_comparison.rows.at(index.row());
    const Core::DetectionComparison &c = row.comparison;
    const bool failed = !row.decodeError.isEmpty();
    if (role == Qt::ToolTipRole)
        return failed ? row.decodeError : c.summary();
    if (role == Qt::ForegroundRole && index.column() != ImageColumn) {
        // What the user must look at: detections lost or invented by INT8.
        const bool lost = failed || c.missed > 0 || c.extra > 0 || c.classChanged > 0
                          || (c.isClassifier && !c.top1Agrees);
        return lost ? QVariant(QBrush(QColor(0xc6, 0x28, 0x28))) : QVariant();
    }
    if (role == Qt::TextAlignmentRole && index.column() != ImageColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == ImageColumn)
        return row.image;
    if (failed)
        return index.column() == MatchedColumn ? tr("not decoded") : QVariant();
    if (c.isClassifier && index.column() != Top1Column)
        return {};
    switch (index.column()) {
    case MatchedColumn: return c.matched;
    case ShiftedColumn: return c.shifted;
    case ClassChangedColumn: return c.classChanged;
    case MissedColumn: return c.missed;
    case ExtraColumn: return c.extra;
    case MeanIouColumn: return QString::number(c.meanIou, 'f', 3);
    case Top1Column:
        return c.isClassifier ? (c.top1Agrees ? tr("agrees") : tr("differs")) : QVariant();
    default: return {};
    }
}

QVariant FolderComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImageColumn: return tr("Image");
    case MatchedColumn: return tr("Matched");
    case ShiftedColumn: return tr("Shifted");
    case ClassChangedColumn: return tr("Class changed");
    case MissedColumn: return tr("Missed");
    case ExtraColumn: return tr("Extra");
    case MeanIouColumn: return tr("Mean IoU");
    case Top1Column: return tr("Top-1");
    default: return {};
    }
}

} // namespace Mcw::Widgets
