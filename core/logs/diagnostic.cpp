// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostic.h"

namespace Mcw::Core {

Diagnostic makeDiagnostic(Diagnostic::Severity severity, const QString &stage, const QString &code,
                          const QString &message, const QString &suggestion)
{
    Diagnostic d;
    d.severity = severity;
    d.stage = stage;
    d.code = code;
    d.message = message;
    d.suggestion = suggestion;
    return d;
}

QString severityName(Diagnostic::Severity severity)
{
    switch (severity) {
    case Diagnostic::Severity::Info: return QStringLiteral("info");
    case Diagnostic::Severity::Warning: return QStringLiteral("warning");
    case Diagnostic::Severity::Error: break;
    }
    return QStringLiteral("error");
}

} // namespace Mcw::Core
