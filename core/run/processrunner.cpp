// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "processrunner.h"

#include <core/run/leftoverprocesses.h>
#include <core/run/processguard.h>
#include <core/run/processstat.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace Mcw::Core {

static constexpr int TailLines = 40;
static constexpr qint64 ReapPollMs = 20;
static constexpr qint64 ReapLimitMs = 2000;

static void appendTail(QStringList &tail, const QString &line)
{
    tail.append(line);
    if (tail.size() > TailLines)
        tail.removeFirst();
}

bool ProcessRunner::isProcessGroupAlive(qint64 pgid)
{
    if (pgid <= 0)
        return false;
#ifdef Q_OS_LINUX
    // kill(-pgid, 0) also counts zombies that nobody reaped yet (e.g. when PID 1 of a sandbox
    // does not reap), so look at the state in /proc/<pid>/stat instead.
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QList<QByteArray> fields = liveProcessStat(pid);
        if (fields.size() >= 3 && fields.at(2).toLongLong() == pgid)
            return true;
    }
    return false;
#else
    return ::kill(pid_t(-pgid), 0) == 0 || errno == EPERM;
#endif
}

ProcessRunner::ProcessRunner(QObject *parent)
    : QObject(parent)
{
    m_timeoutTimer.setSingleShot(true);
    m_graceTimer.setSingleShot(true);
    m_reapTimer.setInterval(int(ReapPollMs));
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] { stopGroup(ProcessOutcome::Kind::TimedOut); });
    connect(&m_graceTimer, &QTimer::timeout, this, &ProcessRunner::onGraceExpired);
    connect(&m_reapTimer, &QTimer::timeout, this, [this] {
        if (!isProcessGroupAlive(m_pgid) || m_reapClock.elapsed() > ReapLimitMs) {
            m_reapTimer.stop();
            finish();
        }
    });
}

ProcessRunner::~ProcessRunner()
{
    if (m_running && m_process) {
        m_process->disconnect(this);
        if (m_pgid > 0)
            ::kill(pid_t(-m_pgid), SIGKILL);
        runDetached(m_killInvocations);
    }
}

void ProcessRunner::setCancelInvocations(const QList<ToolInvocation> &terminate,
                                         const QList<ToolInvocation> &kill)
{
    m_terminateInvocations = terminate;
    m_killInvocations = kill;
}

QString ProcessRunner::displayName() const
{
    return m_displayName.isEmpty() ? QFileInfo(m_program).fileName() : m_displayName;
}

bool ProcessRunner::start(const ToolInvocation &invocation)
{
    if (m_running)
        return false;
    m_running = true;
    m_stopping = false;
    m_childExited = false;
    m_killSent = false;
    m_pgid = 0;
    m_outcome = ProcessOutcome{};
    m_outcome.timeoutMs = m_timeoutMs;
    m_program = invocation.program;
    m_out.splitter = LineSplitter();
    m_err.splitter = LineSplitter();

    if (!m_logPath.isEmpty()) {
        m_log.setFileName(m_logPath);
        m_log.open(QIODevice::WriteOnly | QIODevice::Truncate);
        m_out.raw.setFileName(rawStreamPath(m_logPath, OutputStream::Stdout));
        m_out.raw.open(QIODevice::WriteOnly | QIODevice::Truncate);
        m_err.raw.setFileName(rawStreamPath(m_logPath, OutputStream::Stderr));
        m_err.raw.open(QIODevice::WriteOnly | QIODevice::Truncate);
    }
    writeMeta(QStringLiteral("$ ") + invocation.toUserOutput());
    if (!invocation.workingDirectory.isEmpty())
        writeMeta(QStringLiteral("cwd: ") + invocation.workingDirectory);

    // The guard takes the tool's whole group and container down when this process dies.
    const pid_t parent = ::getpid();
    const ToolInvocation launched = ProcessGuard::wrap(invocation, m_killInvocations, parent).value_or(invocation);
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(launched.program);
    m_process->setArguments(launched.arguments);
    m_process->setWorkingDirectory(invocation.workingDirectory);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = invocation.environment.cbegin(); it != invocation.environment.cend(); ++it)
        env.insert(it.key(), it.value());
    if (!m_runFolder.isEmpty())
        env = LeftoverProcesses::marked(env, m_runFolder);
    m_process->setProcessEnvironment(env);
    if (!m_stdinFile.isEmpty())
        m_process->setStandardInputFile(m_stdinFile);
    if (!m_stdoutFile.isEmpty())
        m_process->setStandardOutputFile(m_stdoutFile);
    // Own session and process group: cancel reaches python's children (tpuc-opt, npz_tool).
    // The tool also dies with us: a workbench killed with SIGKILL (or crashed) must not leave
    // it writing into a run that reopens as interrupted. Runners live on the thread that
    // started them (the GUI's or CLI's main thread), whose end is the process's end. A
    // guarded tool hands this over to the guard's watcher, which takes the whole group.
    m_process->setChildProcessModifier([parent] {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) // died before prctl took effect
            ::_exit(127);
    });

    connect(m_process.get(), &QProcess::readyReadStandardOutput, this,
            [this] { readStream(OutputStream::Stdout); });
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            [this] { readStream(OutputStream::Stderr); });
    connect(m_process.get(), &QProcess::started, this, [this] {
        m_pgid = m_process->processId();
        if (m_stopping) // cancelled while starting
            ::kill(pid_t(-m_pgid), SIGTERM);
        emit started(m_pgid);
    });
    connect(m_process.get(), &QProcess::finished, this, &ProcessRunner::onProcessFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, &ProcessRunner::onErrorOccurred);

    m_clock.start();
    if (m_timeoutMs > 0)
        m_timeoutTimer.start(int(qMin<qint64>(m_timeoutMs, std::numeric_limits<int>::max())));
    m_process->start();
    return true;
}

void ProcessRunner::cancel()
{
    stopGroup(ProcessOutcome::Kind::Cancelled);
}

Expected<int> ProcessRunner::result() const
{
    if (m_outcome.succeeded())
        return 0;
    return Unexpected(describeOutcome(m_outcome, displayName()));
}

void ProcessRunner::readStream(OutputStream stream)
{
    if (!m_process)
        return;
    const QByteArray chunk = stream == OutputStream::Stdout ? m_process->readAllStandardOutput()
                                                            : m_process->readAllStandardError();
    if (chunk.isEmpty())
        return;
    StreamState &state = stream == OutputStream::Stdout ? m_out : m_err;
    if (state.raw.isOpen())
        state.raw.write(chunk);
    emitLines(stream, state.splitter.feed(chunk));
    if (m_log.isOpen())
        m_log.flush();
    if (state.raw.isOpen())
        state.raw.flush();
}

void ProcessRunner::emitLines(OutputStream stream, const QList<LineSplitter::Line> &lines)
{
    for (const LineSplitter::Line &line : lines) {
        // A tqdm redraw starts with '\r': the empty "line" before it carries nothing.
        if (line.overwrite && line.text.isEmpty())
            continue;
        if (m_log.isOpen())
            m_log.write(formatStepLogLine(stream, line.text, line.overwrite));
        appendTail(stream == OutputStream::Stderr ? m_outcome.stderrTail : m_outcome.stdoutTail, line.text);
        emit lineReceived(stream, line.text, line.overwrite);
    }
}

void ProcessRunner::writeMeta(const QString &text)
{
    if (m_log.isOpen()) {
        m_log.write(formatStepLogLine(OutputStream::Meta, text));
        m_log.flush();
    }
}

static void startDetached(const QList<ToolInvocation> &invocations)
{
    for (const ToolInvocation &inv : invocations) {
        QProcess helper;
        helper.setProgram(inv.program);
        helper.setArguments(inv.arguments);
        helper.setWorkingDirectory(inv.workingDirectory);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = inv.environment.cbegin(); it != inv.environment.cend(); ++it)
            env.insert(it.key(), it.value());
        helper.setProcessEnvironment(env);
        helper.setStandardOutputFile(QProcess::nullDevice());
        helper.setStandardErrorFile(QProcess::nullDevice());
        helper.startDetached();
    }
}

void ProcessRunner::runDetached(const QList<ToolInvocation> &invocations)
{
    for (const ToolInvocation &inv : invocations)
        writeMeta(QStringLiteral("$ ") + inv.toUserOutput());
    startDetached(invocations);
}

void ProcessRunner::stopGroup(ProcessOutcome::Kind why)
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    m_stopReason = why;
    m_timeoutTimer.stop();
    writeMeta(why == ProcessOutcome::Kind::TimedOut
                  ? QStringLiteral("timeout after %1, stopping").arg(formatDuration(m_timeoutMs))
                  : QStringLiteral("cancelled, stopping"));
    runDetached(m_terminateInvocations);
    if (m_pgid > 0)
        ::kill(pid_t(-m_pgid), SIGTERM);
    m_graceTimer.start(int(m_graceMs));
}

void ProcessRunner::onGraceExpired()
{
    m_killSent = true;
    runDetached(m_killInvocations);
    if (m_pgid > 0)
        ::kill(pid_t(-m_pgid), SIGKILL);
    else if (m_process)
        m_process->kill();
    if (m_childExited)
        waitForGroupThenFinish();
}

void ProcessRunner::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_running)
        return;
    m_outcome.kind = ProcessOutcome::Kind::FailedToStart;
    m_outcome.startError = m_process->errorString();
    m_childExited = true;
    m_graceTimer.stop();
    // Listeners connect after start(): report on the next event-loop turn.
    QMetaObject::invokeMethod(this, &ProcessRunner::finish, Qt::QueuedConnection);
}

void ProcessRunner::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    readStream(OutputStream::Stdout);
    readStream(OutputStream::Stderr);
    emitLines(OutputStream::Stdout, m_out.splitter.flush());
    emitLines(OutputStream::Stderr, m_err.splitter.flush());
    m_childExited = true;
    m_timeoutTimer.stop();
    if (m_stopping) {
        m_outcome.kind = m_stopReason;
        m_outcome.exitCode = exitCode;
        if (!m_killSent && isProcessGroupAlive(m_pgid))
            return; // onGraceExpired() kills what is left
        if (m_killSent) {
            waitForGroupThenFinish();
            return;
        }
        m_graceTimer.stop();
        finish();
        return;
    }
    m_outcome.kind = status == QProcess::CrashExit ? ProcessOutcome::Kind::Crashed
                                                   : ProcessOutcome::Kind::Exited;
    m_outcome.exitCode = exitCode;
    // A grandchild outliving its parent would keep running unseen: stop it too.
    if (isProcessGroupAlive(m_pgid)) {
        writeMeta(QStringLiteral("stopping processes left behind in group %1").arg(m_pgid));
        ::kill(pid_t(-m_pgid), SIGKILL);
    }
    finish();
}

void ProcessRunner::waitForGroupThenFinish()
{
    if (!isProcessGroupAlive(m_pgid)) {
        finish();
        return;
    }
    m_reapClock.start();
    m_reapTimer.start();
}

void ProcessRunner::finish()
{
    if (!m_running)
        return;
    if (m_stopping && !m_killSent && !m_killInvocations.isEmpty()) {
        // Our group is gone but the tool may live elsewhere (inside a container) and ignore
        // SIGTERM: the kill commands still run when the grace period ends, even if this
        // runner is deleted by then.
        const QList<ToolInvocation> kill = m_killInvocations;
        writeMeta(QStringLiteral("kill commands follow in %1").arg(formatDuration(m_graceMs)));
        QTimer::singleShot(int(m_graceMs), QCoreApplication::instance(), [kill] { startDetached(kill); });
    }
    m_graceTimer.stop();
    m_timeoutTimer.stop();
    m_outcome.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    switch (m_outcome.kind) {
    case ProcessOutcome::Kind::Exited:
        writeMeta(QStringLiteral("exit code %1 after %2").arg(m_outcome.exitCode).arg(formatDuration(m_outcome.elapsedMs)));
        break;
    case ProcessOutcome::Kind::Crashed:
        writeMeta(QStringLiteral("killed by signal %1 after %2").arg(m_outcome.exitCode).arg(formatDuration(m_outcome.elapsedMs)));
        break;
    default:
        writeMeta(describeOutcome(m_outcome, displayName()).message);
        break;
    }
    m_log.close();
    m_out.raw.close();
    m_err.raw.close();
    m_running = false;
    if (m_process) {
        m_process->disconnect(this);
        // Deleting a QProcess from its own signal handler is unsafe: defer it.
        m_process.release()->deleteLater();
    }
    emit finished();
}

} // namespace Mcw::Core
