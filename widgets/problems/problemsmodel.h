// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>

#include <QAbstractTableModel>
#include <QList>

namespace Mcw::Widgets {

/**
 * The Problems list over a QList<Diagnostic> (pre-flight, operator support, failed runs):
 * equal problems (severity, stage, code, message, node) are merged into one row with a count;
 * errors first, then warnings, then infos, each in arrival order.
 */
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, StageColumn, MessageColumn, CountColumn, ColumnCount };
    enum Role {
        NodeIdRole = Qt::UserRole + 1,
        TensorNameRole,
        SuggestionRole,
        CodeRole,
        CountRole,
        SeverityRole, // int of Diagnostic::Severity
    };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setDiagnostics(const QList<Core::Diagnostic> &diagnostics);
    /** The merged problem of \a row. */
    const Core::Diagnostic &diagnostic(int row) const { return m_rows.at(row).diagnostic; }
    int count(int row) const { return m_rows.at(row).count; }
    int errorCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Core::Diagnostic diagnostic;
        int count = 1;
    };
    QList<Row> m_rows;
};

} // namespace Mcw::Widgets
