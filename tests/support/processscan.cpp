// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "processscan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Mcw::Tests {

/** pid → the fields after "(comm) " of /proc/<pid>/stat, live processes only, this one left out. */
template<typename Keep>
static QList<qint64> liveProcesses(Keep keep)
{
    QList<qint64> pids;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == QCoreApplication::applicationPid())
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')');
        const bool dead = close < 0 || text.size() <= close + 2 || text.at(close + 2) == 'Z' || text.at(close + 2) == 'X';
        if (!dead && keep(pid, text.mid(close + 2).split(' ')))
            pids.append(pid);
    }
    return pids;
}

QList<qint64> processesWorkingIn(const QString &folder)
{
    const QString root = QFileInfo(folder).canonicalFilePath();
    return liveProcesses([&root](qint64 pid, const QList<QByteArray> &) {
        const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).symLinkTarget();
        return cwd == root || cwd.startsWith(root + QLatin1Char('/'));
    });
}

QList<qint64> processesInGroup(qint64 pgid)
{
    // Fields after the command: state ppid pgrp ...
    return liveProcesses([pgid](qint64, const QList<QByteArray> &fields) {
        return fields.size() > 2 && fields.at(2).toLongLong() == pgid;
    });
}

qint64 processGroupOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 2 ? fields.at(2).toLongLong() : -1;
}

} // namespace Mcw::Tests
