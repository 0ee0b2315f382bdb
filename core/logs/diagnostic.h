// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * A problem for the Problems list and the CLI: from pre-flight checks, operator support,
 * and classified tool failures. Plain value; `message` is one plain sentence.
 */
struct Diagnostic
{
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Error;
    /** Where it comes from: "preflight", "opsupport", "transform", "calibration", "deploy", ... */
    QString stage;
    /** Stable machine-readable class, e.g. "similarity_below_tolerance", "label_count". */
    QString code;
    QString message;
    /** Suggested fix in one sentence; may be empty. */
    QString suggestion;
    /** ONNX node id to jump to, or empty. */
    QString nodeId;
    /** Tensor name involved, or empty. */
    QString tensorName;
    /** Source location for file-based problems ("project.yaml", line 12), line 0 = none. */
    QString file;
    int line = 0;
    /**
     * What problems of many nodes have in common ("HardSwish runs in BF16 instead of INT8: …"),
     * so a list can show them as one row with a count; empty when the problem stands alone.
     */
    QString group;
    /** Longer text: log excerpt, failing tensors, ... */
    QStringList details;

    bool operator==(const Diagnostic &other) const = default;
};

QString severityName(Diagnostic::Severity severity); // "info", "warning", "error"

/** A diagnostic of \a stage with its code, sentence and fix; the other fields stay empty. */
Diagnostic makeDiagnostic(Diagnostic::Severity severity, const QString &stage, const QString &code,
                          const QString &message, const QString &suggestion = {});

inline bool hasErrors(const QList<Diagnostic> &diagnostics)
{
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            return true;
    }
    return false;
}

} // namespace Mcw::Core
