// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bashscript.h"

#include <core/toolchain/toolinvocation.h>

namespace Mcw::Core::BashScript {

QStringList header(const QStringList &comments, const QStringList &notes, const QString &workspaceDir)
{
    QStringList lines{QStringLiteral("#!/bin/bash")};
    for (const QString &comment : comments)
        lines.append(QStringLiteral("# ") + comment);
    lines << QString() << QStringLiteral("set -e") << QString();
    for (const QString &note : notes)
        lines.append(QStringLiteral("# note: ") + note);
    if (!workspaceDir.isEmpty()) {
        lines.append(QStringLiteral("mkdir -p ") + shellQuote(workspaceDir));
        lines.append(QStringLiteral("cd ") + shellQuote(workspaceDir));
    }
    return lines;
}

QStringList hereDocument(const QString &fileName, const QString &content)
{
    QString delimiter = QStringLiteral("MCW_END");
    while (content.split(QLatin1Char('\n')).contains(delimiter))
        delimiter += QLatin1Char('_');
    return {QStringLiteral("cat > %1 <<'%2'").arg(shellQuote(fileName), delimiter),
            content.endsWith(QLatin1Char('\n')) ? content.chopped(1) : content, delimiter};
}

} // namespace Mcw::Core::BashScript
