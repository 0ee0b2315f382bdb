// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepfailureclassifier.h"

#include <core/logs/logparser.h>
#include <core/run/steplog.h>

#include <QFile>

namespace Mcw::Core {

std::optional<Diagnostic> classifyStepFailure(const StepRecord &step, const QString &logPath)
{
    LogParser parser;
    for (const OutputStream stream : {OutputStream::Stdout, OutputStream::Stderr}) {
        QFile file(rawStreamPath(logPath, stream));
        if (file.open(QIODevice::ReadOnly)) {
            parser.feed(stream == OutputStream::Stdout ? LogParser::Stream::Stdout : LogParser::Stream::Stderr,
                        file.readAll());
        }
    }
    parser.finish(step.exitCode);
    if (!parser.failure())
        return std::nullopt;
    return FailureClassifier::toDiagnostic(*parser.failure());
}

} // namespace Mcw::Core
