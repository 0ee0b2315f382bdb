// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "leftoverprocesses.h"

#include <core/run/processstat.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <csignal>

namespace Mcw::Core {

namespace {

const QByteArray RunFolderKey = QByteArrayLiteral("MCW_RUN_FOLDER");
const QByteArray SessionKey = QByteArrayLiteral("MCW_SESSION");

/** "pid:start time in clock ticks since boot" of a live process; empty when it is gone. */
QByteArray sessionOf(qint64 pid)
{
    const QList<QByteArray> fields = liveProcessStat(pid);
    return fields.size() < 20 ? QByteArray() : QByteArray::number(pid) + ':' + fields.at(19);
}

/** The value of \a key in a NUL-separated environment block; null when absent. */
QByteArray valueIn(const QByteArray &environ, const QByteArray &key)
{
    const QByteArray prefix = key + '=';
    for (const QByteArray &entry : environ.split('\0')) {
        if (entry.startsWith(prefix))
            return entry.mid(prefix.size());
    }
    return {};
}

QByteArray folderKey(const QString &runFolder)
{
    const QString canonical = QFileInfo(runFolder).canonicalFilePath();
    return QFile::encodeName(canonical.isEmpty() ? QDir::cleanPath(QDir(runFolder).absolutePath())
                                                 : canonical);
}

} // namespace

QStringList LeftoverProcesses::environmentNames()
{
    return {QString::fromLatin1(RunFolderKey), QString::fromLatin1(SessionKey)};
}

QProcessEnvironment LeftoverProcesses::marked(QProcessEnvironment env, const QString &runFolder)
{
    env.insert(QString::fromLatin1(RunFolderKey), QFile::decodeName(folderKey(runFolder)));
    env.insert(QString::fromLatin1(SessionKey),
               QString::fromLatin1(sessionOf(QCoreApplication::applicationPid())));
    return env;
}

QList<qint64> LeftoverProcesses::find(const QString &runFolder)
{
    const QByteArray folder = folderKey(runFolder);
    const qint64 self = QCoreApplication::applicationPid();
    QList<qint64> found;
    for (const QString &entry :
         QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == self)
            continue;
        // Another user's processes are unreadable here, and none of ours.
        QFile file(QStringLiteral("/proc/%1/environ").arg(pid));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray environ = file.readAll();
        if (valueIn(environ, RunFolderKey) != folder)
            continue;
        const QByteArray session = valueIn(environ, SessionKey);
        const qsizetype colon = session.indexOf(':');
        const qint64 sessionPid = colon > 0 ? session.left(colon).toLongLong() : 0;
        if (sessionPid > 0 && sessionOf(sessionPid) == session)
            continue; // its session still runs it
        if (!liveProcessStat(pid).isEmpty())
            found.append(pid);
    }
    return found;
}

int LeftoverProcesses::end(const QString &runFolder)
{
    const QList<qint64> found = find(runFolder);
    const QSet<qint64> marked(found.cbegin(), found.cend());
    QSet<qint64> groups;
    for (const qint64 pid : found) {
        const QList<QByteArray> fields = liveProcessStat(pid);
        const qint64 group = fields.size() < 3 ? 0 : fields.at(2).toLongLong();
        if (group > 1 && marked.contains(group))
            groups.insert(group);
    }
    // Whatever a tool started without our environment still sits in its group.
    for (const qint64 group : std::as_const(groups))
        ::kill(pid_t(-group), SIGKILL);
    for (const qint64 pid : found)
        ::kill(pid_t(pid), SIGKILL);
    return int(found.size());
}

} // namespace Mcw::Core
