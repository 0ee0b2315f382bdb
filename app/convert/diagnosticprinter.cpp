// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticprinter.h"
#include "clioutput.h"

namespace Mcw::Cli {

int printDiagnostics(const QList<Core::Diagnostic> &diagnostics, bool summary)
{
    int errors = 0;
    int warnings = 0;
    for (const Core::Diagnostic &d : diagnostics) {
        if (d.severity == Core::Diagnostic::Severity::Error)
            ++errors;
        else if (d.severity == Core::Diagnostic::Severity::Warning)
            ++warnings;
        QString text = Core::severityName(d.severity) + QStringLiteral(": ") + d.message;
        if (!d.tensorName.isEmpty() && !d.message.contains(d.tensorName))
            text += QStringLiteral(" [tensor %1]").arg(d.tensorName);
        if (!d.suggestion.isEmpty())
            text += QStringLiteral("\n  hint: ") + d.suggestion;
        for (const QString &detail : d.details)
            text += QStringLiteral("\n    ") + detail;
        printOut(text);
    }
    if (summary)
        printOut(QStringLiteral("%1 error(s), %2 warning(s)").arg(errors).arg(warnings));
    return errors;
}

std::optional<Core::ProjectFile::Loaded> loadProject(const QString &path)
{
    auto loaded = Core::ProjectFile::load(path);
    if (!loaded) {
        printErr(loaded.error().message);
        return std::nullopt;
    }
    return std::move(*loaded);
}

std::optional<Core::ProjectFile::Loaded> loadValidProject(const QString &path)
{
    auto loaded = loadProject(path);
    if (loaded && Core::hasErrors(loaded->diagnostics)) {
        printDiagnostics(loaded->diagnostics, false);
        printErr(QStringLiteral("%1: fix the errors above first.").arg(path));
        return std::nullopt;
    }
    return loaded;
}

} // namespace Mcw::Cli
