// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobpool.h"

#include <core/run/toolchainbackend.h>

#include <algorithm>
#include <limits>

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
    if (!backend) {
        m_engines.clear();
        return;
    }
    Engine engine;
    engine.name = backend->engineName();
    engine.backend = std::move(backend);
    engine.capacity = std::numeric_limits<int>::max(); // maxConcurrency() is the limit
    setEngines({engine});
}

void JobPool::setEngines(const QList<Engine> &engines)
{
    // An engine known to be down stays down under new settings until checked again.
    QList<Engine> next = engines;
    for (Engine &e : next) {
        for (const Engine &old : std::as_const(m_engines)) {
            if (old.name == e.name && old.down && !e.down) {
                e.down = true;
                e.downReason = old.downReason;
            }
        }
    }
    m_engines = next;
    schedule();
}

void JobPool::setEngineDown(const QString &name, const QString &reason)
{
    for (Engine &e : m_engines) {
        if (e.name == name && !e.down) {
            e.down = true;
            e.downReason = reason;
            emit engineStateChanged(name);
        }
    }
}

void JobPool::setEngineUp(const QString &name)
{
    for (Engine &e : m_engines) {
        if (e.name == name && e.down) {
            e.down = false;
            e.downReason.clear();
            emit engineStateChanged(name);
        }
    }
    schedule();
}

int JobPool::runningOn(const QString &name) const
{
    int n = 0;
    for (auto it = m_jobEngine.cbegin(); it != m_jobEngine.cend(); ++it)
        n += it.value() == name ? 1 : 0;
    return n;
}

JobPool::Engine *JobPool::pickEngine(const ConversionJob *job)
{
    if (m_engines.isEmpty())
        return nullptr;
    // Where the job's earlier steps ran: their outputs are there already on a shared engine.
    QString previous;
    for (const StepRecord &s : job->record().steps) {
        if (s.state == StepState::Succeeded && !s.engine.isEmpty())
            previous = s.engine;
    }
    Engine *best = nullptr;
    int bestFree = 0;
    for (Engine &e : m_engines) {
        const int free = e.capacity - runningOn(e.name);
        if (e.down || free <= 0)
            continue;
        if (e.name == previous)
            return &e;
        if (free > bestFree) {
            best = &e;
            bestFree = free;
        }
    }
    if (best)
        return best;
    // Every engine is down: the job goes to one anyway and fails at once with the engine's own
    // sentence, rather than waiting for ever.
    const bool allDown = std::all_of(m_engines.cbegin(), m_engines.cend(), [](const Engine &e) { return e.down; });
    if (allDown) {
        for (Engine &e : m_engines) {
            if (e.capacity - runningOn(e.name) > 0)
                return &e;
        }
    }
    return nullptr;
}

void JobPool::noteEngineFailures(const ConversionJob *job)
{
    for (const StepRecord &s : job->record().steps) {
        for (const Diagnostic &d : s.diagnostics) {
            if (d.code == QLatin1String("engine_down") && !s.engine.isEmpty())
                setEngineDown(s.engine, d.message);
        }
    }
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
        m_jobEngine.remove(job);
        noteEngineFailures(job);
        emit jobFinished(job);
        m_finishOrder.append(job);
        dropOldFinished();
        schedule();
        if (isIdle())
            emit idle();
    });
    m_jobs.append(job);
    emit jobAdded(job);
    if (job->state() != JobState::Queued && job->state() != JobState::Running) {
        m_finishOrder.append(job);
        dropOldFinished();
    }
    return job;
}

void JobPool::setFinishedJobLimit(int jobs)
{
    m_finishedLimit = qMax(1, jobs);
    dropOldFinished();
}

void JobPool::setKeptJob(const ConversionJob *job)
{
    m_keptJob = job;
    dropOldFinished();
}

void JobPool::dropOldFinished()
{
    for (qsizetype i = 0; m_finishOrder.size() > m_finishedLimit && i < m_finishOrder.size();) {
        auto *job = const_cast<ConversionJob *>(m_finishOrder.at(i));
        if (job == m_keptJob) {
            ++i;
            continue;
        }
        emit jobAboutToBeRemoved(job);
        m_finishOrder.removeAt(i);
        m_jobs.removeOne(job);
        job->disconnect(this);
        // Later: the drop may happen while a signal of another job is being delivered.
        job->deleteLater();
    }
}

ConversionJob *JobPool::submit(const JobRecord &record)
{
    JobRecord queued = record;
    queued.state = JobState::Queued;
    if (queued.backend.isEmpty() && m_engines.size() == 1)
        queued.backend = m_engines.first().backend->describe();
    else if (queued.backend.isEmpty() && m_engines.size() > 1)
        queued.backend = tr("%1 Docker engines").arg(m_engines.size());
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
        if (m_engines.isEmpty()) {
            j->setBackend(nullptr); // fails at once: "No toolchain backend is configured."
        } else {
            Engine *engine = pickEngine(j);
            if (!engine)
                continue;
            m_jobEngine.insert(j, engine->name);
            j->setBackend(engine->backend);
        }
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
    return retry(job(id), stepId);
}

bool JobPool::retry(ConversionJob *job, const QString &stepId)
{
    if (!job || !m_jobs.contains(job) || !job->retry(stepId))
        return false;
    m_finishOrder.removeOne(job);
    schedule();
    return true;
}

} // namespace Mcw::Core
