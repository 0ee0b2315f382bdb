// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/jobrecord.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Carries the steps whose inputs did not change over from an earlier run into a new job, so that
 * keeping one layer in BF16 re-runs the INT8 deploy only, not the transform and an hour of
 * calibration.
 *
 * Every step gets an inputs key: a SHA-256 over its argv, the identity of each existing file or
 * folder an argument names (content of small files, size and time of big ones, a listing of
 * folders), the toolchain identity and the keys of the steps it depends on. A step is reused when
 * the earlier run has a succeeded step with the same id and key, every step it depends on was
 * reused, and each of its outputs still has the recorded SHA-256. Outputs and logs are copied, not
 * linked, because a later step may rewrite a file in place.
 */
class StepReuse
{
public:
    /**
     * Sets StepRecord::inputsKey on every step of \a job. Call it on a fresh job folder, before
     * any step ran: files a step will produce must not exist yet.
     */
    static void assignKeys(JobRecord &job, const QString &toolchainIdentity);

    /**
     * Marks the steps of \a job that \a earlier already produced as succeeded, with their outputs
     * and logs copied into the job folder and StepRecord::reusedFrom set. Returns their ids;
     * the other steps stay pending. A copy that fails or does not match its hash leaves the step
     * (and the steps after it) to run.
     */
    static QStringList carryOver(JobRecord &job, const JobRecord &earlier);
};

} // namespace Mcw::Core
