// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/logparser.h>
#include <core/run/jobrecord.h>
#include <core/run/steplog.h>
#include <core/run/stepprogress.h>
#include <core/toolchain/toolcapabilities.h>

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Mcw::Core {

class StepRunner;
class ToolchainBackend;

/**
 * Runs one job's steps one after another in the job folder, in dependency order: a step starts
 * when all its dependencies succeeded and is skipped when one failed or was cancelled. Each
 * step goes through the backend, gets a timeout, streams its log to `logs/<step>-<attempt>.log`
 * and records exit code, timestamps, the command that ran and the files it wrote (with
 * SHA-256). The tpu-mlir LogParser reads every line: its version, and on failure its
 * classification (similarity below tolerance, unsupported op, tpuc-opt crash, …) becomes the
 * step's Diagnostic. job.json is rewritten after every transition. No threads: QProcess
 * signals drive it; only output hashing runs on the thread pool (runInBackground).
 */
class ConversionJob : public QObject
{
    Q_OBJECT

public:
    /**
     * Explains a failed step from its saved log; nullopt = no opinion. When set it is asked
     * first; otherwise (or on nullopt) the built-in LogParser classification is used.
     */
    using FailureClassifier = std::function<std::optional<Diagnostic>(const StepRecord &step, const QString &logPath)>;

    explicit ConversionJob(JobRecord record, QObject *parent = nullptr);
    ~ConversionJob() override;

    void setBackend(std::shared_ptr<const ToolchainBackend> backend) { m_backend = std::move(backend); }
    void setCapabilities(const ToolCapabilities &caps) { m_caps = caps; }
    void setStepTimeout(qint64 ms) { m_stepTimeoutMs = ms; }
    void setKillGracePeriod(qint64 ms) { m_graceMs = ms; }
    void setFailureClassifier(FailureClassifier classifier) { m_classifier = std::move(classifier); }

    const JobRecord &record() const { return m_record; }
    QString id() const { return m_record.id; }
    JobState state() const { return m_record.state; }
    bool isRunning() const { return m_record.state == JobState::Running; }
    /** Process group of the running step's process (0 when none). */
    qint64 runningProcessGroup() const;
    /** The backend (engine) this job's steps go to; the pool may change it between attempts. */
    const std::shared_ptr<const ToolchainBackend> &backend() const { return m_backend; }
    /** Index of the running step, else -1. */
    int runningStep() const { return m_current; }

    /** Queued → Running; steps start on the next event-loop turn. */
    void start();
    /** Stops the running step (whole process group / container) and cancels the rest. */
    void cancel();
    /**
     * Resets \a stepId, its dependants and every step that never completed to pending and
     * queues the job again; false when running or the step is unknown.
     */
    bool retry(const QString &stepId);

signals:
    void changed();
    void stepStarted(const QString &stepId);
    /** \a overwrite: a `\r` redraw (tqdm) that the stream's next line replaces. */
    void outputLine(const QString &stepId, Mcw::Core::OutputStream stream, const QString &line, bool overwrite);
    void finished();

private:
    void runNext();
    void startStep(int index);
    void onStepFinished();
    void completeStep(int index);
    void finishJob();
    void save();
    QHash<QString, QPair<qint64, qint64>> snapshot() const;

    JobRecord m_record;
    std::shared_ptr<const ToolchainBackend> m_backend;
    ToolCapabilities m_caps;
    std::unique_ptr<LogParser> m_parser; // tpu-mlir console parser of the running step
    FailureClassifier m_classifier;
    std::unique_ptr<StepRunner> m_runner;
    std::unique_ptr<StepProgress> m_progress;
    QHash<QString, QPair<qint64, qint64>> m_before; // relative path → (mtime ms, size) before the step
    qint64 m_stepTimeoutMs = 0;
    qint64 m_graceMs = 3000;
    int m_current = -1;
    bool m_cancelRequested = false;
    bool m_hashing = false;
};

} // namespace Mcw::Core
