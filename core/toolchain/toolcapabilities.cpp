// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolcapabilities.h"


#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Mcw::Core {

const QSet<QString> *ToolCapabilities::flagsOf(const QString &tool) const
{
    const QString shortName = toolDisplayName(tool);
    for (const QString &key : {tool, shortName, shortName + QStringLiteral(".py")}) {
        const auto it = flags.constFind(key);
        if (it != flags.cend())
            return &*it;
    }
    return nullptr;
}

bool ToolCapabilities::knowsTool(const QString &tool) const
{
    return flagsOf(tool) != nullptr;
}

bool ToolCapabilities::accepts(const QString &tool, const QString &flag) const
{
    const QSet<QString> *accepted = flagsOf(tool);
    return !accepted || accepted->contains(flag);
}

ToolInvocation ToolCapabilities::filtered(const ToolInvocation &invocation, QStringList *dropped) const
{
    if (!knowsTool(invocation.program))
        return invocation;
    ToolInvocation out = invocation;
    out.arguments.clear();
    const QStringList &args = invocation.arguments;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!arg.startsWith(QLatin1String("--"))) {
            out.arguments.append(arg);
            continue;
        }
        const qsizetype eq = arg.indexOf(QLatin1Char('='));
        const QString flag = eq >= 0 ? arg.left(eq) : arg;
        if (accepts(invocation.program, flag)) {
            out.arguments.append(arg);
            continue;
        }
        if (dropped)
            dropped->append(flag);
        if (eq < 0 && i + 1 < args.size() && !args.at(i + 1).startsWith(QLatin1String("--")))
            ++i; // its value
    }
    return out;
}

QJsonObject ToolCapabilities::toJson() const
{
    QJsonObject tools;
    for (auto it = flags.cbegin(); it != flags.cend(); ++it) {
        QStringList sorted(it->cbegin(), it->cend());
        sorted.sort();
        tools.insert(it.key(), QJsonArray::fromStringList(sorted));
    }
    return QJsonObject{{QStringLiteral("version"), version}, {QStringLiteral("tools"), tools}};
}

ToolCapabilities ToolCapabilities::fromJson(const QJsonObject &json)
{
    ToolCapabilities caps;
    caps.version = json.value(QStringLiteral("version")).toString();
    const QJsonObject tools = json.value(QStringLiteral("tools")).toObject();
    for (auto it = tools.begin(); it != tools.end(); ++it) {
        QSet<QString> set;
        for (const QJsonValue &v : it.value().toArray())
            set.insert(v.toString());
        caps.flags.insert(it.key(), set);
    }
    return caps;
}

QString ToolCapabilities::parseVersion(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(?:TPU-MLIR|SOPHGO Toolchain)\\s+(v?[0-9A-Za-z][\\w.+-]*)"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

QSet<QString> ToolCapabilities::parseHelpFlags(const QString &helpText)
{
    static const QRegularExpression flagRe(QStringLiteral("(?<![\\w-])(--[A-Za-z0-9][A-Za-z0-9_-]*)"));
    static const QRegularExpression optionLine(QStringLiteral("^\\s{1,8}-"));
    QSet<QString> result;
    auto collect = [&result](const QString &text) {
        auto it = flagRe.globalMatch(text);
        while (it.hasNext())
            result.insert(it.next().captured(1));
    };
    const QStringList lines = helpText.split(QLatin1Char('\n'));
    bool inUsage = false;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("usage:"))) {
            inUsage = true;
        } else if (inUsage && line.trimmed().isEmpty()) {
            inUsage = false;
        }
        if (inUsage) {
            collect(line);
            continue;
        }
        if (optionLine.match(line).hasMatch()) {
            // "  --chip {a,b}, --processor {a,b}   description": flags before the description.
            const QString trimmed = line.trimmed();
            const qsizetype gap = trimmed.indexOf(QLatin1String("  "));
            collect(gap >= 0 ? trimmed.left(gap) : trimmed);
        }
    }
    return result;
}

} // namespace Mcw::Core
