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
 * table it wrote into the job folder, and the calibration table it wrote beside it
 * (`new_cali_table.txt`: the best threshold per layer, which tpu-mlir's docs say the mixed
 * model is deployed with). Adopting edits the project only; the next run with reuse then
 * repeats nothing but the steps that read the quantize or calibration table.
 */
struct QtableProposal
{
    /** The search's own name for the calibration table it writes into its working directory. */
    static constexpr const char *SearchCalibrationTableName = "new_cali_table.txt";

    QtableSearchResult search;
    QStringList layers;       // the proposed layers, in the table's order
    QString calibrationTable; // the job's new_cali_table.txt; empty when the search wrote none

    /** Reads the proposal of \a job; an error names the missing file or the failed step. */
    static Expected<QtableProposal> fromJob(const JobRecord &job, const QString &projectName);

    /**
     * Copies the search's calibration table into \a folder (named after \a projectName and its
     * content, so an earlier adopted table is never overwritten and undo stays right) and
     * returns the copy's path. An error when there is none or it cannot be written.
     */
    Expected<QString> keepCalibrationTable(const QString &folder, const QString &projectName) const;

    struct Adoption
    {
        int newLayers = 0;          // layers added to the quantize table
        bool tableChanged = false;  // the project's calibration table is now another file
    };
    /**
     * Adds the proposed layers to \a project's quantize table as BF16 and, when \a keptTable is
     * given (keepCalibrationTable()), makes it the table the INT8 deploy reads.
     */
    Adoption adoptInto(Project &project, const QString &keptTable = {}) const;
};

} // namespace Mcw::Core
