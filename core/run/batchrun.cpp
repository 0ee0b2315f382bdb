// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchrun.h"

#include <core/bundle/provenance.h>
#include <core/run/conversionjob.h>
#include <core/run/jobpool.h>

namespace Mcw::Core {

BatchRun::BatchRun(ConversionSession *session, QList<Item> items, ConversionSession::RunOptions options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_items(std::move(items))
    , m_options(std::move(options))
{}

void BatchRun::start()
{
    m_connections << connect(m_session, &ConversionSession::runStarted, this, [this](ConversionJob *job) {
        const int index = m_next - 1;
        m_jobs.insert(index, job);
        emit itemChanged(index);
        startNext();
    });
    m_connections << connect(m_session, &ConversionSession::runNotStarted, this, [this](const Error &error) {
        const int index = m_next - 1;
        m_notStarted.insert(index, error.message);
        emit itemChanged(index);
        startNext();
    });
    JobPool *pool = m_session->pool();
    // Rows and the export read every job of the batch at the end: none may be dropped before.
    pool->setFinishedJobLimit(qMax(pool->finishedJobLimit(), int(m_items.size())));
    m_connections << connect(pool, &JobPool::jobChanged, this, [this](ConversionJob *job) {
        if (const int index = m_jobs.key(job, -1); index >= 0)
            emit itemChanged(index);
    });
    m_connections << connect(pool, &JobPool::jobFinished, this, &BatchRun::onJobFinished);
    startNext();
}

void BatchRun::startNext()
{
    if (m_cancelled || m_next >= m_items.size()) {
        checkFinished();
        return;
    }
    const Item &item = m_items.at(m_next++);
    if (!m_session->startRun(item.project, m_options)) {
        m_notStarted.insert(m_next - 1, tr("Another run was being prepared."));
        QMetaObject::invokeMethod(this, &BatchRun::startNext, Qt::QueuedConnection);
    }
}

void BatchRun::onJobFinished(ConversionJob *job)
{
    const int index = m_jobs.key(job, -1);
    if (index < 0)
        return;
    const JobRecord &record = job->record();
    JobPool *pool = m_session->pool();
    const bool anotherEngine = std::any_of(pool->engines().cbegin(), pool->engines().cend(),
                                           [](const JobPool::Engine &e) { return !e.down; });
    if (!m_cancelled && record.state == JobState::Failed && anotherEngine && m_retries.value(index) < m_maxRetries) {
        for (const StepRecord &s : record.steps) {
            const bool lostEngine = std::any_of(s.diagnostics.cbegin(), s.diagnostics.cend(), [](const Diagnostic &d) {
                return d.code == QLatin1String("engine_down");
            });
            if (s.state == StepState::Failed && lostEngine) {
                m_retries[index] += 1;
                const QString engine = s.engine;
                const QString title = s.title;
                const QString stepId = s.id;
                // After the pool marked the engine down (same signal, connected first). By
                // pointer: projects started in the same second have run folders of one name.
                QMetaObject::invokeMethod(this, [this, pool, job, stepId, index, title, engine] {
                    if (pool->retry(job, stepId))
                        emit retrying(index, title, engine);
                    else
                        checkFinished();
                }, Qt::QueuedConnection);
                return;
            }
        }
    }
    Row finished;
    describeJob(record, finished, true);
    m_minCosine.insert(index, finished.minCosine);
    emit itemChanged(index);
    checkFinished();
}

void BatchRun::cancel()
{
    m_cancelled = true;
    m_session->cancelAll();
    checkFinished();
}

void BatchRun::checkFinished()
{
    if (m_finished || m_session->isPreparing())
        return;
    if (m_next < m_items.size() && !m_cancelled)
        return;
    for (int i = 0; i < m_next; ++i) {
        const ConversionJob *job = m_jobs.value(i);
        if (!job && !m_notStarted.contains(i))
            return; // still being prepared
        if (job && (job->state() == JobState::Queued || job->state() == JobState::Running))
            return;
    }
    m_finished = true;
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    emit finished();
}

/** A `pulsar2 build` step of a MaixCAM2 run ("build_npu", "build_vnpu"). */
static bool isPulsar2Build(const QString &stepId)
{
    return stepId.startsWith(QLatin1String("build_"));
}

void BatchRun::describeJob(const JobRecord &job, Row &row, bool readLogs)
{
    row.status = jobStateName(job.state);
    row.jobDirectory = job.directory;
    QDateTime first;
    QDateTime last;
    for (const StepRecord &s : job.steps) {
        if (s.startedAt.isValid() && (!first.isValid() || s.startedAt < first))
            first = s.startedAt;
        if (s.finishedAt.isValid() && (!last.isValid() || s.finishedAt > last))
            last = s.finishedAt;
        if (!s.engine.isEmpty() && !row.engines.contains(s.engine))
            row.engines.append(s.engine);
        for (const OutputFile &f : s.outputs) {
            // MaixCAM's deployed cvimodel, or MaixCAM2's first axmodel (model_npu when built).
            const bool deployed = f.path.endsWith(QLatin1String(".cvimodel")) && s.id.startsWith(QLatin1String("deploy"));
            const bool built = f.path.endsWith(QLatin1String(".axmodel")) && isPulsar2Build(s.id);
            if ((deployed || built) && (row.cvimodelBytes < 0 || deployed))
                row.cvimodelBytes = f.size;
        }
        if ((s.state == StepState::Failed || s.state == StepState::Cancelled) && row.message.isEmpty())
            row.message = s.diagnostics.isEmpty() ? s.errorMessage : s.diagnostics.first().message;
    }
    row.elapsedMs = first.isValid() && last.isValid() ? first.msecsTo(last) : 0;
    if (!readLogs)
        return;
    for (const Provenance::Step &s : Provenance::stepsFromJob(job)) {
        if ((s.id.startsWith(QLatin1String("deploy")) || isPulsar2Build(s.id)) && !std::isnan(s.minCosine))
            row.minCosine = std::isnan(row.minCosine) ? s.minCosine : std::min(row.minCosine, s.minCosine);
    }
}

BatchRun::Row BatchRun::row(int index) const
{
    Row row;
    const Item &item = m_items.at(index);
    row.project = item.project.name;
    row.projectPath = item.projectPath;
    row.retries = m_retries.value(index);
    if (const ConversionJob *job = m_jobs.value(index)) {
        // Rows are asked for on every progress change; the logs are read once per finished job.
        describeJob(job->record(), row, false);
        row.minCosine = m_minCosine.value(index, std::nan(""));
    } else if (m_notStarted.contains(index)) {
        row.status = QStringLiteral("not started");
        row.message = m_notStarted.value(index);
    } else {
        row.status = QStringLiteral("waiting");
    }
    return row;
}

QList<BatchRun::Row> BatchRun::rows() const
{
    QList<Row> out;
    for (int i = 0; i < m_items.size(); ++i)
        out.append(row(i));
    return out;
}

} // namespace Mcw::Core
