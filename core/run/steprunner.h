// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/run/containertransfer.h>
#include <core/run/processoutcome.h>
#include <core/run/steplog.h>
#include <core/run/toolchainbackend.h>

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>

namespace Mcw::Core {

class ProcessRunner;

/**
 * Runs one step's StepPlan phase by phase: the main phase is the tool (its lines stream out and
 * go to the step log, its outcome is the step's), the others copy files to and from an engine.
 * Cleanup phases (removing the container) run whatever happened before. After a failure it asks
 * the backend's health check whether the engine still answers, so a lost engine is told apart
 * from a failing tool.
 */
class StepRunner : public QObject
{
    Q_OBJECT

public:
    explicit StepRunner(std::shared_ptr<const ToolchainBackend> backend, QObject *parent = nullptr);
    ~StepRunner() override;

    void setDisplayName(const QString &name) { m_displayName = name; }
    void setTimeout(qint64 ms) { m_timeoutMs = ms; }
    void setKillGracePeriod(qint64 ms) { m_graceMs = ms; }
    void setLogFile(const QString &path) { m_logPath = path; }
    /** Every command of the step is marked as working for this run (ProcessRunner::setRunFolder). */
    void setRunFolder(const QString &folder) { m_runFolder = folder; }
    void setCancelInvocations(const QList<ToolInvocation> &terminate, const QList<ToolInvocation> &kill);

    void start(const StepPlan &plan);
    void cancel();

    bool isRunning() const { return m_running; }
    qint64 processGroupId() const;
    /** The tool's outcome; Cancelled/FailedToStart when it never ran. */
    const ProcessOutcome &outcome() const { return m_outcome; }
    /** A failure outside the tool (a transfer, the container's creation), one sentence. */
    const std::optional<Error> &phaseError() const { return m_phaseError; }
    /** The health check failed after the step failed: the engine stopped answering. */
    bool engineDown() const { return m_engineDown; }
    /** What the health check printed when it failed. */
    QString engineDownReason() const { return m_engineDownReason; }

signals:
    void phaseStarted(const QString &title);
    void lineReceived(Mcw::Core::OutputStream stream, const QString &line, bool overwrite);
    void finished();

private:
    void runPhase();
    void phaseDone(bool ok, const QString &failure);
    void runCommand(const StepPlan::Phase &phase);
    void runTransfer(const StepPlan::Phase &phase);
    void checkHealth();
    void finish();

    std::shared_ptr<const ToolchainBackend> m_backend;
    StepPlan m_plan;
    int m_index = -1;
    std::unique_ptr<ProcessRunner> m_runner;
    QFutureWatcher<Expected<ContainerTransfer::Manifest>> m_packWatcher;
    QFutureWatcher<Expected<QStringList>> m_unpackWatcher;
    ContainerTransfer::Manifest m_manifest;
    QList<ToolInvocation> m_terminate;
    QList<ToolInvocation> m_kill;
    QString m_displayName;
    QString m_logPath;
    QString m_runFolder;
    ProcessOutcome m_outcome;
    std::optional<Error> m_phaseError;
    QString m_engineDownReason;
    qint64 m_timeoutMs = 0;
    qint64 m_graceMs = 3000;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_mainRan = false;
    bool m_failed = false;
    bool m_engineDown = false;
};

} // namespace Mcw::Core
