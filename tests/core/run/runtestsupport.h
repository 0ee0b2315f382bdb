// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QFile>
#include <QString>
#include <QTest>

#include <functional>

namespace Mcw::Tests {

/** The scripted child process built next to the test (see fake_tool.cpp). */
inline QString fakeToolPath()
{
    return QStringLiteral(MCW_FAKE_TOOL);
}

/** Spins the event loop until \a done or \a ms elapse. */
inline bool waitUntil(const std::function<bool()> &done, int ms = 10000)
{
    return QTest::qWaitFor(done, ms);
}

/** True while \a pid exists and is not a zombie (read from /proc, independent of the runner). */
inline bool pidAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.size() > close + 2 && text.at(close + 2) != 'Z' && text.at(close + 2) != 'X';
}

} // namespace Mcw::Tests

namespace Mcw::Tests {

/** The docker stand-in script (see recording_docker.sh). */
inline QString recordingDockerPath()
{
    return QStringLiteral(MCW_RECORDING_DOCKER);
}

/** The argv of every recorded docker call, in order. */
inline QList<QStringList> recordedDockerCalls(const QString &logPath)
{
    QList<QStringList> calls;
    QFile f(logPath);
    if (!f.open(QIODevice::ReadOnly))
        return calls;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        QStringList args;
        for (const QByteArray &a : line.split('\0'))
            args.append(QString::fromUtf8(a));
        if (!args.isEmpty() && args.last().isEmpty())
            args.removeLast();
        calls.append(args);
    }
    return calls;
}

} // namespace Mcw::Tests
