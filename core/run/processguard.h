// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/toolchain/toolinvocation.h>

#include <QList>
#include <QStringList>

#include <optional>

namespace Mcw::Core {

/**
 * maixcam-process-guard (app/guard) in front of a tool: it becomes the tool (same pid, group
 * and exit status) and leaves a watcher in the tool's process group that, when this process
 * dies (SIGKILL included), runs the backend's kill commands and kills the whole group, so
 * nothing the tool started (tpuc-opt under python, a container behind `docker run`) outlives
 * the session. Cancel and timeout reach the tool as without it; the watcher ends with the tool.
 */
class ProcessGuard
{
public:
    /**
     * The guard's executable: set by setProgram(), else next to this executable (build tree),
     * else ../libexec/maixcam-workbench/ (installed); empty when none is there.
     */
    static QString program();
    /** The two folders program() looks in: this executable's and ../libexec/maixcam-workbench. */
    static QStringList searchedFolders();
    /** Where the guard is when it is in neither place (the tests' executables live elsewhere). */
    static void setProgram(const QString &path);

    /**
     * \a tool started through the guard, which runs \a onDeath (argv only) when process
     * \a parentPid dies; nullopt without a guard or when \a tool's program is not found (the
     * runner then starts it directly and reports that as before).
     */
    static std::optional<ToolInvocation> wrap(const ToolInvocation &tool, const QList<ToolInvocation> &onDeath,
                                              qint64 parentPid);
};

} // namespace Mcw::Core
