// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobsmodel.h"

#include <core/run/jobpool.h>
#include <core/run/processoutcome.h>

#include <QDir>

#include <algorithm>

namespace Mcw::Widgets {

// internalPointer: null for job rows, the job for its step rows (rows above it may go away).
JobsModel::JobsModel(Core::JobPool *pool, QObject *parent)
    : QAbstractItemModel(parent)
    , m_pool(pool)
{
    for (Core::ConversionJob *job : pool->jobs())
        m_jobs.append(job);
    connect(pool, &Core::JobPool::jobAdded, this, &JobsModel::jobAdded);
    connect(pool, &Core::JobPool::jobAboutToBeRemoved, this, &JobsModel::jobAboutToBeRemoved);
    connect(pool, &Core::JobPool::jobChanged, this, &JobsModel::jobChanged);
    m_elapsedTimer.setInterval(1000);
    connect(&m_elapsedTimer, &QTimer::timeout, this, &JobsModel::tick);
    m_elapsedTimer.start();
}

QModelIndex JobsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_jobs.size() ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer() || parent.row() >= m_jobs.size())
        return {};
    Core::ConversionJob *job = m_jobs.at(parent.row());
    if (row >= job->record().steps.size())
        return {};
    return createIndex(row, column, job);
}

QModelIndex JobsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return indexOfJob(static_cast<const Core::ConversionJob *>(child.internalPointer()));
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_jobs.size());
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= m_jobs.size())
        return 0;
    return int(m_jobs.at(parent.row())->record().steps.size());
}

int JobsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Core::ConversionJob *JobsModel::jobAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalPointer())
        return static_cast<Core::ConversionJob *>(index.internalPointer());
    return index.row() < m_jobs.size() ? m_jobs.at(index.row()) : nullptr;
}

QModelIndex JobsModel::indexOfJob(const Core::ConversionJob *job, int column) const
{
    const qsizetype row = m_jobs.indexOf(job);
    return row < 0 ? QModelIndex() : index(int(row), column);
}

static QString elapsedText(qint64 ms)
{
    if (ms <= 0)
        return {};
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

// The engines a job's steps ran on, in step order, each once.
static QStringList enginesOf(const Core::JobRecord &r)
{
    QStringList engines;
    for (const Core::StepRecord &s : r.steps) {
        if (!s.engine.isEmpty() && !engines.contains(s.engine))
            engines.append(s.engine);
    }
    return engines;
}

bool JobsModel::hasEngines() const
{
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(),
                       [](const Core::ConversionJob *job) { return !enginesOf(job->record()).isEmpty(); });
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    const Core::ConversionJob *job = jobAt(index);
    if (!job)
        return {};
    const Core::JobRecord &r = job->record();
    const bool isStep = index.internalPointer() != nullptr;
    if (isStep && index.row() >= r.steps.size())
        return {};
    const Core::StepRecord *step = isStep ? &r.steps.at(index.row()) : nullptr;
    const double progress = step ? (step->state == Core::StepState::Succeeded ? 1.0 : step->progress) : r.progress();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return step ? step->title : QStringLiteral("%1 (%2)").arg(r.name, r.id);
        case StatusColumn: {
            if (!step)
                return Core::jobStateName(r.state);
            if (step->state == Core::StepState::Running && !step->stage.isEmpty())
                return QStringLiteral("running: %1").arg(step->stage);
            if (!step->reusedFrom.isEmpty())
                return tr("reused");
            return Core::stepStateName(step->state);
        }
        case ProgressColumn:
            return QStringLiteral("%1%").arg(int(progress * 100));
        case ElapsedColumn: {
            if (step)
                return elapsedText(step->elapsedMs());
            // The time this run took: reused steps ran in an earlier one.
            qint64 total = 0;
            for (const Core::StepRecord &s : r.steps)
                total += s.reusedFrom.isEmpty() ? s.elapsedMs() : 0;
            return elapsedText(total);
        }
        case EngineColumn:
            return step ? step->engine : enginesOf(r).join(QStringLiteral(", "));
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == EngineColumn) {
            if (step && !step->engine.isEmpty()) {
                const QString files = step->transfer == QLatin1String("copy") ? tr("files copied in and out")
                                                                              : tr("files mounted");
                return (step->state == Core::StepState::Running ? tr("Runs on Docker engine '%1' (%2; %3)")
                                                                : tr("Ran on Docker engine '%1' (%2; %3)"))
                    .arg(step->engine, r.backend, files);
            }
            return r.backend;
        }
        if (step && !step->errorMessage.isEmpty())
            return step->errorMessage;
        if (step && !step->reusedFrom.isEmpty())
            return tr("Inputs unchanged: outputs and log copied from run %1").arg(step->reusedFrom);
        return step ? step->invocation.toUserOutput() : r.directory;
    case JobIdRole: return r.id;
    case StepIdRole: return step ? step->id : QString();
    case ProgressRole: return int(progress * 100 + 0.5);
    case StateRole: return step ? Core::stepStateName(step->state) : Core::jobStateName(r.state);
    case CommandRole: return step ? step->invocation.toUserOutput() : QString();
    case LogFileRole:
        return step && !step->logFile.isEmpty() ? QDir(r.directory).filePath(step->logFile) : QString();
    case DirectoryRole: return r.directory;
    case EngineRole: return step ? step->engine : enginesOf(r).join(QStringLiteral(", "));
    default: break;
    }
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Run / step");
    case StatusColumn: return tr("Status");
    case ProgressColumn: return tr("Progress");
    case ElapsedColumn: return tr("Elapsed");
    case EngineColumn: return tr("Engine");
    default: break;
    }
    return {};
}

void JobsModel::jobAdded(Core::ConversionJob *job)
{
    const int row = int(m_jobs.size());
    beginInsertRows({}, row, row);
    m_jobs.append(job);
    endInsertRows();
}

void JobsModel::jobAboutToBeRemoved(Core::ConversionJob *job)
{
    const int row = int(m_jobs.indexOf(job));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_jobs.removeAt(row);
    endRemoveRows();
}

void JobsModel::jobChanged(Core::ConversionJob *job)
{
    const QModelIndex jobIndex = indexOfJob(job);
    if (!jobIndex.isValid())
        return;
    emit dataChanged(jobIndex, index(jobIndex.row(), ColumnCount - 1));
    const int steps = rowCount(jobIndex);
    if (steps > 0)
        emit dataChanged(index(0, 0, jobIndex), index(steps - 1, ColumnCount - 1, jobIndex));
}

void JobsModel::tick()
{
    for (Core::ConversionJob *job : std::as_const(m_jobs)) {
        if (job->isRunning()) {
            const QModelIndex jobIndex = indexOfJob(job, ElapsedColumn);
            emit dataChanged(jobIndex, jobIndex);
            const int steps = rowCount(indexOfJob(job));
            if (steps > 0)
                emit dataChanged(index(0, ElapsedColumn, indexOfJob(job)), index(steps - 1, ElapsedColumn, indexOfJob(job)));
        }
    }
}

} // namespace Mcw::Widgets
