// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// LeftoverProcesses: processes marked with a run folder whose session is gone are ended with
// their group; those of a live session, of another run or of a reused session pid are told
// apart. Sessions and tools are plain `sleep` and `sh` processes; liveness is read from /proc.
#include "runtestsupport.h"

#include <core/run/leftoverprocesses.h>

#include <tests/support/processscan.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace Mcw;
using Core::LeftoverProcesses;

namespace {

/** "pid:start time" of \a pid as the kernel tells it (field 22 of /proc/<pid>/stat). */
QString sessionValue(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return QStringLiteral("%1:%2").arg(pid).arg(QString::fromLatin1(fields.value(22 - 3)));
}

/** Kills what a test started, failed or not. */
struct Started
{
    std::vector<std::unique_ptr<QProcess>> processes;
    QList<qint64> pids;
    ~Started()
    {
        for (const qint64 pid : std::as_const(pids))
            ::kill(pid_t(pid), SIGKILL);
        for (auto &p : processes) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    /** `sh -c SCRIPT` with \a env, in a session and group of its own (as the runner starts a tool).
     */
    QProcess *tool(const QString &script, const QProcessEnvironment &env)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env);
        p->setChildProcessModifier([] { ::setsid(); });
        p->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
        EXPECT_TRUE(p->waitForStarted());
        processes.push_back(std::move(p));
        return processes.back().get();
    }
};

/** Waits until \a pid runs `sleep` (its shell or `env` exec'd it), so its environment stays put. */
bool sleeping(qint64 pid)
{
    return Tests::waitUntil([pid] {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        return comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "sleep";
    });
}

QProcessEnvironment markedBy(const QString &folder, const QString &session)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MCW_RUN_FOLDER"), folder);
    env.insert(QStringLiteral("MCW_SESSION"), session);
    return env;
}

/** The pids a tool script printed, one per line, once there are \a count of them. */
QList<qint64> printedPids(QProcess *tool, int count)
{
    QList<qint64> pids;
    QByteArray out;
    Tests::waitUntil([&] {
        out += tool->readAllStandardOutput();
        return out.count('\n') >= count;
    });
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            pids.append(line.trimmed().toLongLong());
    }
    return pids;
}

} // namespace

// A session killed together with the guard's watcher leaves its tool running: the tool, what it
// started with our environment and what it started without it (still in its group) all end.
TEST(LeftoverProcesses, OfAGoneSessionAreEndedWithTheirGroup)
{
    QTemporaryDir dir;
    const QString folder = QDir(dir.path()).canonicalPath();
    Started started;
    QProcess session;
    session.start(QStringLiteral("sleep"), {QStringLiteral("300")});
    ASSERT_TRUE(session.waitForStarted());
    const QString sessionId = sessionValue(session.processId());
    QProcess *tool = started.tool(
        QStringLiteral("env -u MCW_RUN_FOLDER sleep 300 & echo $!; sleep 300 & echo $!; "
                       "exec sleep 300"),
        markedBy(folder, sessionId));
    const qint64 leader = tool->processId();
    const QList<qint64> children = printedPids(tool, 2);
    ASSERT_EQ(children.size(), 2);
    started.pids = children;
    ASSERT_TRUE(sleeping(leader) && sleeping(children.at(0)) && sleeping(children.at(1)));

    EXPECT_TRUE(LeftoverProcesses::find(folder).isEmpty()) << "its session still runs";
    session.kill();
    ASSERT_TRUE(session.waitForFinished());
    // The tool (its leader, an exec'd sleep) and the marked child; the unmarked one is not marked.
    QList<qint64> found = LeftoverProcesses::find(folder);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (QList<qint64>{leader, children.at(1)}));

    EXPECT_EQ(LeftoverProcesses::end(folder), 2);
    EXPECT_TRUE(Tests::waitUntil([&] { return Tests::processesInGroup(leader).isEmpty(); }))
        << Tests::processesInGroup(leader).size() << " processes left in the tool's group";
    EXPECT_FALSE(Tests::pidAlive(children.at(0))) << "the unmarked child in the tool's group";
}

// The same project open twice: the other session's running tool is not a leftover.
TEST(LeftoverProcesses, OfALiveSessionAreLeftAlone)
{
    QTemporaryDir dir;
    Started started;
    QProcess *tool = started.tool(
        QStringLiteral("exec sleep 300"),
        LeftoverProcesses::marked(QProcessEnvironment::systemEnvironment(), dir.path()));
    ASSERT_TRUE(sleeping(tool->processId()));
    EXPECT_TRUE(LeftoverProcesses::find(dir.path()).isEmpty());
    EXPECT_EQ(LeftoverProcesses::end(dir.path()), 0);
    EXPECT_TRUE(Tests::pidAlive(tool->processId()));
}

// A session's pid taken by a new process (another start time) is not that session.
TEST(LeftoverProcesses, AReusedSessionPidIsNotTheSession)
{
    QTemporaryDir dir;
    const QString folder = QDir(dir.path()).canonicalPath();
    Started started;
    const qint64 self = QCoreApplication::applicationPid();
    QProcess *tool = started.tool(QStringLiteral("exec sleep 300"),
                                  markedBy(folder, QStringLiteral("%1:1").arg(self)));
    ASSERT_TRUE(sleeping(tool->processId()));
    EXPECT_EQ(LeftoverProcesses::find(folder), QList<qint64>{tool->processId()});
}

// Another run's leftovers are not this run's, and a folder named through a symbolic link is the
// folder itself.
TEST(LeftoverProcesses, OnlyThoseOfTheRunFolderAreFound)
{
    QTemporaryDir dir;
    const QString root = QDir(dir.path()).canonicalPath();
    ASSERT_TRUE(QDir(root).mkpath(QStringLiteral("run1"))
                && QDir(root).mkpath(QStringLiteral("run10")));
    ASSERT_TRUE(QFile::link(root + QStringLiteral("/run1"), root + QStringLiteral("/link")));
    Started started;
    const QString gone = QStringLiteral("%1:1").arg(QCoreApplication::applicationPid());
    QProcess *run1 = started.tool(QStringLiteral("exec sleep 300"),
                                  markedBy(root + QStringLiteral("/run1"), gone));
    QProcess *run10 = started.tool(QStringLiteral("exec sleep 300"),
                                   markedBy(root + QStringLiteral("/run10"), gone));
    ASSERT_TRUE(sleeping(run1->processId()) && sleeping(run10->processId()));
    EXPECT_EQ(LeftoverProcesses::find(root + QStringLiteral("/link")),
              QList<qint64>{run1->processId()});
    EXPECT_EQ(LeftoverProcesses::end(root + QStringLiteral("/run1")), 1);
    EXPECT_TRUE(Tests::waitUntil([&] { return !Tests::pidAlive(run1->processId()); }));
    EXPECT_TRUE(Tests::pidAlive(run10->processId()));
}
