// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Mcw::Tests {

/**
 * Live processes (zombies and this process left out) whose working folder is \a folder or below
 * it, read from /proc independently of the code under test: the tools of a run work in its folder.
 */
QList<qint64> processesWorkingIn(const QString &folder);
/** Live processes (zombies and this process left out) of process group \a pgid, from /proc. */
QList<qint64> processesInGroup(qint64 pgid);
/** The process group of \a pid, from /proc; -1 when it is gone. */
qint64 processGroupOf(qint64 pid);

} // namespace Mcw::Tests
