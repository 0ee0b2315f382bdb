// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/conversionjob.h>

#include <QList>
#include <QObject>

#include <memory>

namespace Mcw::Core {

class ToolchainBackend;

/**
 * The queue of conversion jobs: at most maxConcurrency() run at once (default 1), the rest wait
 * in submission order. Owns its jobs, including finished ones loaded from history, so one
 * list feeds the Jobs panel. Cancel one or all; retry a step of a finished job.
 */
class JobPool : public QObject
{
    Q_OBJECT

public:
    explicit JobPool(QObject *parent = nullptr);
    ~JobPool() override;

    void setBackend(std::shared_ptr<const ToolchainBackend> backend);
    void setCapabilities(const ToolCapabilities &caps) { m_caps = caps; }
    void setMaxConcurrency(int jobs);
    int maxConcurrency() const { return m_maxConcurrency; }
    void setStepTimeout(qint64 ms) { m_stepTimeoutMs = ms; }
    void setKillGracePeriod(qint64 ms) { m_graceMs = ms; }
    void setFailureClassifier(ConversionJob::FailureClassifier classifier) { m_classifier = std::move(classifier); }

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

signals:
    void jobAdded(Mcw::Core::ConversionJob *job);
    void jobChanged(Mcw::Core::ConversionJob *job);
    void jobFinished(Mcw::Core::ConversionJob *job);
    void idle();

private:
    ConversionJob *adopt(const JobRecord &record);
    void schedule();

    QList<ConversionJob *> m_jobs;
    std::shared_ptr<const ToolchainBackend> m_backend;
    ToolCapabilities m_caps;
    ConversionJob::FailureClassifier m_classifier;
    qint64 m_stepTimeoutMs = 0;
    qint64 m_graceMs = 3000;
    int m_maxConcurrency = 1;
};

} // namespace Mcw::Core
