// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/run/jobrecord.h>

namespace Mcw::Core {

/**
 * Past runs under a runs folder: every `<root>/<job>/job.json`, oldest first. A job that was
 * queued or running when the app stopped is listed as failed ("interrupted"), and what still
 * runs of it with no session left is ended (LeftoverProcesses). Unreadable job files are
 * reported, not fatal.
 */
class JobHistory
{
public:
    struct Result
    {
        QList<JobRecord> jobs;
        QStringList errors; // one sentence per unreadable job.json
        QStringList ended;  // one sentence per interrupted run whose leftover processes were ended

        /**
         * errors and ended for a problems list: an unreadable job.json is a warning (the other
         * runs are listed), ended leftovers are information.
         */
        QList<Diagnostic> diagnostics() const;
    };

    /** Runs under \a root; with \a name only the runs of that project (JobRecord::name). */
    static Result load(const QString &root, const QString &name = {});
};

} // namespace Mcw::Core
