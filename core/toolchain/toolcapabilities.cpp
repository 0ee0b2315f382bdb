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

bool ToolCapabilities::acceptsValue(const QString &tool, const QString &flag, const QString &value) const
{
    if (!accepts(tool, flag))
        return false;
    const QString shortName = toolDisplayName(tool);
    for (const QString &key : {tool, shortName, shortName + QStringLiteral(".py")}) {
        const auto it = choices.constFind(key);
        if (it == choices.cend())
            continue;
        const auto values = it->constFind(flag);
        return values == it->cend() || values->isEmpty() || values->contains(value);
    }
    return true;
}

QString ToolCapabilities::program(const QString &shortName) const
{
    const QString name = toolDisplayName(shortName);
    const QString probed = programs.value(name);
    if (!probed.isEmpty())
        return probed;
    // A tool the probe did not ask about is spelled like the probed ones: releases install
    // either all entry points with `.py` or all without.
    const bool bare = !programs.isEmpty()
                      && std::none_of(programs.cbegin(), programs.cend(),
                                      [](const QString &p) { return p.endsWith(QLatin1String(".py")); });
    return bare ? name : name + QStringLiteral(".py");
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
    QJsonObject choiceJson;
    for (auto it = choices.cbegin(); it != choices.cend(); ++it) {
        QJsonObject perFlag;
        for (auto f = it->cbegin(); f != it->cend(); ++f)
            perFlag.insert(f.key(), QJsonArray::fromStringList(*f));
        choiceJson.insert(it.key(), perFlag);
    }
    QJsonObject programJson;
    for (auto it = programs.cbegin(); it != programs.cend(); ++it)
        programJson.insert(it.key(), *it);
    QJsonObject json{{QStringLiteral("version"), version},
                     {QStringLiteral("tools"), tools},
                     {QStringLiteral("choices"), choiceJson},
                     {QStringLiteral("programs"), programJson}};
    if (!imageId.isEmpty())
        json.insert(QStringLiteral("imageId"), imageId);
    return json;
}

ToolCapabilities ToolCapabilities::fromJson(const QJsonObject &json)
{
    ToolCapabilities caps;
    caps.version = json.value(QStringLiteral("version")).toString();
    caps.imageId = json.value(QStringLiteral("imageId")).toString();
    const QJsonObject tools = json.value(QStringLiteral("tools")).toObject();
    for (auto it = tools.begin(); it != tools.end(); ++it) {
        QSet<QString> set;
        for (const QJsonValue &v : it.value().toArray())
            set.insert(v.toString());
        caps.flags.insert(it.key(), set);
    }
    const QJsonObject choiceJson = json.value(QStringLiteral("choices")).toObject();
    for (auto it = choiceJson.begin(); it != choiceJson.end(); ++it) {
        QHash<QString, QStringList> perFlag;
        const QJsonObject flagsJson = it.value().toObject();
        for (auto f = flagsJson.begin(); f != flagsJson.end(); ++f) {
            QStringList values;
            for (const QJsonValue &v : f.value().toArray())
                values.append(v.toString());
            perFlag.insert(f.key(), values);
        }
        caps.choices.insert(it.key(), perFlag);
    }
    const QJsonObject programJson = json.value(QStringLiteral("programs")).toObject();
    for (auto it = programJson.begin(); it != programJson.end(); ++it)
        caps.programs.insert(it.key(), it.value().toString());
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

QHash<QString, QStringList> ToolCapabilities::parseHelpChoices(const QString &helpText)
{
    // "--search {search_threshold,search_qtable,False}" in the usage block or an option line;
    // the usage block may wrap a long list, so join the lines first.
    static const QRegularExpression re(QStringLiteral("(--[A-Za-z0-9][A-Za-z0-9_-]*)\\s+\\{([^}]*)\\}"));
    QString joined = helpText;
    joined.replace(QLatin1Char('\n'), QLatin1Char(' '));
    QHash<QString, QStringList> result;
    for (auto it = re.globalMatch(joined); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (result.contains(m.captured(1)))
            continue;
        QStringList values;
        for (const QString &v : m.captured(2).split(QLatin1Char(','), Qt::SkipEmptyParts))
            values.append(v.trimmed());
        result.insert(m.captured(1), values);
    }
    return result;
}

} // namespace Mcw::Core
