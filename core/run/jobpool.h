// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/conversionjob.h>

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

namespace Mcw::Core {

class ToolchainBackend;

/**
 * The queue of conversion jobs, spread over one or more engines (backends), each with its own
 * number of slots; at most maxConcurrency() jobs run at once in all, the rest wait in submission
 * order. A job takes the engine that ran its earlier steps when it is free (their files are
 * there), else the engine with the most free slots. An engine whose step failed because it
 * stopped answering is marked down: no job goes there until it is marked up again, so a retry
 * runs elsewhere. Owns its jobs, including finished ones loaded from history, so one list
 * feeds the Jobs panel. Cancel one or all; retry a step of a finished job.
 *
 * Finished jobs beyond finishedJobLimit() are dropped from memory, oldest finished first (never
 * a queued or running one, nor the kept one): their job.json stays on disk and JobHistory lists
 * them again. jobAboutToBeRemoved() comes first, so holders of the pointer let go of it.
 */
class JobPool : public QObject
{
    Q_OBJECT

public:
    explicit JobPool(QObject *parent = nullptr);
    ~JobPool() override;

    struct Engine
    {
        QString name;
        std::shared_ptr<const ToolchainBackend> backend;
        int capacity = 1; // jobs at once
        bool down = false;
        QString downReason;
    };

    /** One engine with as many slots as maxConcurrency() allows. */
    void setBackend(std::shared_ptr<const ToolchainBackend> backend);
    /** Several engines; running jobs keep the backend they started with. */
    void setEngines(const QList<Engine> &engines);
    const QList<Engine> &engines() const { return m_engines; }
    void setEngineDown(const QString &name, const QString &reason);
    void setEngineUp(const QString &name);
    /** Jobs running on engine \a name. */
    int runningOn(const QString &name) const;
    void setCapabilities(const ToolCapabilities &caps) { m_caps = caps; }
    void setMaxConcurrency(int jobs);
    int maxConcurrency() const { return m_maxConcurrency; }
    void setStepTimeout(qint64 ms) { m_stepTimeoutMs = ms; }
    void setKillGracePeriod(qint64 ms) { m_graceMs = ms; }
    void setFailureClassifier(ConversionJob::FailureClassifier classifier) { m_classifier = std::move(classifier); }
    /** How many finished jobs stay in memory (at least 1); older ones are dropped at once. */
    void setFinishedJobLimit(int jobs);
    int finishedJobLimit() const { return m_finishedLimit; }
    /** A finished job that is never dropped (the one the user looks at); nullptr for none. */
    void setKeptJob(const ConversionJob *job);

    /** Queues a job (see ConversionPipeline::createJob) and returns it; the pool owns it. */
    ConversionJob *submit(const JobRecord &record);
    /** Lists finished runs (JobHistory) without running them; they can be retried. */
    void addHistory(const QList<JobRecord> &records);

    const QList<ConversionJob *> &jobs() const { return m_jobs; }
    ConversionJob *job(const QString &id) const;
    int runningCount() const;
    bool isIdle() const;

    void cancel(const QString &id);
    void cancelAll();
    bool retry(const QString &id, const QString &stepId);
    /** As above; ids (run folder names) repeat across projects, the job does not. */
    bool retry(ConversionJob *job, const QString &stepId);

signals:
    void jobAdded(Mcw::Core::ConversionJob *job);
    void jobChanged(Mcw::Core::ConversionJob *job);
    void jobFinished(Mcw::Core::ConversionJob *job);
    /** \a job is about to be deleted (dropped past the limit): forget the pointer now. */
    void jobAboutToBeRemoved(Mcw::Core::ConversionJob *job);
    void engineStateChanged(const QString &name);
    void idle();

private:
    ConversionJob *adopt(const JobRecord &record);
    void schedule();
    Engine *pickEngine(const ConversionJob *job);
    void noteEngineFailures(const ConversionJob *job);
    void dropOldFinished();

    QList<ConversionJob *> m_jobs;
    QList<const ConversionJob *> m_finishOrder; // finished jobs, oldest first
    const ConversionJob *m_keptJob = nullptr;
    QList<Engine> m_engines;
    QHash<const ConversionJob *, QString> m_jobEngine; // running jobs → engine name
    ToolCapabilities m_caps;
    ConversionJob::FailureClassifier m_classifier;
    qint64 m_stepTimeoutMs = 0;
    qint64 m_graceMs = 3000;
    int m_maxConcurrency = 1;
    int m_finishedLimit = 200; // ≈ 6 KiB each (docs/reliability.md)
};

} // namespace Mcw::Core
