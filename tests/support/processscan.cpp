// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "processscan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Mcw::Tests {

QList<qint64> processesWorkingIn(const QString &folder)
{
    const QString root = QFileInfo(folder).canonicalFilePath();
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
        const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).symLinkTarget();
        if (!dead && (cwd == root || cwd.startsWith(root + QLatin1Char('/'))))
            pids.append(pid);
    }
    return pids;
}

} // namespace Mcw::Tests
