// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "problemsmodel.h"

#include <algorithm>

namespace Mcw::Widgets {

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

static bool sameProblem(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return a.severity == b.severity && a.stage == b.stage && a.code == b.code && a.message == b.message
           && a.nodeId == b.nodeId;
}

void ProblemsModel::setDiagnostics(const QList<Core::Diagnostic> &diagnostics)
{
    QList<Row> rows;
    for (const Core::Diagnostic &d : diagnostics) {
        auto it = std::find_if(rows.begin(), rows.end(), [&d](const Row &r) { return sameProblem(r.diagnostic, d); });
        if (it != rows.end())
            ++it->count;
        else
            rows.append(Row{d, 1});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return int(a.diagnostic.severity) > int(b.diagnostic.severity);
    });
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ProblemsModel::errorCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.diagnostic.severity == Core::Diagnostic::Severity::Error ? r.count : 0;
    return n;
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const Core::Diagnostic &d = row.diagnostic;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return Core::severityName(d.severity);
        case StageColumn: return d.stage;
        case MessageColumn: return d.message;
        case CountColumn: return row.count > 1 ? QVariant(row.count) : QVariant();
        default: return {};
        }
    case Qt::ToolTipRole: {
        QString tip = d.message;
        if (!d.suggestion.isEmpty())
            tip += QStringLiteral("\n") + tr("Fix: %1").arg(d.suggestion);
        if (!d.details.isEmpty())
            tip += QStringLiteral("\n\n") + d.details.mid(0, 12).join(QLatin1Char('\n'));
        return tip;
    }
    case NodeIdRole: return d.nodeId;
    case TensorNameRole: return d.tensorName;
    case SuggestionRole: return d.suggestion;
    case CodeRole: return d.code;
    case CountRole: return row.count;
    case SeverityRole: return int(d.severity);
    default: break;
    }
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case StageColumn: return tr("Stage");
    case MessageColumn: return tr("Problem");
    case CountColumn: return tr("Count");
    default: break;
    }
    return {};
}

} // namespace Mcw::Widgets
