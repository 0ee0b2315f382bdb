// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtestsupport.h"

#include <core/run/processrunner.h>

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>

using namespace Mcw;
using Core::OutputStream;
using Core::ProcessOutcome;
using Core::ProcessRunner;
using Core::ToolInvocation;
using Tests::fakeToolPath;
using Tests::waitUntil;

namespace {

struct Captured
{
    QStringList out;
    QStringList err;
    bool finished = false;
};

void capture(ProcessRunner &runner, Captured &c)
{
    QObject::connect(&runner, &ProcessRunner::lineReceived, &runner,
                     [&c](OutputStream s, const QString &line) {
                         (s == OutputStream::Stderr ? c.err : c.out).append(line);
                     });
    QObject::connect(&runner, &ProcessRunner::finished, &runner, [&c] { c.finished = true; });
}

ToolInvocation fake(const QStringList &script, const QString &cwd = {})
{
    return ToolInvocation{fakeToolPath(), script, cwd, {}};
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("<missing>");
}

} // namespace

TEST(ProcessRunner, SplitsStreamsOnCarriageReturnAndNewline)
{
    QTemporaryDir dir;
    ProcessRunner runner;
    Captured c;
    capture(runner, c);
    runner.setLogFile(dir.filePath(QStringLiteral("step.log")));
    ASSERT_TRUE(runner.start(fake({QStringLiteral("out:first"),
                                   QStringLiteral("rawerr:\\rbar:  0%|\\rbar: 50%|\\rbar:100%|\\n"),
                                   QStringLiteral("raw:a\\r\\nb\\n\\nc"),
                                   QStringLiteral("err:Traceback")})));
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_EQ(c.out, (QStringList{QStringLiteral("first"), QStringLiteral("a"), QStringLiteral("b"),
                                  QString(), QStringLiteral("c")}));
    EXPECT_EQ(c.err, (QStringList{QStringLiteral("bar:  0%|"), QStringLiteral("bar: 50%|"),
                                  QStringLiteral("bar:100%|"), QStringLiteral("Traceback")}));
    EXPECT_TRUE(runner.outcome().succeeded());
    EXPECT_TRUE(runner.result().has_value());

    // The raw files keep the bytes; the interleaved log tags every line with its stream.
    EXPECT_EQ(readAll(dir.filePath(QStringLiteral("step.stdout.log"))),
              QStringLiteral("first\na\r\nb\n\nc"));
    EXPECT_EQ(readAll(dir.filePath(QStringLiteral("step.stderr.log"))),
              QStringLiteral("\rbar:  0%|\rbar: 50%|\rbar:100%|\nTraceback\n"));
    // Read back, the redraws collapse into the bar's last state, as a terminal shows it.
    auto log = Core::readStepLog(dir.filePath(QStringLiteral("step.log")));
    ASSERT_TRUE(log.has_value());
    QStringList errLines;
    for (const Core::StepLogLine &l : *log) {
        if (l.stream == OutputStream::Stderr)
            errLines.append(l.text);
    }
    EXPECT_EQ(errLines, (QStringList{QStringLiteral("bar:100%|"), QStringLiteral("Traceback")}));
    EXPECT_EQ(log->first().stream, OutputStream::Meta);
    EXPECT_TRUE(log->first().text.startsWith(QStringLiteral("$ ") + fakeToolPath()));
    EXPECT_EQ(log->last().stream, OutputStream::Meta);
    EXPECT_TRUE(log->last().text.startsWith(QStringLiteral("exit code 0")));
}

TEST(ProcessRunner, ArgumentsWithShellMetacharactersArriveUnchanged)
{
    QTemporaryDir dir;
    const QString cwd = dir.filePath(QStringLiteral("job dir 'x' $HOME; ls"));
    ASSERT_TRUE(QDir().mkpath(cwd));
    const QString argvFile = dir.filePath(QStringLiteral("argv.bin"));
    const QStringList script{QStringLiteral("argv:") + argvFile,
                             QStringLiteral("cwd:") + dir.filePath(QStringLiteral("cwd.txt")),
                             QStringLiteral("--model_def=/tmp/a b/it's \"q\" $PATH; rm -rf x"),
                             QStringLiteral("env:MCW_TEST_VAR")};
    ToolInvocation inv = fake(script, cwd);
    inv.environment.insert(QStringLiteral("MCW_TEST_VAR"), QStringLiteral("v a l;$x"));
    ProcessRunner runner;
    Captured c;
    capture(runner, c);
    ASSERT_TRUE(runner.start(inv));
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    ASSERT_TRUE(runner.outcome().succeeded());
    const QStringList received = readAll(argvFile).split(QChar(0), Qt::SkipEmptyParts);
    EXPECT_EQ(received, script);
    EXPECT_EQ(readAll(dir.filePath(QStringLiteral("cwd.txt"))), cwd);
    EXPECT_EQ(c.out, QStringList{QStringLiteral("env MCW_TEST_VAR=v a l;$x")});
    // The inherited environment is kept.
    EXPECT_FALSE(qEnvironmentVariableIsEmpty("PATH"));
}

struct ExitCase
{
    QStringList script;
    ProcessOutcome::Kind kind;
    int exitCode;
    const char *messagePart;
};

class ProcessRunnerExit : public ::testing::TestWithParam<ExitCase>
{};

TEST_P(ProcessRunnerExit, MapsStatusToOneSentence)
{
    const ExitCase &param = GetParam();
    ProcessRunner runner;
    runner.setDisplayName(QStringLiteral("model_deploy"));
    Captured c;
    capture(runner, c);
    runner.start(fake(param.script));
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_EQ(runner.outcome().kind, param.kind);
    EXPECT_EQ(runner.outcome().exitCode, param.exitCode);
    const auto result = runner.result();
    ASSERT_FALSE(result.has_value());
    EXPECT_TRUE(result.error().message.startsWith(QStringLiteral("model_deploy ")))
        << result.error().message.toStdString();
    EXPECT_TRUE(result.error().message.contains(QLatin1String(param.messagePart)))
        << result.error().message.toStdString();
    EXPECT_TRUE(result.error().message.endsWith(QLatin1Char('.')));
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, ProcessRunnerExit,
    ::testing::Values(
        ExitCase{{QStringLiteral("err:boom"), QStringLiteral("exit:3")}, ProcessOutcome::Kind::Exited, 3, "exit code 3"},
        ExitCase{{QStringLiteral("exit:137")}, ProcessOutcome::Kind::Exited, 137, "out of memory"},
        ExitCase{{QStringLiteral("exit:127")}, ProcessOutcome::Kind::Exited, 127, "not found"},
        ExitCase{{QStringLiteral("crash:11")}, ProcessOutcome::Kind::Crashed, SIGSEGV, "segmentation fault"},
        ExitCase{{QStringLiteral("crash:9")}, ProcessOutcome::Kind::Crashed, SIGKILL, "ran out of memory"},
        ExitCase{{QStringLiteral("crash:6")}, ProcessOutcome::Kind::Crashed, SIGABRT, "assertion"}),
    [](const ::testing::TestParamInfo<ExitCase> &p) { return "case" + std::to_string(p.index); });

TEST(ProcessRunner, StderrTailBecomesTheDetails)
{
    ProcessRunner runner;
    Captured c;
    capture(runner, c);
    runner.start(fake({QStringLiteral("err:Traceback (most recent call last):"),
                       QStringLiteral("err:RuntimeError: Op not support:{'Mod'}"), QStringLiteral("exit:1")}));
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_EQ(runner.result().error().details,
              QStringLiteral("Traceback (most recent call last):\nRuntimeError: Op not support:{'Mod'}"));
}

TEST(ProcessRunner, MissingProgramFailsToStart)
{
    ProcessRunner runner;
    Captured c;
    capture(runner, c);
    runner.start(ToolInvocation{QStringLiteral("/nonexistent/model_transform"), {}, {}, {}});
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_EQ(runner.outcome().kind, ProcessOutcome::Kind::FailedToStart);
    EXPECT_EQ(runner.result().error().code, Core::Error::Code::NotFound);
    EXPECT_TRUE(runner.result().error().message.startsWith(QStringLiteral("model_transform could not be started")));
}

TEST(ProcessRunner, CancelKillsTheWholeGroupEvenWhenSigtermIsIgnored)
{
    ProcessRunner runner;
    runner.setKillGracePeriod(300);
    Captured c;
    capture(runner, c);
    ASSERT_TRUE(runner.start(fake({QStringLiteral("child:60000:ignoreterm"), QStringLiteral("ignoreterm"),
                                   QStringLiteral("pid"), QStringLiteral("sleep:60000")})));
    ASSERT_TRUE(waitUntil([&] { return c.out.size() >= 2; }));
    const qint64 childPid = c.out.at(0).section(QLatin1Char(' '), 1, 1).toLongLong();
    const qint64 toolPid = c.out.at(1).section(QLatin1Char(' '), 1, 1).toLongLong();
    const qint64 toolPgid = c.out.at(1).section(QLatin1Char(' '), 3, 3).toLongLong();
    EXPECT_EQ(toolPgid, toolPid) << "the tool must lead its own process group";
    EXPECT_EQ(runner.processGroupId(), toolPid);
    ASSERT_TRUE(Tests::pidAlive(childPid));
    runner.cancel();
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_EQ(runner.outcome().kind, ProcessOutcome::Kind::Cancelled);
    EXPECT_EQ(runner.result().error().code, Core::Error::Code::Cancelled);
    EXPECT_FALSE(Tests::pidAlive(toolPid));
    EXPECT_FALSE(Tests::pidAlive(childPid));
    EXPECT_FALSE(ProcessRunner::isProcessGroupAlive(toolPgid));
}

TEST(ProcessRunner, TimeoutStopsTheStep)
{
    ProcessRunner runner;
    runner.setTimeout(200);
    runner.setKillGracePeriod(200);
    Captured c;
    capture(runner, c);
    runner.start(fake({QStringLiteral("pid"), QStringLiteral("sleep:60000")}));
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_EQ(runner.outcome().kind, ProcessOutcome::Kind::TimedOut);
    EXPECT_LT(runner.outcome().elapsedMs, 5000);
    EXPECT_EQ(runner.result().error().code, Core::Error::Code::Timeout);
    EXPECT_TRUE(runner.result().error().message.contains(QStringLiteral("200 ms")));
    EXPECT_FALSE(Tests::pidAlive(c.out.at(0).section(QLatin1Char(' '), 1, 1).toLongLong()));
}

TEST(ProcessRunner, OrphanedGrandchildIsStoppedAfterNormalExit)
{
    ProcessRunner runner;
    Captured c;
    capture(runner, c);
    runner.start(fake({QStringLiteral("child:60000"), QStringLiteral("exit:0")}));
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    const qint64 childPid = c.out.at(0).section(QLatin1Char(' '), 1, 1).toLongLong();
    EXPECT_TRUE(waitUntil([&] { return !Tests::pidAlive(childPid); }, 3000));
}

TEST(ProcessRunner, CancelRunsTheBackendCancelCommands)
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("terminated"));
    const QString killMarker = dir.filePath(QStringLiteral("killed"));
    ProcessRunner runner;
    runner.setKillGracePeriod(200);
    runner.setCancelInvocations({fake({QStringLiteral("touch:") + marker + QStringLiteral(":term")})},
                                {fake({QStringLiteral("touch:") + killMarker + QStringLiteral(":kill")})});
    Captured c;
    capture(runner, c);
    runner.start(fake({QStringLiteral("ignoreterm"), QStringLiteral("pid"), QStringLiteral("sleep:60000")}));
    ASSERT_TRUE(waitUntil([&] { return !c.out.isEmpty(); }));
    runner.cancel();
    ASSERT_TRUE(waitUntil([&] { return c.finished; }));
    EXPECT_TRUE(waitUntil([&] { return QFile::exists(marker) && QFile::exists(killMarker); }, 3000));
    EXPECT_EQ(readAll(marker), QStringLiteral("term"));
}
