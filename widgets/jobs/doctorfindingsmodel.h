// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/workflow/setupdoctor.h>

#include <QAbstractTableModel>
#include <QList>

namespace Mcw::Widgets {

/** The set-up doctor's findings as a table: level, check, the sentence and its fix. */
class DoctorFindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { LevelColumn, CheckColumn, FindingColumn, FixColumn, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1, IdRole };

    explicit DoctorFindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<Core::DoctorFinding> &findings);
    void append(const Core::DoctorFinding &finding);
    const QList<Core::DoctorFinding> &findings() const { return m_findings; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Core::DoctorFinding> m_findings;
};

} // namespace Mcw::Widgets
