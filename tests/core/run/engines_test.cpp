// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Engines: parsing and settings, copy-mode plans, EngineCheck against the docker double, and the
// pool spreading jobs over engines and steering retries away from an engine that went away.
#include "runtestsupport.h"

#include <core/run/conversionpipeline.h>
#include <core/run/dockerengine.h>
#include <core/run/dockerrunbackend.h>
#include <core/run/enginecheck.h>
#include <core/run/jobpool.h>
#include <core/run/nativebackend.h>

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::DockerEngine;
using Core::JobPool;
using Core::JobState;
using Core::StepState;
using Core::ToolInvocation;
using Tests::waitUntil;

TEST(DockerEngine, SpecsBecomeTheCliOptionsDockerExpects)
{
    const auto address = DockerEngine::fromSpec(QStringLiteral("ssh://me@gpu-box"));
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->cliArguments(), (QStringList{QStringLiteral("--host"), QStringLiteral("ssh://me@gpu-box")}));
    EXPECT_EQ(address->presumedTransfer(), DockerEngine::Transfer::Copy);

    const auto context = DockerEngine::fromSpec(QStringLiteral("lab-x86"));
    ASSERT_TRUE(context.has_value());
    EXPECT_EQ(context->cliArguments(), (QStringList{QStringLiteral("--context"), QStringLiteral("lab-x86")}));

    const auto socket = DockerEngine::fromSpec(QStringLiteral("unix:///run/user/1000/docker.sock"));
    ASSERT_TRUE(socket.has_value());
    EXPECT_EQ(socket->localSocketPath().value_or(QString()), QStringLiteral("/run/user/1000/docker.sock"));
    EXPECT_EQ(socket->presumedTransfer(), DockerEngine::Transfer::Mount);

    EXPECT_TRUE(DockerEngine::local().cliArguments().isEmpty());

    const auto bad = DockerEngine::fromSpec(QStringLiteral("http://host"));
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("'http://host'"))) << bad.error().message.toStdString();
    EXPECT_FALSE(DockerEngine::fromSpec(QStringLiteral("two words")).has_value());
}

TEST(DockerEngine, ListProblemsAreOneSentenceEach)
{
    EXPECT_FALSE(DockerEngine::listProblem({}).isEmpty());
    DockerEngine a = DockerEngine::local();
    DockerEngine b = *DockerEngine::fromSpec(QStringLiteral("tcp://10.0.0.2:2376"));
    EXPECT_TRUE(DockerEngine::listProblem({a, b}).isEmpty());
    b.name = a.name;
    EXPECT_EQ(DockerEngine::listProblem({a, b}),
              QStringLiteral("Two engines are named 'local'; give each engine its own name."));
}

TEST(DockerEngine, SettingsKeepTheListAndMigrateTheOldConcurrency)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    {
        QSettings old(file, QSettings::IniFormat);
        old.setValue(QStringLiteral("toolchain/maxConcurrency"), 3);
    }
    QSettings settings(file, QSettings::IniFormat);
    Core::ToolchainSettings loaded = Core::ToolchainSettings::load(settings);
    ASSERT_EQ(loaded.engines.size(), 1);
    EXPECT_EQ(loaded.engines.first().maxConcurrentSteps, 3) << "settings from before engines keep their concurrency";

    DockerEngine remote = *DockerEngine::fromSpec(QStringLiteral("ssh://me@gpu-box"));
    remote.name = QStringLiteral("gpu box");
    remote.maxConcurrentSteps = 2;
    remote.transfer = DockerEngine::Transfer::Copy;
    loaded.engines.append(remote);
    loaded.save(settings);
    const Core::ToolchainSettings again = Core::ToolchainSettings::load(settings);
    EXPECT_EQ(again, loaded);
    EXPECT_EQ(again.totalSlots(), 5);
}

TEST(DockerRunBackend, CopyModePlansCreateCopyStartCopyRemoveOnTheEngine)
{
    QTemporaryDir dir;
    const QString job = dir.filePath(QStringLiteral("run 1"));
    const QString data = dir.filePath(QStringLiteral("cali"));
    QDir().mkpath(job);
    QDir().mkpath(data);
    Core::ToolchainSettings settings;
    const DockerEngine engine = *DockerEngine::fromSpec(QStringLiteral("tcp://10.0.0.2:2376"));
    const Core::DockerRunBackend backend(settings, engine, DockerEngine::Transfer::Auto);
    EXPECT_EQ(backend.transfer(), DockerEngine::Transfer::Copy);
    const ToolInvocation tool{QStringLiteral("run_calibration.py"),
                              {QStringLiteral("m.mlir"), QStringLiteral("--dataset"), data}, job, {}};
    const auto plan = backend.plan(tool, QStringLiteral("j-calibration-1"));
    ASSERT_TRUE(plan.has_value()) << plan.error().message.toStdString();
    QStringList kinds;
    for (const Core::StepPlan::Phase &p : plan->phases) {
        if (p.kind == Core::StepPlan::Phase::Kind::Command) {
            EXPECT_EQ(p.invocation.arguments.mid(0, 2), engine.cliArguments()) << "every docker call names the engine";
            kinds.append(p.invocation.arguments.at(2));
        } else {
            kinds.append(p.kind == Core::StepPlan::Phase::Kind::PackInputs ? QStringLiteral("pack") : QStringLiteral("unpack"));
        }
    }
    EXPECT_EQ(kinds, (QStringList{QStringLiteral("create"), QStringLiteral("pack"), QStringLiteral("cp"),
                                  QStringLiteral("start"), QStringLiteral("cp"), QStringLiteral("unpack"),
                                  QStringLiteral("rm")}));
    const QStringList create = plan->phases.first().invocation.arguments;
    EXPECT_FALSE(create.contains(QStringLiteral("-v"))) << "nothing is bind-mounted in copy mode";
    EXPECT_EQ(create.at(create.indexOf(QStringLiteral("-w")) + 1), QDir::cleanPath(job));
    EXPECT_EQ(create.mid(create.size() - 4), (QStringList{QStringLiteral("run_calibration.py"), QStringLiteral("m.mlir"),
                                                          QStringLiteral("--dataset"), data}))
        << "the argv is unchanged: the inputs land at the same absolute paths";
    EXPECT_EQ(plan->phases.at(1).inputs, (QStringList{QDir::cleanPath(job), data}));
    EXPECT_TRUE(plan->phases.at(3).main);
    EXPECT_TRUE(plan->phases.last().cleanup);
    EXPECT_TRUE(plan->phases.at(4).afterExit);
}

namespace {

/** The native backend under an engine's name, with a health check that the test can break. */
class NamedEngineBackend final : public Core::ToolchainBackend
{
public:
    NamedEngineBackend(QString name, QString aliveFile)
        : m_name(std::move(name))
        , m_aliveFile(std::move(aliveFile))
    {}
    QString describe() const override { return QStringLiteral("engine ") + m_name; }
    Core::Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &) const override
    {
        ToolInvocation t = tool;
        t.program = Tests::fakeToolPath();
        return t;
    }
    QString engineName() const override { return m_name; }
    std::optional<ToolInvocation> healthCheck() const override
    {
        return ToolInvocation{QStringLiteral("/bin/test"), {QStringLiteral("-e"), m_aliveFile}, {}, {}};
    }

private:
    QString m_name;
    QString m_aliveFile;
};

class EnginePool : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        for (const char *name : {"a", "b"}) {
            const QString alive = m_dir.filePath(QStringLiteral("%1.alive").arg(QLatin1String(name)));
            QFile(alive).open(QIODevice::WriteOnly);
            JobPool::Engine e;
            e.name = QLatin1String(name);
            e.capacity = 1;
            e.backend = std::make_shared<NamedEngineBackend>(e.name, alive);
            m_engines.append(e);
        }
        m_pool.setEngines(m_engines);
        m_pool.setMaxConcurrency(2);
    }

    Core::ConversionJob *submit(const QString &name, const QStringList &script)
    {
        auto dir = Core::ConversionPipeline::makeJobDirectory(m_dir.filePath(QStringLiteral("runs")), name);
        EXPECT_TRUE(dir.has_value());
        const ToolInvocation step{QStringLiteral("model_transform.py"), script, {}, {}};
        auto job = Core::ConversionPipeline::createJob(name, *dir, {Core::PipelineStepSpec{QStringLiteral("transform"), QStringLiteral("Transform"), step, {}}});
        EXPECT_TRUE(job.has_value());
        return m_pool.submit(*job);
    }

    QTemporaryDir m_dir;
    QList<JobPool::Engine> m_engines;
    JobPool m_pool;
};

} // namespace

TEST_F(EnginePool, JobsSpreadOverTheEnginesAndEachTakesOnlyItsSlots)
{
    int most = 0;
    QObject::connect(&m_pool, &JobPool::jobChanged, &m_pool, [&] {
        most = std::max({most, m_pool.runningOn(QStringLiteral("a")), m_pool.runningOn(QStringLiteral("b"))});
    });
    QList<Core::ConversionJob *> jobs;
    for (int i = 0; i < 4; ++i)
        jobs.append(submit(QStringLiteral("m%1").arg(i), {QStringLiteral("sleep:150")}));
    ASSERT_TRUE(waitUntil([&] { return m_pool.isIdle(); }, 20000));
    QSet<QString> used;
    for (const Core::ConversionJob *j : jobs) {
        EXPECT_EQ(j->state(), JobState::Succeeded);
        used.insert(j->record().steps.first().engine);
    }
    EXPECT_EQ(used, (QSet<QString>{QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_EQ(most, 1) << "an engine with one slot never ran two steps at once";
}

TEST_F(EnginePool, AnEngineThatStopsAnsweringIsMarkedDownAndTheRetryGoesElsewhere)
{
    Core::ConversionJob *job = submit(QStringLiteral("lost"), {QStringLiteral("sleep:100"), QStringLiteral("exit:1")});
    ASSERT_TRUE(waitUntil([&] { return job->record().steps.first().state == StepState::Running; }));
    const QString first = job->record().steps.first().engine;
    ASSERT_FALSE(first.isEmpty());
    // The engine goes away while the step runs: its health check fails afterwards.
    QFile::remove(m_dir.filePath(first + QStringLiteral(".alive")));
    ASSERT_TRUE(waitUntil([&] { return job->state() == JobState::Failed; }));
    const Core::StepRecord &failed = job->record().steps.first();
    ASSERT_EQ(failed.diagnostics.size(), 1);
    EXPECT_EQ(failed.diagnostics.first().code, QStringLiteral("engine_down"));
    EXPECT_TRUE(failed.errorMessage.startsWith(QStringLiteral("Docker engine '%1' stopped answering during model_transform").arg(first)))
        << failed.errorMessage.toStdString();
    const auto down = std::find_if(m_pool.engines().cbegin(), m_pool.engines().cend(),
                                   [&](const JobPool::Engine &e) { return e.name == first; });
    ASSERT_NE(down, m_pool.engines().cend());
    EXPECT_TRUE(down->down);

    ASSERT_TRUE(m_pool.retry(job->id(), QStringLiteral("transform")));
    ASSERT_TRUE(waitUntil([&] { return !job->isRunning() && job->state() != JobState::Queued; }));
    EXPECT_NE(job->record().steps.first().engine, first) << "the retry ran on the engine that still answers";
}

/** Copy mode's shape with a copy that fails: the engine went away before the tool started. */
class FailingCopyBackend final : public Core::ToolchainBackend
{
public:
    QString describe() const override { return QStringLiteral("engine gone"); }
    Core::Expected<ToolInvocation> wrap(const ToolInvocation &tool, const QString &) const override { return tool; }
    Core::Expected<Core::StepPlan> plan(const ToolInvocation &tool, const QString &) const override
    {
        Core::StepPlan plan;
        Core::StepPlan::Phase copy;
        copy.title = QStringLiteral("Copying the inputs to engine 'gone'");
        copy.invocation = ToolInvocation{QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("echo refused >&2; exit 1")}, tool.workingDirectory, {}};
        plan.phases.append(copy);
        Core::StepPlan::Phase main;
        main.main = true;
        main.invocation = ToolInvocation{QStringLiteral("/bin/true"), {}, tool.workingDirectory, {}};
        plan.phases.append(main);
        return plan;
    }
};

// A step whose tool never started still has its attempt's log, saying which phase failed: a
// retried step keeps the story of every attempt (Jobs panel, logs/<step>-<n>.log).
TEST(StepRunner, AnAttemptThatFailsBeforeTheToolStartsStillWritesItsLog)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    JobPool pool;
    pool.setBackend(std::make_shared<FailingCopyBackend>());
    auto folder = Core::ConversionPipeline::makeJobDirectory(dir.path(), QStringLiteral("m"));
    ASSERT_TRUE(folder.has_value());
    const ToolInvocation step{QStringLiteral("model_transform.py"), {}, {}, {}};
    auto job = Core::ConversionPipeline::createJob(QStringLiteral("m"), *folder,
                                                   {Core::PipelineStepSpec{QStringLiteral("transform"), QStringLiteral("Transform"), step, {}}});
    ASSERT_TRUE(job.has_value());
    Core::ConversionJob *submitted = pool.submit(*job);
    ASSERT_TRUE(waitUntil([&] { return pool.isIdle(); }, 20000));
    const Core::StepRecord &record = submitted->record().steps.first();
    EXPECT_EQ(record.state, Core::StepState::Failed);
    QFile log(QDir(*folder).filePath(record.logFile));
    ASSERT_TRUE(log.open(QIODevice::ReadOnly)) << record.logFile.toStdString();
    EXPECT_TRUE(log.readAll().startsWith("Copying the inputs to engine 'gone' failed: "));
}

TEST_F(EnginePool, AToolFailureOnAHealthyEngineIsNotAnEngineFailure)
{
    Core::ConversionJob *job = submit(QStringLiteral("tool"), {QStringLiteral("err:boom"), QStringLiteral("exit:3")});
    ASSERT_TRUE(waitUntil([&] { return job->state() == JobState::Failed; }));
    for (const JobPool::Engine &e : m_pool.engines())
        EXPECT_FALSE(e.down) << e.name.toStdString();
    ASSERT_FALSE(job->record().steps.first().diagnostics.isEmpty());
    EXPECT_NE(job->record().steps.first().diagnostics.first().code, QStringLiteral("engine_down"));
}

namespace {

class EngineCheckWithDouble : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("FAKE_DOCKER_STATE", m_dir.filePath(QStringLiteral("docker-state")).toUtf8());
        m_settings.dockerProgram = QStringLiteral(MCW_FAKES_DIR) + QStringLiteral("/docker");
        m_settings.image = QStringLiteral("maixcam-workbench/tpu-mlir:v3.4");
    }
    void TearDown() override
    {
        for (const char *v : {"FAKE_DOCKER_STATE", "FAKE_DOCKER_ARCH", "FAKE_DOCKER_MODE", "FAKE_TPU_VERSION"})
            qunsetenv(v);
    }

    Core::EngineCheck::Result check(const DockerEngine &engine)
    {
        Core::EngineCheck c(m_settings, engine);
        c.setRunsDirectory(m_dir.filePath(QStringLiteral("runs")));
        bool done = false;
        QObject::connect(&c, &Core::EngineCheck::finished, [&] { done = true; });
        c.start();
        EXPECT_TRUE(waitUntil([&] { return done; }, 30000));
        return c.result();
    }

    QTemporaryDir m_dir;
    Core::ToolchainSettings m_settings;
};

} // namespace

TEST_F(EngineCheckWithDouble, ALocalEngineThatSeesOurFilesMountsThem)
{
    qputenv("FAKE_TPU_VERSION", "1.14");
    const auto engine = DockerEngine::fromSpec(QStringLiteral("unix:///var/run/docker.sock"));
    const Core::EngineCheck::Result r = check(*engine);
    EXPECT_TRUE(r.usable()) << r.problem().toStdString();
    EXPECT_EQ(r.architecture, QStringLiteral("amd64"));
    EXPECT_EQ(r.tpuMlirVersion, QStringLiteral("1.14")) << "the release the doubles report, read inside the image";
    EXPECT_EQ(r.transfer, DockerEngine::Transfer::Mount);
    EXPECT_TRUE(QDir(m_dir.filePath(QStringLiteral("runs"))).entryList(QDir::Files | QDir::Hidden).isEmpty())
        << "the marker file is removed";
}

TEST_F(EngineCheckWithDouble, AnArm64EngineWarnsThatTheImageRunsEmulated)
{
    qputenv("FAKE_DOCKER_ARCH", "arm64");
    const auto engine = DockerEngine::fromSpec(QStringLiteral("ssh://me@mac"));
    const Core::EngineCheck::Result r = check(*engine);
    EXPECT_TRUE(r.usable());
    EXPECT_EQ(r.transfer, DockerEngine::Transfer::Copy) << "an engine over ssh never sees our files";
    const auto warning = std::find_if(r.findings.cbegin(), r.findings.cend(), [](const Core::EngineCheck::Finding &f) {
        return f.level == Core::EngineCheck::Finding::Level::Warning;
    });
    ASSERT_NE(warning, r.findings.cend());
    EXPECT_EQ(warning->message, QStringLiteral("Engine 'ssh://me@mac' runs on arm64: the x86-64 toolchain image runs emulated "
                                               "there, several times slower; add an x86-64 engine for conversions."));
}

TEST_F(EngineCheckWithDouble, AnEngineThatDoesNotAnswerIsNamed)
{
    qputenv("FAKE_DOCKER_MODE", "no_daemon");
    DockerEngine engine = *DockerEngine::fromSpec(QStringLiteral("tcp://10.0.0.9:2376"));
    engine.name = QStringLiteral("lab");
    const Core::EngineCheck::Result r = check(engine);
    EXPECT_FALSE(r.reachable);
    EXPECT_TRUE(r.problem().startsWith(QStringLiteral("Docker engine 'lab' at unix:///var/run/docker.sock does not answer")))
        << r.problem().toStdString();
}

TEST(EngineCheck, ParsesTheDockerContextList)
{
    // `docker context ls --format '{{json .}}'` of the Debian 20.10 client, one context added.
    const QString out = QStringLiteral(
        "{\"Current\":true,\"Description\":\"Current DOCKER_HOST based configuration\",\"DockerEndpoint\":\"unix:///var/run/docker.sock\",\"KubernetesEndpoint\":\"\",\"Name\":\"default\",\"StackOrchestrator\":\"swarm\"}\n"
        "{\"Current\":false,\"Description\":\"\",\"DockerEndpoint\":\"ssh://me@gpu-box\",\"KubernetesEndpoint\":\"\",\"Name\":\"gpu-box\",\"StackOrchestrator\":\"\"}\n");
    const QList<DockerEngine> engines = Core::EngineCheck::parseContextList(out);
    ASSERT_EQ(engines.size(), 2);
    EXPECT_EQ(engines.at(1).name, QStringLiteral("gpu-box"));
    EXPECT_EQ(engines.at(1).cliArguments(), (QStringList{QStringLiteral("--context"), QStringLiteral("gpu-box")}));
}
