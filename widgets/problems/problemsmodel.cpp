// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "problemsmodel.h"

#include <algorithm>

namespace Mcw::Widgets {

// internalId: 0 for a top-level row, 1 + the parent's row for a group's child.
static constexpr quintptr TopLevel = 0;

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

static bool sameProblem(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return a.severity == b.severity && a.stage == b.stage && a.code == b.code && a.message == b.message
           && a.nodeId == b.nodeId;
}

static bool sameGroup(const Core::Diagnostic &a, const Core::Diagnostic &b)
{
    return !a.group.isEmpty() && a.group == b.group && a.severity == b.severity && a.stage == b.stage
           && a.code == b.code;
}

void ProblemsModel::setDiagnostics(const QList<Core::Diagnostic> &diagnostics)
{
    QList<Entry> entries;
    for (const Core::Diagnostic &d : diagnostics) {
        auto entry = std::find_if(entries.begin(), entries.end(), [&d](const Entry &e) {
            return sameGroup(e.rows.first().diagnostic, d) || sameProblem(e.rows.first().diagnostic, d);
        });
        if (entry == entries.end()) {
            entries.append(Entry{{Row{d, 1}}});
            continue;
        }
        auto row = std::find_if(entry->rows.begin(), entry->rows.end(),
                                [&d](const Row &r) { return sameProblem(r.diagnostic, d); });
        if (row != entry->rows.end())
            ++row->count;
        else
            entry->rows.append(Row{d, 1});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return int(a.rows.first().diagnostic.severity) > int(b.rows.first().diagnostic.severity);
    });
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

const ProblemsModel::Row &ProblemsModel::rowAt(const QModelIndex &index) const
{
    if (index.internalId() == TopLevel)
        return m_entries.at(index.row()).rows.first();
    return m_entries.at(int(index.internalId() - 1)).rows.at(index.row());
}

int ProblemsModel::count(const QModelIndex &index) const
{
    if (!isGroup(index))
        return rowAt(index).count;
    int n = 0;
    for (const Row &r : m_entries.at(index.row()).rows)
        n += r.count;
    return n;
}

bool ProblemsModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == TopLevel && m_entries.at(index.row()).grouped();
}

int ProblemsModel::errorCount() const
{
    int n = 0;
    for (const Entry &e : m_entries) {
        for (const Row &r : e.rows)
            n += r.diagnostic.severity == Core::Diagnostic::Severity::Error ? r.count : 0;
    }
    return n;
}

QModelIndex ProblemsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, TopLevel);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ProblemsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, TopLevel);
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.column() != 0 || !isGroup(parent))
        return 0;
    return int(m_entries.at(parent.row()).rows.size());
}

int ProblemsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool group = isGroup(index);
    const Row &row = rowAt(index);
    const Core::Diagnostic &d = row.diagnostic;
    const int n = count(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return Core::severityName(d.severity);
        case StageColumn: return d.stage;
        case MessageColumn: return group ? QStringLiteral("%1 (%2)").arg(d.group).arg(n) : d.message;
        case CountColumn: return n > 1 ? QVariant(n) : QVariant();
        default: return {};
        }
    case Qt::ToolTipRole: {
        QString tip = group ? tr("%1\n%2 nodes; expand to see them.").arg(d.group).arg(n) : d.message;
        if (!d.suggestion.isEmpty())
            tip += QStringLiteral("\n") + tr("Fix: %1").arg(d.suggestion);
        if (!group && !d.details.isEmpty())
            tip += QStringLiteral("\n\n") + d.details.mid(0, 12).join(QLatin1Char('\n'));
        return tip;
    }
    // A group names no single node: jumping is for its children.
    case NodeIdRole: return group ? QString() : d.nodeId;
    case TensorNameRole: return group ? QString() : d.tensorName;
    case SuggestionRole: return d.suggestion;
    case CodeRole: return d.code;
    case CountRole: return n;
    case SeverityRole: return int(d.severity);
    case IsGroupRole: return group;
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
