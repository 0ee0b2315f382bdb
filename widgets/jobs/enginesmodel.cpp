// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginesmodel.h"

#include <QApplication>
#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QStyle>

#include <algorithm>

namespace Mcw::Widgets {

using Core::DockerEngine;
using Core::EngineCheck;

EnginesModel::EnginesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EnginesModel::setEngines(const QList<DockerEngine> &engines)
{
    beginResetModel();
    m_rows.clear();
    for (const DockerEngine &e : engines)
        m_rows.append(Row{e, std::nullopt, false});
    endResetModel();
    emit enginesChanged();
}

QList<DockerEngine> EnginesModel::engines() const
{
    QList<DockerEngine> list;
    for (const Row &r : m_rows)
        list.append(r.engine);
    return list;
}

int EnginesModel::rowOfEngine(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).engine.name == name)
            return i;
    }
    return -1;
}

QString EnginesModel::addEngine(const DockerEngine &engine)
{
    QList<DockerEngine> candidate = engines();
    candidate.append(engine);
    if (const QString problem = DockerEngine::listProblem(candidate); !problem.isEmpty())
        return problem;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{engine, std::nullopt, false});
    endInsertRows();
    emit enginesChanged();
    return {};
}

int EnginesModel::addMissing(const QList<DockerEngine> &engines)
{
    int added = 0;
    for (const DockerEngine &e : engines) {
        const bool listed = std::any_of(m_rows.cbegin(), m_rows.cend(), [&e](const Row &r) {
            // The CLI's "default" context is what an engine without an address already reaches
            // (unless another context is current, which the user can still add by hand).
            const bool sameAsDefault = r.engine.isDefault() && e.address == QLatin1String("default");
            return r.engine.name == e.name || (!e.address.isEmpty() && r.engine.address == e.address) || sameAsDefault;
        });
        if (!listed && addEngine(e).isEmpty())
            ++added;
    }
    return added;
}

QString EnginesModel::removeEngine(int row)
{
    if (row < 0 || row >= m_rows.size())
        return {};
    QList<DockerEngine> candidate = engines();
    candidate.removeAt(row);
    if (const QString problem = DockerEngine::listProblem(candidate); !problem.isEmpty()) {
        return tr("Engine '%1' is the only one and stays: %2").arg(m_rows.at(row).engine.name, problem);
    }
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    emit enginesChanged();
    return {};
}

QString EnginesModel::freeName(const QString &base) const
{
    QString name = base;
    for (int n = 2; rowOfEngine(name) >= 0; ++n)
        name = QStringLiteral("%1-%2").arg(base).arg(n);
    return name;
}

void EnginesModel::setTesting(const QString &name, bool testing)
{
    const int row = rowOfEngine(name);
    if (row < 0 || m_rows.at(row).testing == testing)
        return;
    m_rows[row].testing = testing;
    emitRowChanged(row);
}

void EnginesModel::setCheckResult(const EngineCheck::Result &result)
{
    const int row = rowOfEngine(result.engine.name);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    r.testing = false;
    // A cancelled test found nothing: what an earlier one found still stands. Edited while the
    // test ran: the result is about the engine as it was.
    const bool cancelled = !result.reachable && result.findings.isEmpty();
    if (!cancelled && r.engine.address == result.engine.address && r.engine.transfer == result.engine.transfer)
        r.check = result;
    emitRowChanged(row);
}

void EnginesModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int EnginesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EnginesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString transferText(DockerEngine::Transfer transfer)
{
    switch (transfer) {
    case DockerEngine::Transfer::Mount:
        return EnginesModel::tr("mount");
    case DockerEngine::Transfer::Copy:
        return EnginesModel::tr("copy");
    case DockerEngine::Transfer::Auto:
        break;
    }
    return EnginesModel::tr("auto");
}

QString EnginesModel::statusLevel(const EngineCheck::Result &result)
{
    QString level = QStringLiteral("ok");
    for (const EngineCheck::Finding &f : result.findings) {
        if (f.level == EngineCheck::Finding::Level::Error)
            return QStringLiteral("error");
        if (f.level == EngineCheck::Finding::Level::Warning)
            level = QStringLiteral("warning");
    }
    return level;
}

QString EnginesModel::statusText(const EngineCheck::Result &result)
{
    if (const QString problem = result.problem(); !problem.isEmpty())
        return problem;
    QStringList parts{tr("Docker %1 %2/%3").arg(result.serverVersion, result.os, result.architecture)};
    if (!result.tpuMlirVersion.isEmpty())
        parts.append(tr("tpu_mlir %1").arg(result.tpuMlirVersion));
    parts.append(result.transfer == DockerEngine::Transfer::Mount ? tr("mounts files") : tr("copies files"));
    QStringList lines{parts.join(QStringLiteral(" · "))};
    // A usable engine with a catch (arm64: the image runs emulated) says so under what it is.
    for (const EngineCheck::Finding &f : result.findings) {
        if (f.level == EngineCheck::Finding::Level::Warning)
            lines.append(f.message);
    }
    return lines.join(QLatin1Char('\n'));
}

static QString findingsText(const EngineCheck::Result &result)
{
    QStringList lines;
    for (const EngineCheck::Finding &f : result.findings) {
        const QString mark = f.level == EngineCheck::Finding::Level::Ok        ? QStringLiteral("✓")
                             : f.level == EngineCheck::Finding::Level::Warning ? QStringLiteral("⚠")
                                                                                : QStringLiteral("✗");
        lines.append(QStringLiteral("%1 %2: %3").arg(mark, f.title, f.message));
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant EnginesModel::statusData(const Row &row, int role) const
{
    const QString level = row.testing ? QStringLiteral("testing")
                          : row.check ? statusLevel(*row.check)
                                      : QString();
    switch (role) {
    case Qt::DisplayRole:
        if (row.testing)
            return tr("Testing…");
        return row.check ? statusText(*row.check) : tr("not tested");
    case Qt::ToolTipRole:
        if (row.check && !row.testing)
            return findingsText(*row.check);
        return tr("Test checks that the engine answers, has the toolchain image and sees this machine's files.");
    case Qt::DecorationRole: {
        const QStyle *style = QApplication::style();
        if (!style || level.isEmpty() || level == QLatin1String("testing"))
            return {};
        const QStyle::StandardPixmap pixmap = level == QLatin1String("error")     ? QStyle::SP_MessageBoxCritical
                                              : level == QLatin1String("warning") ? QStyle::SP_MessageBoxWarning
                                                                                  : QStyle::SP_DialogApplyButton;
        return style->standardIcon(pixmap);
    }
    case Qt::ForegroundRole:
        if (level == QLatin1String("error"))
            return QColor(0xc6, 0x28, 0x28);
        if (level == QLatin1String("warning"))
            return QColor(0xa6, 0x5e, 0x00);
        if (level.isEmpty() || level == QLatin1String("testing"))
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case StatusLevelRole:
        return level;
    default:
        break;
    }
    return {};
}

QVariant EnginesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const DockerEngine &e = row.engine;
    if (role == EngineNameRole)
        return e.name;
    if (index.column() == StatusColumn)
        return statusData(row, role);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return e.name;
        case AddressColumn: return e.isDefault() ? tr("docker default") : e.address;
        case StepsColumn: return e.maxConcurrentSteps;
        case TransferColumn: return transferText(e.transfer);
        default: break;
        }
        break;
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn: return e.name;
        case AddressColumn: return e.address;
        case StepsColumn: return e.maxConcurrentSteps;
        case TransferColumn: return DockerEngine::transferName(e.transfer);
        default: break;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == AddressColumn && e.isDefault())
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case AddressColumn:
            if (e.isDefault())
                return tr("Whatever the docker CLI reaches without options (DOCKER_HOST or its current context)");
            if (e.isAddress())
                return tr("The engine at %1 (docker --host)").arg(e.address);
            return tr("The docker context '%1' (docker --context)").arg(e.address);
        case StepsColumn:
            return tr("Steps this engine runs at once");
        case TransferColumn:
            return tr("How the steps' files reach the containers: auto (bind mounts on an engine of this machine that "
                      "sees our files, copies otherwise), mount, or copy (docker cp in and out)");
        default: break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == StepsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

bool EnginesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Row &row = m_rows[index.row()];
    DockerEngine edited = row.engine;
    switch (index.column()) {
    case NameColumn:
        edited.name = value.toString().trimmed();
        break;
    case AddressColumn: {
        const QString address = value.toString().trimmed();
        // What the table shows for the default engine, typed back, means the default.
        edited.address = address == tr("docker default") ? QString() : address;
        break;
    }
    case StepsColumn: {
        bool ok = false;
        const int steps = value.toInt(&ok);
        if (!ok || steps < 1 || steps > MaxStepsPerEngine) {
            emit editRefused(tr("An engine runs 1 to %1 steps at once.").arg(MaxStepsPerEngine));
            return false;
        }
        edited.maxConcurrentSteps = steps;
        break;
    }
    case TransferColumn: {
        const auto transfer = DockerEngine::parseTransfer(value.toString().trimmed().toLower());
        if (!transfer) {
            emit editRefused(transfer.error().message);
            return false;
        }
        edited.transfer = *transfer;
        break;
    }
    default:
        return false;
    }
    if (edited == row.engine)
        return true;
    QList<DockerEngine> candidate = engines();
    candidate[index.row()] = edited;
    if (const QString problem = DockerEngine::listProblem(candidate); !problem.isEmpty()) {
        emit editRefused(problem);
        return false;
    }
    const bool otherEngine = edited.address != row.engine.address || edited.transfer != row.engine.transfer;
    row.engine = edited;
    if (otherEngine)
        row.check.reset();
    else if (row.check)
        row.check->engine.name = edited.name; // a renamed engine keeps its result
    emitRowChanged(index.row());
    emit enginesChanged();
    return true;
}

Qt::ItemFlags EnginesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() != StatusColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant EnginesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case AddressColumn: return tr("Context or address");
    case StepsColumn: return tr("Steps at once");
    case TransferColumn: return tr("Files");
    case StatusColumn: return tr("Status");
    default: break;
    }
    return {};
}

} // namespace Mcw::Widgets
