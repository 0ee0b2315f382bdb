// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "doctorfindingsmodel.h"

#include <QApplication>
#include <QStyle>

namespace Mcw::Widgets {

DoctorFindingsModel::DoctorFindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DoctorFindingsModel::setFindings(const QList<Core::DoctorFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

void DoctorFindingsModel::append(const Core::DoctorFinding &finding)
{
    const int row = int(m_findings.size());
    beginInsertRows({}, row, row);
    m_findings.append(finding);
    endInsertRows();
}

int DoctorFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int DoctorFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString levelText(Core::DoctorFinding::Level level)
{
    switch (level) {
    case Core::DoctorFinding::Level::Ok: return DoctorFindingsModel::tr("OK");
    case Core::DoctorFinding::Level::Info: return DoctorFindingsModel::tr("Note");
    case Core::DoctorFinding::Level::Warning: return DoctorFindingsModel::tr("Warning");
    case Core::DoctorFinding::Level::Error: break;
    }
    return DoctorFindingsModel::tr("Error");
}

QVariant DoctorFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const Core::DoctorFinding &f = m_findings.at(index.row());
    if (role == LevelRole)
        return int(f.level);
    if (role == IdRole)
        return f.id;
    if (role == Qt::ToolTipRole)
        return f.fix.isEmpty() ? f.message : f.message + QLatin1Char('\n') + f.fix;
    if (role == Qt::DecorationRole && index.column() == LevelColumn) {
        const QStyle *style = QApplication::style();
        switch (f.level) {
        case Core::DoctorFinding::Level::Ok: return style->standardIcon(QStyle::SP_DialogApplyButton);
        case Core::DoctorFinding::Level::Info: return style->standardIcon(QStyle::SP_MessageBoxInformation);
        case Core::DoctorFinding::Level::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case Core::DoctorFinding::Level::Error: return style->standardIcon(QStyle::SP_MessageBoxCritical);
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LevelColumn: return levelText(f.level);
    case CheckColumn: return f.title;
    case FindingColumn: return f.message;
    case FixColumn: return f.fix;
    default: return {};
    }
}

QVariant DoctorFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LevelColumn: return tr("Level");
    case CheckColumn: return tr("Check");
    case FindingColumn: return tr("Finding");
    case FixColumn: return tr("Fix");
    default: return {};
    }
}

} // namespace Mcw::Widgets
