// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>

#include <QList>
#include <QStringList>

namespace Mcw::Tests {

/** The codes of the diagnostics of \a severity, in order: what checks' tests compare. */
inline QStringList diagnosticCodes(const QList<Core::Diagnostic> &list, Core::Diagnostic::Severity severity)
{
    QStringList out;
    for (const Core::Diagnostic &d : list) {
        if (d.severity == severity)
            out.append(d.code);
    }
    return out;
}

} // namespace Mcw::Tests
