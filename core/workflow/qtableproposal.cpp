// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtableproposal.h"

#include <core/accuracy/calibrationtable.h>
#include <core/atomicfile.h>
#include <core/project/conversionplan.h>
#include <core/project/quantizetableedit.h>
#include <core/run/steplog.h>
#include <core/sha256.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Mcw::Core {

Expected<QtableProposal> QtableProposal::fromJob(const JobRecord &job, const QString &projectName)
{
    const int index = job.stepIndex(QStringLiteral("search_qtable"));
    if (index < 0) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: this run has no search step.").arg(job.directory));
    }
    const StepRecord &step = job.steps.at(index);
    if (step.state != StepState::Succeeded) {
        return makeError(Error::Code::Unsupported,
                         QStringLiteral("%1: the search step did not succeed.").arg(job.directory));
    }
    QtableProposal proposal;
    QString console;
    for (OutputStream stream : {OutputStream::Stdout, OutputStream::Stderr}) {
        QFile log(rawStreamPath(QDir(job.directory).filePath(step.logFile), stream));
        if (!step.logFile.isEmpty() && log.open(QIODevice::ReadOnly))
            console += QString::fromUtf8(log.readAll()) + QLatin1Char('\n');
    }
    proposal.search = QtableSearchResult::parseLog(console);
    const QString tablePath = QDir(job.directory).filePath(ConversionPlan::searchQtableFile(projectName));
    const auto table = QuantizeTable::read(tablePath);
    if (!table)
        return Unexpected(table.error());
    proposal.search.proposal = *table;
    for (const QuantizeTable::Entry &e : table->entries())
        proposal.layers.append(e.opName);
    const QString calibration = QDir(job.directory).filePath(QLatin1String(SearchCalibrationTableName));
    if (QFileInfo(calibration).isFile())
        proposal.calibrationTable = calibration;
    return proposal;
}

Expected<QString> QtableProposal::keepCalibrationTable(const QString &folder, const QString &projectName) const
{
    if (calibrationTable.isEmpty())
        return makeError(Error::Code::NotFound, QStringLiteral("The search wrote no calibration table to adopt."));
    const auto bytes = readWholeFile(calibrationTable, 64 << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    // A table the deploy cannot import would fail the next run in tpuc-opt; say so now.
    const auto parsed = CalibrationTable::parse(*bytes, calibrationTable);
    if (!parsed)
        return Unexpected(parsed.error());
    const QString kept = QDir(folder).filePath(QStringLiteral("%1_search_cali_table_%2")
                                                   .arg(projectName, sha256OfBytes(*bytes).left(12)));
    if (!QDir().mkpath(folder))
        return makeError(Error::Code::Io, QStringLiteral("%1: the folder cannot be created.").arg(folder));
    const auto written = writeFileAtomically(kept, *bytes);
    if (!written)
        return Unexpected(written.error());
    return QDir::cleanPath(QFileInfo(kept).absoluteFilePath());
}

QtableProposal::Adoption QtableProposal::adoptInto(Project &project, const QString &keptTable) const
{
    Adoption adoption;
    adoption.newLayers = QuantizeTableEdit::keepInBf16(project.quantization, layers);
    if (!keptTable.isEmpty() && project.quantization.calibrationTable != keptTable) {
        project.quantization.calibrationTable = keptTable;
        adoption.tableChanged = true;
    }
    return adoption;
}

} // namespace Mcw::Core
