// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// maixcam-process-guard (app/guard) started directly, as ProcessRunner starts it, for the cases
// the session tests cannot reach: a kernel without pidfds and a watcher killed on its own.
#include "runtestsupport.h"

#include <core/run/processguard.h>

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <cstddef>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Mcw;

namespace {

constexpr int SeccompUnavailable = 99;

/**
 * In the guard's process before exec: pidfd_open fails with ENOSYS, as on a kernel before 5.3.
 * A seccomp filter, so nothing else about the process changes.
 */
void withoutPidfds()
{
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_open, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    sock_fprog program{static_cast<unsigned short>(std::size(filter)), filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0)
        _exit(SeccompUnavailable);
}

/** The guard in front of `sh -c SCRIPT sh ARGS...`, watching this test process. */
QStringList guarded(const QString &script, const QStringList &args = {})
{
    return QStringList{QStringLiteral("--parent"), QString::number(QCoreApplication::applicationPid()),
                       QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"), script,
                       QStringLiteral("sh")}
        + args;
}

/** The children of \a pid, from /proc (the shell's own `cat` included). */
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> out;
    QFile file(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &word : file.readAll().split(' ')) {
            if (const qint64 child = word.trimmed().toLongLong(); child > 0)
                out.append(child);
        }
    }
    return out;
}

QString commandName(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/comm").arg(pid));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().trimmed()) : QString();
}

} // namespace

// The tool prints how many children it has: with pidfds the guard left its watcher as the
// tool's child (plus the `cat` that reads the list); without them (pidfd_open failing with
// ENOSYS, a kernel before 5.3) the tool runs alone, unguarded, and keeps its exit status.
TEST(ProcessGuard, WithoutPidfdsTheToolRunsUnguardedWithItsExitStatus)
{
    const QString guard = Core::ProcessGuard::program();
    ASSERT_FALSE(guard.isEmpty());
    const QString script = QStringLiteral("cat /proc/$$/task/$$/children; exit 3");
    for (const bool pidfds : {true, false}) {
        SCOPED_TRACE(pidfds ? "with pidfds" : "without pidfds");
        QProcess process;
        if (!pidfds)
            process.setChildProcessModifier(withoutPidfds);
        process.start(guard, guarded(script));
        ASSERT_TRUE(process.waitForFinished(20000));
        if (!pidfds && process.exitCode() == SeccompUnavailable)
            GTEST_SKIP() << "seccomp filters are not available here";
        EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
        EXPECT_EQ(process.exitCode(), 3) << process.readAllStandardError().toStdString();
        const QList<QByteArray> children = process.readAllStandardOutput().trimmed().split(' ');
        EXPECT_EQ(children.size(), pidfds ? 2 : 1) << children.join(' ').toStdString();
        EXPECT_TRUE(process.readAllStandardError().isEmpty());
    }
}

// The watcher killed on its own (a user's `kill`, the OOM killer): the tool does not notice and
// runs to its own end with its own exit status; the run is not lost. (What is lost is the guard:
// a session killed afterwards leaves the tool running until its run is reopened, which ends it:
// LeftoverProcesses and Faults.WatcherAndSessionKilledMidRun….)
TEST(ProcessGuard, AWatcherKilledAloneLeavesTheToolRunningToItsEnd)
{
    const QString guard = Core::ProcessGuard::program();
    ASSERT_FALSE(guard.isEmpty());
    QTemporaryDir dir;
    const QString go = dir.filePath(QStringLiteral("go"));
    QProcess process;
    process.start(guard, guarded(QStringLiteral("echo $$; while [ ! -e \"$1\" ]; do sleep 0.05; done; exit 5"), {go}));
    ASSERT_TRUE(process.waitForStarted());
    ASSERT_TRUE(Tests::waitUntil([&] { return process.canReadLine(); }));
    const qint64 tool = process.readLine().trimmed().toLongLong();
    ASSERT_EQ(tool, process.processId()) << "the guard becomes the tool";
    qint64 watcher = 0;
    ASSERT_TRUE(Tests::waitUntil([&] {
        for (const qint64 child : childrenOf(tool)) {
            // The kernel keeps the first 15 characters of a program's name.
            if (const QString name = commandName(child); !name.isEmpty() && QStringLiteral("maixcam-process-guard").startsWith(name))
                watcher = child;
        }
        return watcher > 0;
    })) << "no watcher among the tool's children";
    ASSERT_EQ(::kill(pid_t(watcher), SIGKILL), 0);
    ASSERT_TRUE(Tests::waitUntil([&] { return !Tests::pidAlive(watcher); }));
    // The tool is still there some time after its watcher went.
    QTest::qWait(300);
    EXPECT_TRUE(Tests::pidAlive(tool));
    EXPECT_EQ(process.state(), QProcess::Running);
    QFile(go).open(QIODevice::WriteOnly);
    ASSERT_TRUE(process.waitForFinished(20000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 5) << process.readAllStandardError().toStdString();
}
