// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversionjob.h"

#include <core/backgroundtask.h>
#include <core/atomicfile.h>
#include <core/logs/pulsar2failure.h>
#include <core/run/steplog.h>
#include <core/run/steprunner.h>
#include <core/run/toolchainbackend.h>
#include <core/sha256.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFutureWatcher>
#include <QRegularExpression>

namespace Mcw::Core {

static constexpr qint64 SyncHashLimit = 1 << 20;

ConversionJob::ConversionJob(JobRecord record, QObject *parent)
    : QObject(parent)
    , m_record(std::move(record))
{}

ConversionJob::~ConversionJob() = default;

qint64 ConversionJob::runningProcessGroup() const
{
    return m_runner && m_runner->isRunning() ? m_runner->processGroupId() : 0;
}

void ConversionJob::save()
{
    // A failed write must not stop the run; the next transition tries again.
    m_record.save();
}

void ConversionJob::start()
{
    if (m_record.state != JobState::Queued)
        return;
    m_cancelRequested = false;
    m_record.state = JobState::Running;
    save();
    emit changed();
    QMetaObject::invokeMethod(this, &ConversionJob::runNext, Qt::QueuedConnection);
}

void ConversionJob::cancel()
{
    if (m_record.state != JobState::Running && m_record.state != JobState::Queued)
        return;
    m_cancelRequested = true;
    if (m_runner && m_runner->isRunning()) {
        m_runner->cancel();
        return;
    }
    if (!m_hashing && m_current < 0)
        runNext(); // queued or between steps: finish as cancelled right away
}

bool ConversionJob::retry(const QString &stepId)
{
    if (m_record.state == JobState::Running || m_hashing)
        return false;
    const int index = m_record.stepIndex(stepId);
    if (index < 0)
        return false;
    const QStringList reset = QStringList{stepId} + m_record.dependantsOf(stepId);
    for (StepRecord &s : m_record.steps) {
        const bool incomplete = s.state == StepState::Cancelled || s.state == StepState::Skipped
                                || s.state == StepState::Pending;
        if (reset.contains(s.id) || incomplete) {
            s.state = StepState::Pending;
            s.progress = 0.0;
            s.stage.clear();
            s.errorMessage.clear();
            s.diagnostics.clear();
        }
    }
    m_record.state = JobState::Queued;
    m_cancelRequested = false;
    save();
    emit changed();
    return true;
}

void ConversionJob::runNext()
{
    if (m_record.state != JobState::Running && m_record.state != JobState::Queued)
        return;
    if (m_cancelRequested) {
        for (StepRecord &s : m_record.steps) {
            if (s.state == StepState::Pending) {
                s.state = StepState::Cancelled;
                s.errorMessage = tr("Cancelled before it started.");
            }
        }
        finishJob();
        return;
    }
    for (int i = 0; i < m_record.steps.size(); ++i) {
        StepRecord &s = m_record.steps[i];
        if (s.state != StepState::Pending)
            continue;
        QString blocker;
        bool ready = true;
        for (const QString &d : std::as_const(s.dependsOn)) {
            const int di = m_record.stepIndex(d);
            const StepState ds = m_record.steps.at(di).state;
            if (ds == StepState::Failed || ds == StepState::Cancelled || ds == StepState::Skipped)
                blocker = m_record.steps.at(di).title;
            else if (ds != StepState::Succeeded)
                ready = false;
        }
        if (!blocker.isEmpty()) {
            s.state = StepState::Skipped;
            s.errorMessage = tr("Skipped because %1 did not succeed.").arg(blocker);
            continue;
        }
        if (ready) {
            startStep(i);
            return;
        }
    }
    finishJob();
}

static QString runTagFor(const JobRecord &job, const StepRecord &step)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]+"));
    // Run folders of two projects started in the same second share their name (the job id);
    // their containers on one engine must not.
    const QString folder = QString::fromLatin1(
        QCryptographicHash::hash(job.directory.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    QString tag = QStringLiteral("%1-%2-%3-%4").arg(job.id, folder, step.id).arg(step.attempts);
    tag.replace(unsafe, QStringLiteral("_"));
    return tag;
}

void ConversionJob::startStep(int index)
{
    m_current = index;
    StepRecord &step = m_record.steps[index];
    step.attempts += 1;
    step.state = StepState::Running;
    step.startedAt = QDateTime::currentDateTimeUtc();
    step.finishedAt = {};
    step.exitCode = -1;
    step.errorMessage.clear();
    step.diagnostics.clear();
    step.outputs.clear();
    step.progress = 0.0;
    step.stage.clear();
    step.droppedFlags.clear();
    step.reusedFrom.clear();
    step.logFile = QStringLiteral("logs/%1-%2.log").arg(step.id).arg(step.attempts);
    QDir(m_record.directory).mkpath(QStringLiteral("logs"));

    ToolInvocation tool = m_caps.filtered(step.invocation, &step.droppedFlags);
    if (tool.workingDirectory.isEmpty())
        tool.workingDirectory = m_record.directory;
    const QString toolName = toolDisplayName(tool.program);
    if (!m_backend) {
        step.state = StepState::Failed;
        step.errorMessage = tr("No toolchain backend is configured.");
        completeStep(index);
        return;
    }
    const QString tag = runTagFor(m_record, step);
    step.engine = m_backend->engineName();
    step.transfer = m_backend->transferName();
    auto plan = m_backend->plan(tool, tag);
    if (!plan) {
        step.state = StepState::Failed;
        step.errorMessage = plan.error().message;
        completeStep(index);
        return;
    }
    for (const StepPlan::Phase &phase : std::as_const(plan->phases)) {
        if (phase.main)
            step.executedCommand = QStringList{phase.invocation.program} + phase.invocation.arguments;
    }
    m_before = snapshot();
    m_progress = std::make_unique<StepProgress>(tool.program);
    const ToolStage initial = toolName == QLatin1String("model_transform")   ? ToolStage::Transform
                              : toolName == QLatin1String("run_calibration") ? ToolStage::Calibration
                                                                             : ToolStage::Unknown;
    m_parser = std::make_unique<LogParser>(initial);
    m_runner = std::make_unique<StepRunner>(m_backend);
    m_runner->setDisplayName(toolName);
    m_runner->setTimeout(m_stepTimeoutMs);
    m_runner->setKillGracePeriod(m_graceMs);
    m_runner->setLogFile(QDir(m_record.directory).filePath(step.logFile));
    m_runner->setRunFolder(m_record.directory);
    m_runner->setCancelInvocations(m_backend->terminateInvocations(tool, tag), m_backend->killInvocations(tool, tag));
    const QString stepId = step.id;
    connect(m_runner.get(), &StepRunner::phaseStarted, this, [this](const QString &title) {
        if (m_current < 0)
            return;
        m_record.steps[m_current].stage = title;
        emit changed();
    });
    connect(m_runner.get(), &StepRunner::lineReceived, this,
            [this, stepId](OutputStream stream, const QString &line, bool overwrite) {
                for (const LogEvent &e : m_parser ? m_parser->feedLine(line) : QList<LogEvent>()) {
                    if (e.kind == LogEvent::Kind::Version && m_record.toolVersion.isEmpty())
                        m_record.toolVersion = e.version;
                }
                if (m_progress && m_current >= 0 && m_progress->feed(stream, line)) {
                    StepRecord &s = m_record.steps[m_current];
                    s.progress = m_progress->fraction();
                    s.stage = m_progress->stage();
                    emit changed();
                }
                emit outputLine(stepId, stream, line, overwrite);
            });
    connect(m_runner.get(), &StepRunner::finished, this, &ConversionJob::onStepFinished);
    m_runner->start(*plan);
    save();
    emit stepStarted(stepId);
    emit changed();
}

/** Pulsar2's failure from the step log (its own classes, not tpu-mlir's). */
static std::optional<Diagnostic> classifyPulsar2(const QString &logPath, int exitCode)
{
    const auto log = readStepLog(logPath);
    if (!log)
        return std::nullopt;
    QStringList lines;
    for (const StepLogLine &l : *log)
        lines.append(l.text);
    return Pulsar2Failure::classify(lines, exitCode);
}

void ConversionJob::onStepFinished()
{
    const int index = m_current;
    StepRecord &step = m_record.steps[index];
    const ProcessOutcome outcome = m_runner->outcome();
    const std::optional<Error> phaseError = m_runner->phaseError();
    const bool engineDown = m_runner->engineDown();
    const QString engineDownReason = m_runner->engineDownReason();
    m_runner.release()->deleteLater();
    step.exitCode = outcome.exitCode;
    step.stage.clear();
    const QString toolName = toolDisplayName(step.invocation.program);
    if (engineDown || (phaseError && outcome.kind != ProcessOutcome::Kind::Cancelled)) {
        // The engine went away, or the files did not make it there or back: not the tool's fault.
        step.state = StepState::Failed;
        Diagnostic d;
        d.stage = step.id;
        if (engineDown) {
            d.code = QStringLiteral("engine_down");
            d.message = tr("Docker engine '%1' stopped answering during %2 (%3); retry the step to run it on "
                           "another engine.")
                            .arg(step.engine, toolName, engineDownReason);
        } else {
            d.code = QStringLiteral("transfer_failed");
            d.message = phaseError->message;
        }
        if (phaseError)
            d.details = phaseError->details.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        step.errorMessage = d.message;
        step.diagnostics.append(d);
    } else if (outcome.succeeded()) {
        step.state = StepState::Succeeded;
        step.progress = 1.0;
        step.stage.clear();
        if (!step.stdoutFile.isEmpty()) {
            // A tool that prints its product (model_tool --info): the stdout it wrote is the file.
            const QString log = rawStreamPath(QDir(m_record.directory).filePath(step.logFile), OutputStream::Stdout);
            const QString target = QDir(m_record.directory).filePath(step.stdoutFile);
            const Expected<void> kept = [&]() -> Expected<void> {
                const auto bytes = readWholeFile(log, 64 << 20);
                if (!bytes)
                    return Unexpected(bytes.error());
                return writeFileAtomically(target, *bytes);
            }();
            if (!kept) {
                step.state = StepState::Failed;
                step.errorMessage = kept.error().message;
            }
        }
    } else {
        step.state = outcome.kind == ProcessOutcome::Kind::Cancelled ? StepState::Cancelled : StepState::Failed;
        const Error error = m_backend->interpretFailure(outcome, toolName);
        step.errorMessage = error.message;
        // Docker's own failures (daemon, image, …) mean the tool never ran: keep that sentence.
        const bool backendFailure = error.message != describeOutcome(outcome, toolName).message;
        std::optional<Diagnostic> classified;
        const bool toolEnded = outcome.kind == ProcessOutcome::Kind::Exited || outcome.kind == ProcessOutcome::Kind::Crashed;
        if (!backendFailure && toolEnded && m_classifier)
            classified = m_classifier(step, QDir(m_record.directory).filePath(step.logFile));
        if (!classified && !backendFailure && toolEnded && toolName == QLatin1String("pulsar2"))
            classified = classifyPulsar2(QDir(m_record.directory).filePath(step.logFile), outcome.exitCode);
        if (!classified && !backendFailure && toolEnded) {
            for (const LogEvent &e : m_parser->finish(outcome.exitCode, outcome.kind == ProcessOutcome::Kind::Crashed)) {
                if (e.kind == LogEvent::Kind::Diagnostic && e.diagnostic.code != QLatin1String("tool_failed"))
                    classified = e.diagnostic;
            }
        }
        if (classified) {
            if (classified->stage.isEmpty() || classified->stage == QLatin1String("unknown"))
                classified->stage = step.id;
            step.diagnostics.append(*classified);
            step.errorMessage = classified->message;
        } else if (step.state == StepState::Failed) {
            Diagnostic d;
            d.stage = step.id;
            d.code = outcome.kind == ProcessOutcome::Kind::TimedOut ? QStringLiteral("timeout")
                     : (outcome.exitCode == 137 || (outcome.kind == ProcessOutcome::Kind::Crashed && outcome.exitCode == 9))
                         ? QStringLiteral("killed")
                         : QStringLiteral("tool_failed");
            d.message = error.message;
            d.details = error.details.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            step.diagnostics.append(d);
        }
    }
    completeStep(index);
}

void ConversionJob::completeStep(int index)
{
    StepRecord &step = m_record.steps[index];
    step.finishedAt = QDateTime::currentDateTimeUtc();
    if (!step.startedAt.isValid())
        step.startedAt = step.finishedAt;
    if (step.state == StepState::Failed && step.diagnostics.isEmpty()) {
        Diagnostic d;
        d.stage = step.id;
        d.code = QStringLiteral("not_started");
        d.message = step.errorMessage;
        step.diagnostics.append(d);
    }
    // Files written or changed by the step; hashing may take a while for big weights.
    const QHash<QString, QPair<qint64, qint64>> after = snapshot();
    QStringList changedFiles;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (m_before.value(it.key(), {-1, -1}) != it.value())
            changedFiles.append(it.key());
    }
    changedFiles.sort();
    m_before.clear();
    const QString dir = m_record.directory;
    auto hashAll = [dir, changedFiles] {
        QList<OutputFile> outputs;
        for (const QString &rel : changedFiles) {
            const QString path = QDir(dir).filePath(rel);
            outputs.append(OutputFile{rel, QFileInfo(path).size(), sha256OfFile(path).value_or(QString())});
        }
        return outputs;
    };
    auto done = [this, index](const QList<OutputFile> &outputs) {
        m_record.steps[index].outputs = outputs;
        m_hashing = false;
        m_current = -1;
        save();
        emit changed();
        runNext();
    };
    qint64 bytes = 0;
    for (const QString &rel : std::as_const(changedFiles))
        bytes += QFileInfo(QDir(dir).filePath(rel)).size();
    m_hashing = true;
    // Small outputs (calibration tables, logs of failed steps) are hashed in place: a thread
    // hop would cost more than the hash. Weights and models go to the thread pool.
    if (bytes < SyncHashLimit) {
        done(hashAll());
        return;
    }
    auto *watcher = new QFutureWatcher<QList<OutputFile>>(this);
    connect(watcher, &QFutureWatcher<QList<OutputFile>>::finished, this, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(runInBackground(hashAll));
}

void ConversionJob::finishJob()
{
    bool failed = false;
    bool cancelled = false;
    for (const StepRecord &s : std::as_const(m_record.steps)) {
        failed = failed || s.state == StepState::Failed;
        cancelled = cancelled || s.state == StepState::Cancelled;
    }
    m_record.state = failed ? JobState::Failed : cancelled ? JobState::Cancelled : JobState::Succeeded;
    m_current = -1;
    // The pool keeps finished jobs for the Jobs panel: only their record, not the last step's
    // parser and progress state (a retry makes new ones).
    m_parser.reset();
    m_progress.reset();
    save();
    emit changed();
    emit finished();
}

QHash<QString, QPair<qint64, qint64>> ConversionJob::snapshot() const
{
    QHash<QString, QPair<qint64, qint64>> files;
    const QDir root(m_record.directory);
    QDirIterator it(m_record.directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString rel = root.relativeFilePath(it.filePath());
        if (rel.startsWith(QLatin1String("logs/")) || rel == QLatin1String("job.json")
            || rel.startsWith(QLatin1String(".mcw-")))
            continue;
        const QFileInfo info = it.fileInfo();
        files.insert(rel, {info.lastModified().toMSecsSinceEpoch(), info.size()});
    }
    return files;
}

} // namespace Mcw::Core
