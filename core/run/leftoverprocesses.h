// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Processes a run started that outlived the session that started them. The process guard's
 * watcher normally ends a tool whose session died; when the watcher died too (a user's `kill`
 * of both, the OOM killer), the tool would run on, writing into a run that reopens as
 * interrupted. So every process a step starts carries two environment entries, inherited by
 * whatever it starts in turn: the run folder (MCW_RUN_FOLDER) and the session that started it
 * (MCW_SESSION, pid and start time, so a reused pid is not mistaken for it). Reopening an
 * interrupted run ends the processes marked with its folder whose session is gone; those of a
 * session still running (the same project open twice) are left alone.
 *
 * Processes on this machine only: the containers of a remote engine run elsewhere.
 */
class LeftoverProcesses
{
public:
    /**
     * The names of the marking entries. Passed as `docker run -e NAME` (the value from the
     * client's environment), a container on this machine's engine is marked too.
     */
    static QStringList environmentNames();
    /** \a env with the entries that mark a process as this session's, working in \a runFolder. */
    static QProcessEnvironment marked(QProcessEnvironment env, const QString &runFolder);
    /** Live processes marked with \a runFolder whose session is gone, from /proc. */
    static QList<qint64> find(const QString &runFolder);
    /**
     * Ends find(\a runFolder) with SIGKILL, as the watcher would have: the whole process group
     * when its leader is one of them (the tool, in the group the runner made for it), else the
     * process alone. Returns how many processes were found.
     */
    static int end(const QString &runFolder);
};

} // namespace Mcw::Core
