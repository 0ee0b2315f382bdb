// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtestsupport.h"

#include <core/run/dockerexecbackend.h>
#include <core/run/dockerrunbackend.h>
#include <core/run/nativebackend.h>
#include <core/run/processrunner.h>

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace Mcw;
using Core::OutputStream;
using Core::ProcessRunner;
using Core::ToolchainSettings;
using Core::ToolInvocation;
using Tests::waitUntil;

namespace {

QString uidGid()
{
    return QStringLiteral("%1:%2").arg(::getuid()).arg(::getgid());
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("<missing>");
}

/** Runs \a inv to completion with the backend's cancel hooks; optionally cancels after \a cancelWhen. */
struct BackendRun
{
    ProcessRunner runner;
    QStringList out;
    QStringList err;
    bool finished = false;

    BackendRun(const Core::ToolchainBackend &backend, const ToolInvocation &tool, const QString &tag)
    {
        QObject::connect(&runner, &ProcessRunner::lineReceived, &runner, [this](OutputStream s, const QString &l, bool) {
            (s == OutputStream::Stderr ? err : out).append(l);
        });
        QObject::connect(&runner, &ProcessRunner::finished, &runner, [this] { finished = true; });
        runner.setKillGracePeriod(500);
        runner.setCancelInvocations(backend.terminateInvocations(tool, tag), backend.killInvocations(tool, tag));
        auto wrapped = backend.wrap(tool, tag);
        EXPECT_TRUE(wrapped.has_value()) << (wrapped ? "" : wrapped.error().message.toStdString());
        if (wrapped)
            runner.start(*wrapped);
    }
};

class DockerBackend : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_log = m_dir.filePath(QStringLiteral("docker.log"));
        qputenv("MCW_RECORDING_DOCKER_LOG", m_log.toUtf8());
        qputenv("MCW_RECORDING_DOCKER_STATE", "ok");
        m_settings.dockerProgram = Tests::recordingDockerPath();
        m_settings.image = QStringLiteral("maixcam-workbench/tpu-mlir:v3.4");
        m_jobDir = m_dir.filePath(QStringLiteral("work space/job 'one' $x; ls"));
        ASSERT_TRUE(QDir().mkpath(m_jobDir));
    }
    void TearDown() override
    {
        qunsetenv("MCW_RECORDING_DOCKER_LOG");
        qunsetenv("MCW_RECORDING_DOCKER_STATE");
    }

    QTemporaryDir m_dir;
    QString m_log;
    QString m_jobDir;
    ToolchainSettings m_settings;
};

} // namespace

TEST_F(DockerBackend, RunArgvMountsTheWorkspaceAtTheSamePath)
{
    const QString modelDir = m_dir.filePath(QStringLiteral("models dir"));
    ASSERT_TRUE(QDir().mkpath(modelDir));
    QFile(modelDir + QStringLiteral("/m.onnx")).open(QIODevice::WriteOnly);
    const ToolInvocation tool{QStringLiteral("model_transform.py"),
                              {QStringLiteral("--model_def"), modelDir + QStringLiteral("/m.onnx"),
                               QStringLiteral("--mean=-1,0,0"), QStringLiteral("--mlir"), QStringLiteral("m.mlir")},
                              m_jobDir,
                              {{QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("2")}}};
    Core::DockerRunBackend backend(m_settings);
    auto wrapped = backend.wrap(tool, QStringLiteral("job1-transform-1"));
    ASSERT_TRUE(wrapped.has_value());
    // Both folders are mounted, shorter paths first (the order mountsFor() promises).
    QStringList mounts{m_jobDir, modelDir};
    std::sort(mounts.begin(), mounts.end(), [](const QString &a, const QString &b) { return a.size() < b.size(); });
    QStringList expected{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--name"),
                         QStringLiteral("mcw-job1-transform-1")};
    for (const QString &m : mounts)
        expected << QStringLiteral("-v") << m + QLatin1Char(':') + m;
    expected << QStringLiteral("-w") << m_jobDir << QStringLiteral("-e") << QStringLiteral("PYTHONUNBUFFERED=1")
             << QStringLiteral("--user") << uidGid() << QStringLiteral("-e") << QStringLiteral("HOME=") + m_jobDir
             << QStringLiteral("-e") << QStringLiteral("MCW_RUN_FOLDER") << QStringLiteral("-e") << QStringLiteral("MCW_SESSION")
             << QStringLiteral("-e") << QStringLiteral("OMP_NUM_THREADS=2") << m_settings.image
             << QStringLiteral("model_transform.py") << tool.arguments;
    EXPECT_EQ(wrapped->program, m_settings.dockerProgram);
    EXPECT_EQ(wrapped->arguments, expected);
    EXPECT_EQ(backend.terminateInvocations(tool, QStringLiteral("job1-transform-1")).first().arguments,
              (QStringList{QStringLiteral("kill"), QStringLiteral("--signal=TERM"), QStringLiteral("mcw-job1-transform-1")}));
}

// Axera's image starts a shell as its entrypoint (maixcam2.md §1.1), so a pulsar2 step names the
// tool as the entrypoint and runs from the Pulsar2 image; tpu-mlir steps keep theirs.
TEST_F(DockerBackend, Pulsar2StepsRunFromTheirImageWithPulsar2AsEntrypoint)
{
    m_settings.pulsar2Image = QStringLiteral("axera/pulsar2:7.0");
    const ToolInvocation tool{QStringLiteral("pulsar2"),
                              {QStringLiteral("build"), QStringLiteral("--target_hardware"), QStringLiteral("AX620E"),
                               QStringLiteral("--config"), QStringLiteral("m.npu.json")},
                              m_jobDir,
                              {}};
    Core::DockerRunBackend backend(m_settings);
    auto wrapped = backend.wrap(tool, QStringLiteral("job1-build_npu-1"));
    ASSERT_TRUE(wrapped.has_value());
    const QStringList &args = wrapped->arguments;
    const qsizetype entrypoint = args.indexOf(QStringLiteral("--entrypoint"));
    ASSERT_GE(entrypoint, 0);
    EXPECT_EQ(args.mid(entrypoint), (QStringList{QStringLiteral("--entrypoint"), QStringLiteral("pulsar2"),
                                                 QStringLiteral("axera/pulsar2:7.0")}
                                     + tool.arguments));
    EXPECT_FALSE(args.contains(m_settings.image));

    // Copy mode creates the container the same way.
    Core::DockerRunBackend copying(m_settings, m_settings.engines.first(), Core::DockerEngine::Transfer::Copy);
    const auto plan = copying.plan(tool, QStringLiteral("job1-build_npu-1"));
    ASSERT_TRUE(plan.has_value());
    const QStringList create = plan->phases.first().invocation.arguments;
    EXPECT_EQ(create.mid(create.indexOf(QStringLiteral("--entrypoint"))),
              (QStringList{QStringLiteral("--entrypoint"), QStringLiteral("pulsar2"), QStringLiteral("axera/pulsar2:7.0")}
               + tool.arguments));

    // docker exec goes into the Pulsar2 container; none set is one sentence.
    Core::ToolchainSettings exec = m_settings;
    exec.pulsar2Container = QStringLiteral("p2");
    auto execWrapped = Core::DockerExecBackend(exec).wrap(tool, QStringLiteral("t"));
    ASSERT_TRUE(execWrapped.has_value());
    EXPECT_TRUE(execWrapped->arguments.contains(QStringLiteral("p2")));
    exec.pulsar2Container.clear();
    exec.container = QStringLiteral("tpu");
    const auto refused = Core::DockerExecBackend(exec).wrap(tool, QStringLiteral("t"));
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(refused.error().message.startsWith(QStringLiteral("Pulsar2 steps run in a container of their own")));
    // What the Jobs panel and `run` print for it names the missing container, not an empty one.
    EXPECT_EQ(exec.describe(Core::Toolchain::Pulsar2), QStringLiteral("docker exec (no Pulsar2 container set)"));
    EXPECT_EQ(exec.describe(Core::Toolchain::TpuMlir), QStringLiteral("docker exec tpu"));

    // A missing image points at docker load, not at our Dockerfile.
    Core::ProcessOutcome missing;
    missing.kind = Core::ProcessOutcome::Kind::Exited;
    missing.exitCode = 125;
    missing.stderrTail = {QStringLiteral("Unable to find image 'axera/pulsar2:7.0' locally"),
                          QStringLiteral("docker: Error response from daemon: pull access denied for axera/pulsar2.")};
    const Core::Error error = backend.interpretFailure(missing, QStringLiteral("pulsar2"));
    EXPECT_TRUE(error.message.contains(QStringLiteral("docker load -i ax_pulsar2_6.0.tar.gz"))) << error.message.toStdString();
    EXPECT_TRUE(error.message.contains(QStringLiteral("'axera/pulsar2:7.0'"))) << error.message.toStdString();
}

TEST_F(DockerBackend, NestedFoldersAreMountedOnceAndColonsAreRefused)
{
    m_settings.workspace = m_dir.path();
    Core::DockerRunBackend backend(m_settings);
    const ToolInvocation tool{QStringLiteral("model_deploy.py"), {QStringLiteral("--mlir"), m_jobDir + QStringLiteral("/a.mlir")}, m_jobDir, {}};
    EXPECT_EQ(backend.mountsFor(tool), QStringList{QDir::cleanPath(m_dir.path())});

    const QString colon = m_dir.filePath(QStringLiteral("a:b"));
    ASSERT_TRUE(QDir().mkpath(colon));
    Core::ToolchainSettings plain = m_settings;
    plain.workspace.clear();
    auto wrapped = Core::DockerRunBackend(plain).wrap(ToolInvocation{QStringLiteral("x"), {}, colon, {}}, QStringLiteral("t"));
    ASSERT_FALSE(wrapped.has_value());
    EXPECT_TRUE(wrapped.error().message.contains(QStringLiteral("contains ':'")));
}

TEST_F(DockerBackend, ToolReceivesArgumentsUnchangedThroughDockerRun)
{
    const QString argvFile = m_dir.filePath(QStringLiteral("argv.bin"));
    const QStringList script{QStringLiteral("argv:") + argvFile, QStringLiteral("env:HOME"),
                             QStringLiteral("env:PYTHONUNBUFFERED"), QStringLiteral("--x=it's \"q\" $HOME; rm -rf /")};
    Core::DockerRunBackend backend(m_settings);
    BackendRun run(backend, ToolInvocation{Tests::fakeToolPath(), script, m_jobDir, {}}, QStringLiteral("argv-test"));
    ASSERT_TRUE(waitUntil([&] { return run.finished; }));
    ASSERT_TRUE(run.runner.outcome().succeeded()) << run.err.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(readAll(argvFile).split(QChar(0), Qt::SkipEmptyParts), script);
    EXPECT_EQ(run.out, (QStringList{QStringLiteral("env HOME=") + m_jobDir, QStringLiteral("env PYTHONUNBUFFERED=1")}));
    const auto calls = Tests::recordedDockerCalls(m_log);
    ASSERT_EQ(calls.size(), 1);
    EXPECT_EQ(calls.first().mid(0, 2), (QStringList{QStringLiteral("run"), QStringLiteral("--rm")}));
}

TEST_F(DockerBackend, CancelDockerRunKillsTheContainerByName)
{
    Core::DockerRunBackend backend(m_settings);
    BackendRun run(backend, ToolInvocation{Tests::fakeToolPath(), {QStringLiteral("pid"), QStringLiteral("sleep:60000")}, m_jobDir, {}},
            QStringLiteral("cancel-run"));
    ASSERT_TRUE(waitUntil([&] { return !run.out.isEmpty(); }));
    const qint64 toolPid = run.out.first().section(QLatin1Char(' '), 1, 1).toLongLong();
    run.runner.cancel();
    ASSERT_TRUE(waitUntil([&] { return run.finished; }));
    EXPECT_FALSE(Tests::pidAlive(toolPid));
    ASSERT_TRUE(waitUntil([&] { return Tests::recordedDockerCalls(m_log).size() >= 2; }, 3000));
    EXPECT_TRUE(Tests::recordedDockerCalls(m_log).contains(
        QStringList{QStringLiteral("kill"), QStringLiteral("--signal=TERM"), QStringLiteral("mcw-cancel-run")}));
}

TEST_F(DockerBackend, CancelDockerExecKillsTheGroupInsideTheContainer)
{
    m_settings.container = QStringLiteral("tpu dev");
    Core::DockerExecBackend backend(m_settings);
    const ToolInvocation tool{Tests::fakeToolPath(),
                              {QStringLiteral("child:60000:ignoreterm"), QStringLiteral("pid"), QStringLiteral("sleep:60000")},
                              m_jobDir, {}};
    BackendRun run(backend, tool, QStringLiteral("cancel-exec"));
    ASSERT_TRUE(waitUntil([&] { return run.out.size() >= 2; }));
    const qint64 childPid = run.out.at(0).section(QLatin1Char(' '), 1, 1).toLongLong();
    const qint64 toolPid = run.out.at(1).section(QLatin1Char(' '), 1, 1).toLongLong();
    const qint64 toolPgid = run.out.at(1).section(QLatin1Char(' '), 3, 3).toLongLong();
    // The tool leads its own group "inside the container", apart from the docker client's group.
    EXPECT_EQ(toolPgid, toolPid);
    EXPECT_NE(toolPgid, run.runner.processGroupId());
    EXPECT_EQ(readAll(Core::DockerExecBackend::pidFile(tool, QStringLiteral("cancel-exec"))).trimmed().toLongLong(), toolPid);
    run.runner.cancel();
    ASSERT_TRUE(waitUntil([&] { return run.finished; }));
    EXPECT_TRUE(waitUntil([&] { return !Tests::pidAlive(toolPid) && !Tests::pidAlive(childPid); }, 3000));
    const auto calls = Tests::recordedDockerCalls(m_log);
    ASSERT_FALSE(calls.isEmpty());
    EXPECT_EQ(calls.first().mid(0, 9),
              (QStringList{QStringLiteral("exec"), QStringLiteral("-w"), m_jobDir, QStringLiteral("-e"),
                           QStringLiteral("PYTHONUNBUFFERED=1"), QStringLiteral("--user"), uidGid(),
                           QStringLiteral("-e"), QStringLiteral("HOME=") + m_jobDir}));
    EXPECT_TRUE(std::any_of(calls.cbegin(), calls.cend(), [](const QStringList &c) {
        return c.size() > 3 && c.at(0) == QLatin1String("exec") && c.at(1) == QLatin1String("tpu dev")
               && c.at(3) == QLatin1String("-c") && c.at(4).startsWith(QLatin1String("kill -TERM"));
    }));
}

struct DockerFailureCase
{
    const char *state;
    bool exec;
    const char *expected;
};

class DockerFailure : public DockerBackend, public ::testing::WithParamInterface<DockerFailureCase>
{};

TEST_P(DockerFailure, DockerMessagesBecomeActionableSentences)
{
    qputenv("MCW_RECORDING_DOCKER_STATE", GetParam().state);
    if (GetParam().exec)
        m_settings.container = QStringLiteral("tpu");
    auto backend = Core::ToolchainBackend::create(m_settings);
    BackendRun run(*backend, ToolInvocation{QStringLiteral("model_transform.py"), {}, m_jobDir, {}}, QStringLiteral("fail"));
    ASSERT_TRUE(waitUntil([&] { return run.finished; }));
    const Core::Error error = backend->interpretFailure(run.runner.outcome(), QStringLiteral("model_transform"));
    EXPECT_TRUE(error.message.contains(QLatin1String(GetParam().expected))) << error.message.toStdString();
    EXPECT_FALSE(error.details.isEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    States, DockerFailure,
    ::testing::Values(DockerFailureCase{"no_daemon", false, "Docker daemon is not running"},
                      DockerFailureCase{"no_permission", false, "Permission denied on the Docker socket"},
                      DockerFailureCase{"no_image", false, "image 'maixcam-workbench/tpu-mlir:v3.4' is not available"},
                      DockerFailureCase{"no_tool", false, "tpu_mlir wheel is not installed"},
                      DockerFailureCase{"no_container", true, "container 'tpu' does not exist"},
                      DockerFailureCase{"stopped", true, "docker start tpu"}),
    [](const ::testing::TestParamInfo<DockerFailureCase> &p) { return std::string(p.param.state); });

TEST_F(DockerBackend, MissingDockerProgramSaysDockerIsNotInstalled)
{
    m_settings.dockerProgram = QStringLiteral("/nonexistent/bin/docker");
    Core::DockerRunBackend backend(m_settings);
    BackendRun run(backend, ToolInvocation{QStringLiteral("model_transform.py"), {}, m_jobDir, {}}, QStringLiteral("none"));
    ASSERT_TRUE(waitUntil([&] { return run.finished; }));
    EXPECT_TRUE(backend.interpretFailure(run.runner.outcome(), QStringLiteral("model_transform"))
                    .message.startsWith(QStringLiteral("Docker is not installed")));
}

TEST(NativeBackend, FindsToolsInTheToolFolderAndPrependsItToPath)
{
    QTemporaryDir dir;
    const QString tool = dir.filePath(QStringLiteral("model_transform.py"));
    ASSERT_TRUE(QFile::link(Tests::fakeToolPath(), tool));
    ToolchainSettings settings;
    settings.backend = ToolchainSettings::Backend::Native;
    settings.toolDirectory = dir.path();
    Core::NativeBackend backend(settings);
    auto wrapped = backend.wrap(ToolInvocation{QStringLiteral("model_transform.py"), {QStringLiteral("env:PATH")}, dir.path(), {}},
                                QStringLiteral("t"));
    ASSERT_TRUE(wrapped.has_value());
    EXPECT_EQ(wrapped->program, tool);
    EXPECT_TRUE(wrapped->environment.value(QStringLiteral("PATH")).startsWith(dir.path() + QLatin1Char(':')));
    EXPECT_EQ(wrapped->environment.value(QStringLiteral("PYTHONUNBUFFERED")), QStringLiteral("1"));

    auto missing = backend.wrap(ToolInvocation{QStringLiteral("no_such_tool_xyz.py"), {}, dir.path(), {}}, QStringLiteral("t"));
    ASSERT_FALSE(missing.has_value());
    EXPECT_TRUE(missing.error().message.startsWith(QStringLiteral("no_such_tool_xyz.py was not found on PATH")));
}
