// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * One external command as an argv list: never a shell string. `toUserOutput()` gives a
 * copy-pasteable bash form (each argument quoted only when needed) for logs and "copy command".
 */
struct ToolInvocation
{
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QHash<QString, QString> environment; // added to the inherited environment

    QString toUserOutput() const;
    /**
     * The host paths the arguments name: every "/abs/path" and the value of every
     * "--flag=/abs/path", as written (the files the tool reads or writes outside its folder).
     */
    QStringList absolutePathArguments() const;
    bool operator==(const ToolInvocation &other) const = default;
};

/** Quotes one argument for bash: unchanged when safe, else single-quoted with ' escaped. */
QString shellQuote(const QString &argument);

/** A tool's short name for messages: "model_transform.py" → "model_transform". */
QString toolDisplayName(const QString &program);

} // namespace Mcw::Core
