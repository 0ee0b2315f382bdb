// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace Mcw::Core {
class ConversionJob;
class JobPool;
} // namespace Mcw::Core

namespace Mcw::Widgets {

/**
 * The Jobs panel's tree over a JobPool: one row per job (run), its steps as children.
 * Columns: name, status, progress (0–100 in ProgressRole, drawn by ProgressBarDelegate),
 * elapsed time (refreshed every second while something runs) and the Docker engine each step
 * ran on (a job row lists its steps' engines; empty with the native tools).
 */
class JobsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, ProgressColumn, ElapsedColumn, EngineColumn, ColumnCount };
    enum Role {
        JobIdRole = Qt::UserRole + 1,
        StepIdRole,     // empty on job rows
        ProgressRole,   // int 0..100
        StateRole,      // "running", "failed", ...
        CommandRole,    // step: copyable shell form of the tool command
        LogFileRole,    // step: absolute path of the latest log
        DirectoryRole,  // the job folder
        EngineRole,     // step: the engine it ran on; job: its steps' engines, comma-separated
    };

    explicit JobsModel(Core::JobPool *pool, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Core::ConversionJob *jobAt(const QModelIndex &index) const;
    /** Whether any listed step ran on a Docker engine (the panel hides the column otherwise). */
    bool hasEngines() const;
    QModelIndex indexOfJob(const Core::ConversionJob *job, int column = 0) const;

private:
    void jobAdded(Core::ConversionJob *job);
    void jobAboutToBeRemoved(Core::ConversionJob *job);
    void jobChanged(Core::ConversionJob *job);
    void tick();

    QPointer<Core::JobPool> m_pool;
    QList<Core::ConversionJob *> m_jobs; // mirrors the pool's list, in insertion order
    QTimer m_elapsedTimer;
};

} // namespace Mcw::Widgets
