// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "steprunner.h"

#include <core/backgroundtask.h>
#include <core/run/processrunner.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Mcw::Core {

static constexpr qint64 HealthCheckTimeoutMs = 15000;
static constexpr qint64 CleanupTimeoutMs = 60000;

StepRunner::StepRunner(std::shared_ptr<const ToolchainBackend> backend, QObject *parent)
    : QObject(parent)
    , m_backend(std::move(backend))
{
    connect(&m_packWatcher, &QFutureWatcherBase::finished, this, [this] {
        const auto packed = m_packWatcher.result();
        if (packed)
            m_manifest = *packed;
        phaseDone(bool(packed), packed ? QString() : packed.error().message);
    });
    connect(&m_unpackWatcher, &QFutureWatcherBase::finished, this, [this] {
        const auto unpacked = m_unpackWatcher.result();
        phaseDone(bool(unpacked), unpacked ? QString() : unpacked.error().message);
    });
}

StepRunner::~StepRunner()
{
    // A transfer thread must not outlive the files it works on being removed.
    m_packWatcher.waitForFinished();
    m_unpackWatcher.waitForFinished();
}

void StepRunner::setCancelInvocations(const QList<ToolInvocation> &terminate, const QList<ToolInvocation> &kill)
{
    m_terminate = terminate;
    m_kill = kill;
}

qint64 StepRunner::processGroupId() const
{
    return m_runner && m_runner->isRunning() ? m_runner->processGroupId() : 0;
}

void StepRunner::start(const StepPlan &plan)
{
    m_plan = plan;
    m_index = -1;
    m_running = true;
    m_cancelled = m_mainRan = m_failed = m_engineDown = false;
    m_phaseError.reset();
    m_engineDownReason.clear();
    m_outcome = ProcessOutcome{};
    m_outcome.kind = ProcessOutcome::Kind::FailedToStart;
    runPhase();
}

void StepRunner::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (!m_mainRan)
        m_outcome.kind = ProcessOutcome::Kind::Cancelled;
    if (m_runner && m_runner->isRunning())
        m_runner->cancel();
    // A transfer thread finishes its file and phaseDone() goes on to the cleanup.
}

void StepRunner::runPhase()
{
    while (++m_index < m_plan.phases.size()) {
        const StepPlan::Phase &phase = m_plan.phases.at(m_index);
        const bool stopped = m_failed || m_cancelled;
        if (stopped && !phase.cleanup)
            continue;
        if (phase.afterExit && !(m_mainRan && m_outcome.kind == ProcessOutcome::Kind::Exited))
            continue;
        if (!phase.title.isEmpty())
            emit phaseStarted(phase.title);
        if (phase.kind == StepPlan::Phase::Kind::Command)
            runCommand(phase);
        else
            runTransfer(phase);
        return;
    }
    const bool toolFailed = m_mainRan && !m_outcome.succeeded() && m_outcome.kind != ProcessOutcome::Kind::Cancelled;
    if (!m_cancelled && (toolFailed || m_phaseError) && m_backend && m_backend->healthCheck()) {
        checkHealth();
        return;
    }
    finish();
}

void StepRunner::runCommand(const StepPlan::Phase &phase)
{
    m_runner = std::make_unique<ProcessRunner>();
    m_runner->setKillGracePeriod(m_graceMs);
    // Removing a container takes a second; an engine that hangs must not hold the step for hours.
    m_runner->setTimeout(phase.cleanup ? CleanupTimeoutMs : m_timeoutMs);
    m_runner->setStandardInputFile(phase.stdinFile);
    m_runner->setStandardOutputFile(phase.stdoutFile);
    m_runner->setRunFolder(m_runFolder);
    if (phase.main) {
        m_runner->setDisplayName(m_displayName);
        m_runner->setLogFile(m_logPath);
        m_runner->setCancelInvocations(m_terminate, m_kill);
        connect(m_runner.get(), &ProcessRunner::lineReceived, this, &StepRunner::lineReceived);
    }
    connect(m_runner.get(), &ProcessRunner::finished, this, [this, phase] {
        const ProcessOutcome outcome = m_runner->outcome();
        m_runner.release()->deleteLater();
        if (phase.main) {
            m_outcome = outcome;
            m_mainRan = true;
            phaseDone(true, {});
            return;
        }
        if (outcome.succeeded() || phase.cleanup || outcome.kind == ProcessOutcome::Kind::Cancelled) {
            phaseDone(outcome.succeeded() || phase.cleanup, {});
            return;
        }
        phaseDone(false, m_backend ? m_backend->interpretFailure(outcome, m_displayName).message
                                   : describeOutcome(outcome, m_displayName).message);
    });
    m_runner->start(phase.invocation);
}

void StepRunner::runTransfer(const StepPlan::Phase &phase)
{
    if (phase.kind == StepPlan::Phase::Kind::PackInputs) {
        m_packWatcher.setFuture(runInBackground([phase] {
            return ContainerTransfer::pack(phase.inputs, phase.directory, phase.archive);
        }));
    } else {
        const ContainerTransfer::Manifest manifest = m_manifest;
        m_unpackWatcher.setFuture(runInBackground([phase, manifest] {
            return ContainerTransfer::unpack(phase.archive, phase.directory, manifest);
        }));
    }
}

void StepRunner::phaseDone(bool ok, const QString &failure)
{
    if (!ok && !m_cancelled && !m_failed) {
        m_failed = true;
        const StepPlan::Phase &phase = m_plan.phases.at(m_index);
        QString message = failure;
        if (!phase.title.isEmpty())
            message = QStringLiteral("%1 failed: %2").arg(phase.title, failure);
        m_phaseError = Error::make(Error::Code::Io, message);
        if (!m_mainRan && !m_logPath.isEmpty()) {
            // The tool never started (the engine went away while the files were copied): the
            // attempt's log still says why, so a retried step keeps the story of every attempt.
            QFile log(m_logPath);
            if (log.open(QIODevice::WriteOnly | QIODevice::Append))
                log.write(message.toUtf8() + '\n');
        }
    }
    runPhase();
}

void StepRunner::checkHealth()
{
    m_runner = std::make_unique<ProcessRunner>();
    m_runner->setTimeout(HealthCheckTimeoutMs);
    m_runner->setKillGracePeriod(1000);
    connect(m_runner.get(), &ProcessRunner::finished, this, [this] {
        const ProcessOutcome outcome = m_runner->outcome();
        m_runner.release()->deleteLater();
        if (!outcome.succeeded()) {
            m_engineDown = true;
            const QStringList tail = outcome.stderrTail.isEmpty() ? outcome.stdoutTail : outcome.stderrTail;
            m_engineDownReason = outcome.kind == ProcessOutcome::Kind::TimedOut
                                     ? QStringLiteral("no answer within %1 s").arg(HealthCheckTimeoutMs / 1000)
                                 : tail.isEmpty() ? describeOutcome(outcome, QStringLiteral("docker version")).message
                                                  : tail.last().trimmed();
        }
        finish();
    });
    m_runner->start(*m_backend->healthCheck());
}

void StepRunner::finish()
{
    for (const QString &f : std::as_const(m_plan.scratchFiles)) {
        QFile::remove(f);
        QDir().rmdir(QFileInfo(f).path()); // only when no other step's transfer is under way
    }
    m_running = false;
    emit finished();
}

} // namespace Mcw::Core
