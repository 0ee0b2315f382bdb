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

QStringList ToolInvocation::absolutePathArguments() const
{
    QStringList paths;
    for (const QString &arg : arguments) {
        const qsizetype eq = arg.startsWith(QLatin1String("--")) ? arg.indexOf(QLatin1Char('=')) : -1;
        const QString value = eq >= 0 ? arg.mid(eq + 1) : arg;
        if (value.startsWith(QLatin1Char('/')))
            paths.append(value);
    }
    return paths;
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
