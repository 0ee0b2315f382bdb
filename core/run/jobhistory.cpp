// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobhistory.h"

#include <core/run/leftoverprocesses.h>

#include <QDir>

#include <algorithm>

namespace Mcw::Core {

QList<Diagnostic> JobHistory::Result::diagnostics() const
{
    const QString stage = QStringLiteral("runs");
    QList<Diagnostic> list;
    for (const QString &error : errors) {
        list.append(makeDiagnostic(Diagnostic::Severity::Warning, stage, QStringLiteral("unreadable_job_record"), error,
                                   QStringLiteral("Restore the file from a copy, or delete its run folder; the "
                                                  "other runs are listed.")));
    }
    for (const QString &sentence : ended) {
        list.append(
            makeDiagnostic(Diagnostic::Severity::Info, stage, QStringLiteral("leftover_processes_ended"), sentence));
    }
    return list;
}

JobHistory::Result JobHistory::load(const QString &root, const QString &name)
{
    Result result;
    const QDir dir(root);
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        const QString jobDir = dir.absoluteFilePath(entry);
        if (!QFileInfo::exists(QDir(jobDir).filePath(QStringLiteral("job.json"))))
            continue;
        auto record = JobRecord::load(jobDir);
        if (!record) {
            result.errors.append(record.error().message);
            continue;
        }
        if (!name.isEmpty() && record->name != name)
            continue;
        if (record->state == JobState::Running || record->state == JobState::Queued) {
            // Its tool may outlive both the session and the guard's watcher.
            if (const int count = LeftoverProcesses::end(jobDir); count > 0) {
                result.ended.append(QStringLiteral("%1: ended %2 the interrupted run had left running.")
                                        .arg(QDir::toNativeSeparators(jobDir),
                                             count == 1 ? QStringLiteral("1 process")
                                                        : QStringLiteral("%1 processes").arg(count)));
            }
            record->state = JobState::Failed;
            for (StepRecord &s : record->steps) {
                if (s.state == StepState::Running) {
                    s.state = StepState::Failed;
                    s.errorMessage = QStringLiteral("%1 was interrupted because the app stopped while it ran.").arg(s.title);
                } else if (s.state == StepState::Pending) {
                    s.state = StepState::Cancelled;
                    s.errorMessage = QStringLiteral("Not run: the app stopped first.");
                }
            }
        }
        result.jobs.append(*record);
    }
    std::stable_sort(result.jobs.begin(), result.jobs.end(),
                     [](const JobRecord &a, const JobRecord &b) { return a.createdAt < b.createdAt; });
    return result;
}

} // namespace Mcw::Core
