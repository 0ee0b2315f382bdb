// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/** How a child process ended, as ProcessRunner saw it. Plain value. */
struct ProcessOutcome
{
    enum class Kind {
        NotStarted,
        Exited,         // normal exit; exitCode holds the status (0 = success)
        FailedToStart,  // program missing or not executable; startError says why
        Crashed,        // killed by a signal; exitCode holds the signal number
        TimedOut,       // the runner stopped it after the step timeout
        Cancelled,      // the user cancelled it
    };

    Kind kind = Kind::NotStarted;
    int exitCode = -1;
    qint64 elapsedMs = 0;
    QString startError;
    qint64 timeoutMs = 0;
    /** The last lines of stderr (then stdout), for the error sentence and the details. */
    QStringList stderrTail;
    QStringList stdoutTail;

    bool succeeded() const { return kind == Kind::Exited && exitCode == 0; }
};

/**
 * One plain sentence for a failed run of \a displayName (e.g. "model_transform"): crash
 * signals, 137 (killed, usually out of memory), 126/127 (not executable / not found),
 * timeout and cancel. The stderr tail goes into the details. Backends refine this with
 * what they know (docker messages); the log classifier refines it with the tool's text.
 */
Error describeOutcome(const ProcessOutcome &outcome, const QString &displayName);

/** Formats a duration for messages: "850 ms", "12 s", "3 min 5 s". */
QString formatDuration(qint64 ms);

} // namespace Mcw::Core
