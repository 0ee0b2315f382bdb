// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/linesplitter.h>
#include <core/run/processoutcome.h>
#include <core/run/steplog.h>
#include <core/toolchain/toolinvocation.h>

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <memory>

namespace Mcw::Core {

/**
 * Runs one ToolInvocation asynchronously. The child gets its own session (setsid in the child
 * process modifier) and dies with this process (PR_SET_PDEATHSIG); started through
 * ProcessGuard, so does the rest of its group, and the kill invocations run. Cancel and
 * timeout signal the whole process group: SIGTERM, then SIGKILL after a grace period, and
 * finished() is only emitted once the group is gone or the kill was sent. stdout and stderr
 * are read separately, split into lines on both `\r` and `\n` (tqdm redraws with `\r`),
 * emitted as lineReceived() and written to the log file as they stream. Extra "cancel
 * invocations" let a backend stop what lives outside the group (`docker kill <name>`, a kill
 * inside a container).
 */
class ProcessRunner : public QObject
{
    Q_OBJECT

public:
    explicit ProcessRunner(QObject *parent = nullptr);
    ~ProcessRunner() override;

    /** Name used in messages ("model_transform"); defaults to the program's file name. */
    void setDisplayName(const QString &name) { m_displayName = name; }
    /** 0 = no timeout. */
    void setTimeout(qint64 ms) { m_timeoutMs = ms; }
    void setKillGracePeriod(qint64 ms) { m_graceMs = ms; }
    /**
     * Interleaved tagged log (see steplog.h); the raw streams go to rawStreamPath(). The
     * folder must exist. Empty = no files.
     */
    void setLogFile(const QString &path) { m_logPath = path; }
    /**
     * Marks the processes it starts as working for the run in \a folder, so that reopening
     * that run ends those that outlive this process (LeftoverProcesses). Empty = unmarked.
     */
    void setRunFolder(const QString &folder) { m_runFolder = folder; }
    /** A file fed to the child's stdin (a tar for `docker cp -`); empty = none. */
    void setStandardInputFile(const QString &path) { m_stdinFile = path; }
    /** The child's stdout goes to this file instead of the log (a tar from `docker cp … -`). */
    void setStandardOutputFile(const QString &path) { m_stdoutFile = path; }
    /** Run (fire and forget) at cancel/timeout, and after the grace period, respectively. */
    void setCancelInvocations(const QList<ToolInvocation> &terminate,
                              const QList<ToolInvocation> &kill);

    /** Starts \a invocation; false (and finished() later) when already running. */
    bool start(const ToolInvocation &invocation);
    /** Stops the whole process group; finished() follows with Kind::Cancelled. */
    void cancel();

    bool isRunning() const { return m_running; }
    /** PID of the child, which is also its process group id (0 before start). */
    qint64 processGroupId() const { return m_pgid; }
    const ProcessOutcome &outcome() const { return m_outcome; }
    /** The exit code on success, else describeOutcome() as an Error. */
    Expected<int> result() const;
    QString displayName() const;

    /** True while a non-zombie process of group \a pgid exists (Linux: /proc scan). */
    static bool isProcessGroupAlive(qint64 pgid);

signals:
    void started(qint64 pid);
    /** \a overwrite: ended by a lone `\r` (a tqdm redraw the next line replaces). */
    void lineReceived(Mcw::Core::OutputStream stream, const QString &line, bool overwrite);
    void finished();

private:
    struct StreamState
    {
        LineSplitter splitter;
        QFile raw;
    };

    void readStream(OutputStream stream);
    void emitLines(OutputStream stream, const QList<LineSplitter::Line> &lines);
    void stopGroup(ProcessOutcome::Kind why);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void onGraceExpired();
    void waitForGroupThenFinish();
    void finish();
    void writeMeta(const QString &text);
    void runDetached(const QList<ToolInvocation> &invocations);

    std::unique_ptr<QProcess> m_process;
    QString m_displayName;
    QString m_logPath;
    QString m_runFolder;
    QFile m_log;
    StreamState m_out;
    StreamState m_err;
    QList<ToolInvocation> m_terminateInvocations;
    QList<ToolInvocation> m_killInvocations;
    QTimer m_timeoutTimer;
    QTimer m_graceTimer;
    QTimer m_reapTimer;
    QElapsedTimer m_clock;
    QElapsedTimer m_reapClock;
    ProcessOutcome m_outcome;
    ProcessOutcome::Kind m_stopReason = ProcessOutcome::Kind::Exited;
    QString m_program;
    QString m_stdinFile;
    QString m_stdoutFile;
    qint64 m_timeoutMs = 0;
    qint64 m_graceMs = 3000;
    qint64 m_pgid = 0;
    bool m_running = false;
    bool m_stopping = false;
    bool m_childExited = false;
    bool m_killSent = false;
};

} // namespace Mcw::Core
