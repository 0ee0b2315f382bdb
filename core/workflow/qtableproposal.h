// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/qtablesearchresult.h>
#include <core/project/project.h>
#include <core/result.h>
#include <core/run/jobrecord.h>

#include <QStringList>

namespace Mcw::Core {

/**
 * The layers tpu-mlir's search proposes to keep in BF16, read from a finished search run
 * (ConversionPlan::Options::qtableSearch): the search step's console output and the quantize
 * table it wrote into the job folder. Adopting them edits the project's quantize table only;
 * the next run with reuse then repeats nothing but the INT8 deploy.
 */
struct QtableProposal
{
    QtableSearchResult search;
    QStringList layers; // the proposed layers, in the table's order

    /** Reads the proposal of \a job; an error names the missing file or the failed step. */
    static Expected<QtableProposal> fromJob(const JobRecord &job, const QString &projectName);
    /** Adds the proposed layers to \a project's quantize table as BF16; returns how many were new. */
    int adoptInto(Project &project) const;
};

} // namespace Mcw::Core
