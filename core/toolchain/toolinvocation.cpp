// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolinvocation.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace Mcw::Core {

QString shellQuote(const QString &argument)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!argument.isEmpty() && safe.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString ToolInvocation::toUserOutput() const
{
    QStringList parts;
    parts.append(shellQuote(program));
    for (const QString &a : arguments)
        parts.append(shellQuote(a));
    return parts.join(QLatin1Char(' '));
}

QString toolDisplayName(const QString &program)
{
    QString name = QFileInfo(program).fileName();
    if (name.endsWith(QLatin1String(".py")))
        name.chop(3);
    return name;
}

} // namespace Mcw::Core
