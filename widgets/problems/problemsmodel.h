// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>

#include <QAbstractItemModel>
#include <QList>

namespace Mcw::Widgets {

/**
 * The Problems list over a QList<Diagnostic> (pre-flight, operator support, failed runs), as a
 * two-level tree: equal problems (severity, stage, code, message, node) merge into one row
 * with a count; problems of several nodes that share a Diagnostic::group (one op type, one
 * reason) sit under one group row "HardSwish runs in BF16 … (38)" whose children are the
 * nodes. Errors first, then warnings, then infos, each in arrival order.
 */
class ProblemsModel : public QAbstractItemModel
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
        IsGroupRole,
    };

    explicit ProblemsModel(QObject *parent = nullptr);

    void setDiagnostics(const QList<Core::Diagnostic> &diagnostics);
    /** The merged problem at \a index; for a group row, its first member. */
    const Core::Diagnostic &diagnostic(const QModelIndex &index) const { return rowAt(index).diagnostic; }
    /** How often the problem at \a index occurred; for a group row, the sum over its members. */
    int count(const QModelIndex &index) const;
    bool isGroup(const QModelIndex &index) const;
    int errorCount() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
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
    /** A top-level row: one problem, or a group of several (then shown with children). */
    struct Entry
    {
        QList<Row> rows;
        bool grouped() const { return rows.size() > 1; }
    };
    const Row &rowAt(const QModelIndex &index) const;

    QList<Entry> m_entries;
};

} // namespace Mcw::Widgets
