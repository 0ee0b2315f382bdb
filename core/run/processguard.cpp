// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "processguard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Mcw::Core {

static QString &configuredProgram()
{
    static QString path;
    return path;
}

void ProcessGuard::setProgram(const QString &path)
{
    configuredProgram() = path;
}

QStringList ProcessGuard::searchedFolders()
{
    const QString bin = QCoreApplication::applicationDirPath();
    return {bin, QDir::cleanPath(bin + QStringLiteral("/../libexec/maixcam-workbench"))};
}

QString ProcessGuard::program()
{
    static const QString name = QStringLiteral("maixcam-process-guard");
    QStringList candidates{configuredProgram()};
    for (const QString &folder : searchedFolders())
        candidates.append(QDir(folder).filePath(name));
    for (const QString &c : candidates) {
        if (!c.isEmpty() && QFileInfo(c).isExecutable())
            return QDir::cleanPath(c);
    }
    return {};
}

/**
 * The program as QProcess would run it (a name without '/' looked up in our PATH, a path
 * relative to \a workingDirectory), or empty when it is no executable file.
 */
static QString resolved(const QString &program, const QString &workingDirectory)
{
    if (!program.contains(QLatin1Char('/')))
        return QStandardPaths::findExecutable(program);
    const QFileInfo file(QDir(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory), program);
    return file.isFile() && file.isExecutable() ? program : QString();
}

std::optional<ToolInvocation> ProcessGuard::wrap(const ToolInvocation &tool, const QList<ToolInvocation> &onDeath,
                                                 qint64 parentPid)
{
    const QString guard = program();
    const QString toolProgram = resolved(tool.program, tool.workingDirectory);
    if (guard.isEmpty() || toolProgram.isEmpty())
        return std::nullopt;
    ToolInvocation guarded = tool;
    guarded.program = guard;
    guarded.arguments = {QStringLiteral("--parent"), QString::number(parentPid)};
    for (const ToolInvocation &kill : onDeath) {
        const QString killProgram = resolved(kill.program, {});
        if (killProgram.isEmpty())
            continue; // the same command would not start at cancel either
        guarded.arguments << QStringLiteral("--on-death") << QString::number(kill.arguments.size() + 1) << killProgram
                          << kill.arguments;
    }
    guarded.arguments << QStringLiteral("--") << toolProgram << tool.arguments;
    return guarded;
}

} // namespace Mcw::Core
