// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtableproposal.h"

#include <core/project/conversionplan.h>
#include <core/project/quantizetableedit.h>
#include <core/run/steplog.h>

#include <QDir>
#include <QFile>

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
    return proposal;
}

int QtableProposal::adoptInto(Project &project) const
{
    return QuantizeTableEdit::keepInBf16(project.quantization, layers);
}

} // namespace Mcw::Core
