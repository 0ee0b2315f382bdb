// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "processoutcome.h"

#include <csignal>

namespace Mcw::Core {

QString formatDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s % 60 == 0)
        return QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
}

static QString signalSentence(const QString &name, int signal)
{
    switch (signal) {
    case SIGKILL:
        return QStringLiteral("%1 was killed (SIGKILL), most likely because the system ran out of "
                              "memory; close other programs, use fewer calibration images or give "
                              "Docker more memory.")
            .arg(name);
    case SIGSEGV:
        return QStringLiteral("%1 crashed with a segmentation fault inside the toolchain.").arg(name);
    case SIGABRT:
        return QStringLiteral("%1 aborted (SIGABRT), usually a failed assertion inside the "
                              "toolchain.")
            .arg(name);
    case SIGTERM:
        return QStringLiteral("%1 was terminated (SIGTERM) by another program.").arg(name);
    default: break;
    }
    return QStringLiteral("%1 was terminated by signal %2.").arg(name).arg(signal);
}

Error describeOutcome(const ProcessOutcome &outcome, const QString &name)
{
    const QString details = (outcome.stderrTail.isEmpty() ? outcome.stdoutTail : outcome.stderrTail)
                                .join(QLatin1Char('\n'));
    switch (outcome.kind) {
    case ProcessOutcome::Kind::NotStarted:
        return Error::make(Error::Code::Generic, QStringLiteral("%1 was never started.").arg(name));
    case ProcessOutcome::Kind::FailedToStart:
        return Error::make(Error::Code::NotFound,
                           QStringLiteral("%1 could not be started: %2.").arg(name, outcome.startError),
                           details);
    case ProcessOutcome::Kind::TimedOut:
        return Error::make(Error::Code::Timeout,
                           QStringLiteral("%1 did not finish within %2 and was stopped; raise the "
                                          "step timeout in the toolchain settings if this is "
                                          "expected.")
                               .arg(name, formatDuration(outcome.timeoutMs)),
                           details);
    case ProcessOutcome::Kind::Cancelled:
        return Error::make(Error::Code::Cancelled, QStringLiteral("%1 was cancelled.").arg(name),
                           details);
    case ProcessOutcome::Kind::Crashed:
        return Error::make(Error::Code::Generic, signalSentence(name, outcome.exitCode), details);
    case ProcessOutcome::Kind::Exited: break;
    }
    // Shells and docker report "killed by signal N" as exit status 128 + N.
    switch (outcome.exitCode) {
    case 0: return Error::make(Error::Code::Generic, QStringLiteral("%1 succeeded.").arg(name));
    case 126:
        return Error::make(Error::Code::NotFound,
                           QStringLiteral("%1 could not be executed (exit code 126: not executable "
                                          "or permission denied).")
                               .arg(name),
                           details);
    case 127:
        return Error::make(Error::Code::NotFound,
                           QStringLiteral("%1 was not found (exit code 127: command not found); "
                                          "check that tpu_mlir is installed.")
                               .arg(name),
                           details);
    case 128 + SIGKILL:
        return Error::make(Error::Code::Generic,
                           QStringLiteral("%1 was killed (exit code 137), most likely because it ran "
                                          "out of memory; close other programs, use fewer "
                                          "calibration images or give Docker more memory.")
                               .arg(name),
                           details);
    case 128 + SIGSEGV:
    case 128 + SIGABRT:
    case 128 + SIGTERM:
        return Error::make(Error::Code::Generic, signalSentence(name, outcome.exitCode - 128), details);
    default: break;
    }
    return Error::make(Error::Code::Generic,
                       QStringLiteral("%1 failed with exit code %2.").arg(name).arg(outcome.exitCode),
                       details);
}

} // namespace Mcw::Core
