// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobpool.h"

#include <core/run/toolchainbackend.h>

namespace Mcw::Core {

JobPool::JobPool(QObject *parent)
    : QObject(parent)
{}

JobPool::~JobPool()
{
    // Jobs are children; their runners kill what still runs when destroyed.
}

void JobPool::setBackend(std::shared_ptr<const ToolchainBackend> backend)
{
    m_backend = std::move(backend);
}

void JobPool::setMaxConcurrency(int jobs)
{
    m_maxConcurrency = qMax(1, jobs);
    schedule();
}

ConversionJob *JobPool::adopt(const JobRecord &record)
{
    auto *job = new ConversionJob(record, this);
    connect(job, &ConversionJob::changed, this, [this, job] { emit jobChanged(job); });
    connect(job, &ConversionJob::finished, this, [this, job] {
        emit jobFinished(job);
        schedule();
        if (isIdle())
            emit idle();
    });
    m_jobs.append(job);
    emit jobAdded(job);
    return job;
}

ConversionJob *JobPool::submit(const JobRecord &record)
{
    JobRecord queued = record;
    queued.state = JobState::Queued;
    if (m_backend && queued.backend.isEmpty())
        queued.backend = m_backend->describe();
    if (queued.toolVersion.isEmpty())
        queued.toolVersion = m_caps.version;
    queued.save();
    ConversionJob *job = adopt(queued);
    schedule();
    return job;
}

void JobPool::addHistory(const QList<JobRecord> &records)
{
    for (const JobRecord &r : records) {
        if (!job(r.id))
            adopt(r);
    }
}

ConversionJob *JobPool::job(const QString &id) const
{
    for (ConversionJob *j : m_jobs) {
        if (j->id() == id)
            return j;
    }
    return nullptr;
}

int JobPool::runningCount() const
{
    int n = 0;
    for (const ConversionJob *j : m_jobs)
        n += j->isRunning() ? 1 : 0;
    return n;
}

bool JobPool::isIdle() const
{
    for (const ConversionJob *j : m_jobs) {
        if (j->state() == JobState::Running || j->state() == JobState::Queued)
            return false;
    }
    return true;
}

void JobPool::schedule()
{
    int running = runningCount();
    for (ConversionJob *j : std::as_const(m_jobs)) {
        if (running >= m_maxConcurrency)
            break;
        if (j->state() != JobState::Queued)
            continue;
        j->setBackend(m_backend);
        j->setCapabilities(m_caps);
        j->setStepTimeout(m_stepTimeoutMs);
        j->setKillGracePeriod(m_graceMs);
        j->setFailureClassifier(m_classifier);
        j->start();
        ++running;
    }
}

void JobPool::cancel(const QString &id)
{
    if (ConversionJob *j = job(id))
        j->cancel();
}

void JobPool::cancelAll()
{
    // Queued ones first, so a freed slot does not start them.
    for (ConversionJob *j : std::as_const(m_jobs)) {
        if (j->state() == JobState::Queued)
            j->cancel();
    }
    for (ConversionJob *j : std::as_const(m_jobs)) {
        if (j->state() == JobState::Running)
            j->cancel();
    }
}

bool JobPool::retry(const QString &id, const QString &stepId)
{
    ConversionJob *j = job(id);
    if (!j || !j->retry(stepId))
        return false;
    schedule();
    return true;
}

} // namespace Mcw::Core
