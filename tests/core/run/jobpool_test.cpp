// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtestsupport.h"

#include <core/run/conversionpipeline.h>
#include <core/run/jobhistory.h>
#include <core/run/jobpool.h>
#include <core/run/processrunner.h>
#include <core/run/toolchainbackend.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::ConversionPipeline;
using Core::JobPool;
using Core::JobState;
using Core::StepState;
using Core::ToolInvocation;
using Tests::waitUntil;

namespace {

QString sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

/** Tools named like tpu-mlir's (symlinks to fake_tool) in a folder, run by the native backend. */
class Pipeline : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_tools = m_dir.filePath(QStringLiteral("bin"));
        QDir().mkpath(m_tools);
        for (const char *name : {"model_transform.py", "run_calibration.py", "model_deploy.py"})
            ASSERT_TRUE(QFile::link(Tests::fakeToolPath(), m_tools + QLatin1Char('/') + QLatin1String(name)));
        m_root = m_dir.filePath(QStringLiteral("runs dir 'q' $x; y"));
        Core::ToolchainSettings settings;
        settings.backend = Core::ToolchainSettings::Backend::Native;
        settings.toolDirectory = m_tools;
        m_pool.setBackend(Core::ToolchainBackend::create(settings));
        m_pool.setKillGracePeriod(300);
    }

    ToolInvocation tool(const char *name, const QStringList &script) const
    {
        return ToolInvocation{QString::fromLatin1(name), script, {}, {}};
    }

    QList<Core::PipelineStepSpec> steps(const QStringList &calibrationScript, bool bf16 = true) const
    {
        return ConversionPipeline::standardSteps(
            tool("model_transform.py", {QStringLiteral("out:[Running]: tpuc-opt m_origin.mlir --shape-infer -o m.mlir"),
                                        QStringLiteral("touch:m.mlir:top mlir"), QStringLiteral("out:Mlir file generated:m.mlir")}),
            tool("run_calibration.py", calibrationScript),
            tool("model_deploy.py", {QStringLiteral("touch:m_int8.cvimodel:int8 model")}),
            bf16 ? std::optional<ToolInvocation>(tool("model_deploy.py", {QStringLiteral("touch:m_bf16.cvimodel:bf16 model")}))
                 : std::nullopt);
    }

    Core::ConversionJob *submit(const QString &name, const QList<Core::PipelineStepSpec> &specs)
    {
        auto dir = ConversionPipeline::makeJobDirectory(m_root, name);
        EXPECT_TRUE(dir.has_value());
        auto job = ConversionPipeline::createJob(name, *dir, specs);
        EXPECT_TRUE(job.has_value()) << (job ? "" : job.error().message.toStdString());
        return m_pool.submit(*job);
    }

    bool waitFinished(Core::ConversionJob *job, int ms = 15000)
    {
        return waitUntil([job] { return job->state() != JobState::Running && job->state() != JobState::Queued; }, ms);
    }

    QTemporaryDir m_dir;
    QString m_tools;
    QString m_root;
    JobPool m_pool;
};

} // namespace

TEST_F(Pipeline, FullPipelineRunsInOrderRecordsOutputsAndPersists)
{
    QList<double> calibrationProgress;
    auto *job = submit(QStringLiteral("yolo v8"),
                       steps({QStringLiteral("out:input_num = 4, ref = 4"),
                              QStringLiteral("rawerr:\\ractivation_collect_and_calc_th for sample: 0:  50%|#####     | 2/4 [00:01<00:01,  1.00it/s]"),
                              QStringLiteral("rawerr:\\ractivation_collect_and_calc_th for sample: 0: 100%|##########| 4/4 [00:02<00:00,  1.00it/s]\\n"),
                              QStringLiteral("rawerr:\\r[2048] threshold: images:  50%|#####     | 1/2 [00:00<00:00]\\n"),
                              QStringLiteral("sleep:50"),
                              QStringLiteral("touch:m_cali_table:# mlir version: v1.15.1\\n")}));
    QObject::connect(job, &Core::ConversionJob::changed, job, [&] {
        const Core::StepRecord &s = job->record().steps.at(1);
        if (s.state == StepState::Running)
            calibrationProgress.append(s.progress);
    });
    ASSERT_TRUE(waitFinished(job));
    const Core::JobRecord &r = job->record();
    ASSERT_EQ(r.state, JobState::Succeeded);
    ASSERT_EQ(r.steps.size(), 4);
    EXPECT_EQ(r.steps.at(0).id, QStringLiteral("transform"));
    for (const Core::StepRecord &s : r.steps) {
        EXPECT_EQ(s.state, StepState::Succeeded) << s.id.toStdString();
        EXPECT_EQ(s.exitCode, 0);
        EXPECT_EQ(s.attempts, 1);
        EXPECT_TRUE(s.startedAt.isValid() && s.finishedAt >= s.startedAt);
        EXPECT_EQ(s.invocation.workingDirectory, r.directory);
        EXPECT_TRUE(QFile::exists(QDir(r.directory).filePath(s.logFile))) << s.logFile.toStdString();
    }
    // Steps ran one after another, each after its dependencies.
    EXPECT_LE(r.steps.at(0).finishedAt, r.steps.at(1).startedAt);
    EXPECT_LE(r.steps.at(1).finishedAt, r.steps.at(2).startedAt);
    // The tqdm bars moved the calibration bar forward (the first bar 0.02→0.5, the second to 0.65).
    ASSERT_FALSE(calibrationProgress.isEmpty());
    EXPECT_TRUE(std::is_sorted(calibrationProgress.cbegin(), calibrationProgress.cend()));
    EXPECT_NEAR(calibrationProgress.last(), 0.65, 1e-9);

    ASSERT_EQ(r.steps.at(0).outputs.size(), 1);
    EXPECT_EQ(r.steps.at(0).outputs.first().path, QStringLiteral("m.mlir"));
    EXPECT_EQ(r.steps.at(0).outputs.first().size, 8);
    EXPECT_EQ(r.steps.at(0).outputs.first().sha256, sha256Of(QDir(r.directory).filePath(QStringLiteral("m.mlir"))));
    EXPECT_EQ(r.steps.at(2).outputs.first().path, QStringLiteral("m_int8.cvimodel"));
    EXPECT_EQ(r.steps.at(3).outputs.first().path, QStringLiteral("m_bf16.cvimodel"));

    // A restarted app sees the same record.
    const auto history = Core::JobHistory::load(m_root);
    EXPECT_TRUE(history.errors.isEmpty());
    ASSERT_EQ(history.jobs.size(), 1);
    Core::JobRecord reloaded = history.jobs.first();
    Core::JobRecord expected = r;
    for (Core::StepRecord &s : expected.steps)
        s.stage.clear(); // transient, not persisted
    EXPECT_EQ(reloaded, expected);
}

TEST_F(Pipeline, FailedStepSkipsItsDependantsOnlyAndExplainsItself)
{
    // Text the log classifier does not recognise: the exit status is all there is to say.
    auto *job = submit(QStringLiteral("m"), steps({QStringLiteral("err:calibration went sideways"),
                                                   QStringLiteral("err:giving up"), QStringLiteral("exit:3")}));
    ASSERT_TRUE(waitFinished(job));
    const Core::JobRecord &r = job->record();
    EXPECT_EQ(r.state, JobState::Failed);
    EXPECT_EQ(r.steps.at(0).state, StepState::Succeeded);
    EXPECT_EQ(r.steps.at(1).state, StepState::Failed);
    EXPECT_EQ(r.steps.at(1).exitCode, 3);
    EXPECT_EQ(r.steps.at(1).errorMessage, QStringLiteral("run_calibration failed with exit code 3."));
    ASSERT_EQ(r.steps.at(1).diagnostics.size(), 1);
    EXPECT_EQ(r.steps.at(1).diagnostics.first().stage, QStringLiteral("calibration"));
    EXPECT_EQ(r.steps.at(1).diagnostics.first().details,
              (QStringList{QStringLiteral("calibration went sideways"), QStringLiteral("giving up")}));
    EXPECT_EQ(r.steps.at(2).state, StepState::Skipped);
    EXPECT_EQ(r.steps.at(2).errorMessage, QStringLiteral("Skipped because Calibration did not succeed."));
    EXPECT_EQ(r.steps.at(3).state, StepState::Succeeded) << "BF16 needs only the transform";
}

TEST_F(Pipeline, CancelDuringCalibrationLeavesNoProcess)
{
    auto *job = submit(QStringLiteral("m"), steps({QStringLiteral("child:60000:ignoreterm"), QStringLiteral("ignoreterm"),
                                                   QStringLiteral("pid"), QStringLiteral("sleep:60000")}));
    QStringList lines;
    QObject::connect(job, &Core::ConversionJob::outputLine, job,
                     [&](const QString &step, Core::OutputStream, const QString &line) {
                         if (step == QLatin1String("calibration"))
                             lines.append(line);
                     });
    ASSERT_TRUE(waitUntil([&] { return lines.size() >= 2; }));
    const qint64 childPid = lines.at(0).section(QLatin1Char(' '), 1, 1).toLongLong();
    const qint64 toolPid = lines.at(1).section(QLatin1Char(' '), 1, 1).toLongLong();
    const qint64 group = job->runningProcessGroup();
    EXPECT_EQ(group, toolPid);
    ASSERT_TRUE(Tests::pidAlive(childPid));
    m_pool.cancel(job->id());
    ASSERT_TRUE(waitFinished(job));
    EXPECT_EQ(job->state(), JobState::Cancelled);
    EXPECT_EQ(job->record().steps.at(1).state, StepState::Cancelled);
    EXPECT_EQ(job->record().steps.at(2).state, StepState::Cancelled);
    EXPECT_EQ(job->record().steps.at(3).state, StepState::Cancelled);
    EXPECT_FALSE(Tests::pidAlive(toolPid));
    EXPECT_FALSE(Tests::pidAlive(childPid));
    EXPECT_FALSE(Core::ProcessRunner::isProcessGroupAlive(group));
    EXPECT_TRUE(m_pool.isIdle());
}

TEST_F(Pipeline, StepTimeoutFailsTheStepWithATimeoutDiagnostic)
{
    m_pool.setStepTimeout(300);
    auto *job = submit(QStringLiteral("m"), steps({QStringLiteral("sleep:60000")}, false));
    ASSERT_TRUE(waitFinished(job));
    const Core::StepRecord &s = job->record().steps.at(1);
    EXPECT_EQ(s.state, StepState::Failed);
    ASSERT_EQ(s.diagnostics.size(), 1);
    EXPECT_EQ(s.diagnostics.first().code, QStringLiteral("timeout"));
    EXPECT_TRUE(s.errorMessage.startsWith(QStringLiteral("run_calibration did not finish within 300 ms")));
}

TEST_F(Pipeline, TwoPipelinesRunInParallelInSeparateFolders)
{
    m_pool.setMaxConcurrency(2);
    const QStringList script{QStringLiteral("cwd:cwd.txt"), QStringLiteral("sleep:400")};
    auto *a = submit(QStringLiteral("a"), steps(script, false));
    auto *b = submit(QStringLiteral("b"), steps(script, false));
    ASSERT_NE(a->record().directory, b->record().directory);
    bool bothRan = false;
    ASSERT_TRUE(waitUntil([&] {
        bothRan = bothRan || (a->runningStep() == 1 && b->runningStep() == 1);
        return bothRan;
    }));
    ASSERT_TRUE(waitFinished(a));
    ASSERT_TRUE(waitFinished(b));
    EXPECT_EQ(a->state(), JobState::Succeeded);
    EXPECT_EQ(b->state(), JobState::Succeeded);
    for (auto *job : {a, b}) {
        QFile f(QDir(job->record().directory).filePath(QStringLiteral("cwd.txt")));
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        EXPECT_EQ(QString::fromUtf8(f.readAll()), job->record().directory);
    }
}

TEST_F(Pipeline, MaxConcurrencyOneQueuesTheSecondJob)
{
    auto *a = submit(QStringLiteral("a"), steps({QStringLiteral("sleep:300")}, false));
    auto *b = submit(QStringLiteral("b"), steps({QStringLiteral("sleep:10")}, false));
    ASSERT_TRUE(waitUntil([&] { return a->runningStep() == 1; }));
    EXPECT_EQ(b->state(), JobState::Queued);
    EXPECT_EQ(m_pool.runningCount(), 1);
    ASSERT_TRUE(waitFinished(b));
    EXPECT_LE(a->record().steps.last().finishedAt, b->record().steps.first().startedAt);
}

TEST_F(Pipeline, RetryRerunsTheFailedStepAndItsDependants)
{
    const QString flag = m_dir.filePath(QStringLiteral("failed-once"));
    auto *job = submit(QStringLiteral("m"), steps({QStringLiteral("failonce:") + flag, QStringLiteral("touch:m_cali_table:t")}, false));
    ASSERT_TRUE(waitFinished(job));
    ASSERT_EQ(job->state(), JobState::Failed);
    EXPECT_EQ(job->record().steps.at(2).state, StepState::Skipped);
    EXPECT_FALSE(m_pool.retry(job->id(), QStringLiteral("nope")));
    ASSERT_TRUE(m_pool.retry(job->id(), QStringLiteral("calibration")));
    ASSERT_TRUE(waitFinished(job));
    const Core::JobRecord &r = job->record();
    EXPECT_EQ(r.state, JobState::Succeeded);
    EXPECT_EQ(r.steps.at(0).attempts, 1) << "the transform is not re-run";
    EXPECT_EQ(r.steps.at(1).attempts, 2);
    EXPECT_EQ(r.steps.at(1).logFile, QStringLiteral("logs/calibration-2.log"));
    EXPECT_TRUE(QFile::exists(QDir(r.directory).filePath(QStringLiteral("logs/calibration-1.log"))));
    EXPECT_EQ(r.steps.at(2).state, StepState::Succeeded);
}

TEST_F(Pipeline, CancelAllStopsRunningAndQueuedJobs)
{
    auto *a = submit(QStringLiteral("a"), steps({QStringLiteral("sleep:60000")}, false));
    auto *b = submit(QStringLiteral("b"), steps({QStringLiteral("sleep:60000")}, false));
    ASSERT_TRUE(waitUntil([&] { return a->runningStep() == 1; }));
    m_pool.cancelAll();
    ASSERT_TRUE(waitFinished(a));
    ASSERT_TRUE(waitFinished(b));
    EXPECT_EQ(a->state(), JobState::Cancelled);
    EXPECT_EQ(b->state(), JobState::Cancelled);
    EXPECT_EQ(b->record().steps.first().attempts, 0) << "the queued job never started";
}

TEST_F(Pipeline, UnflagsAreDroppedBeforeRunning)
{
    Core::ToolCapabilities caps;
    caps.flags.insert(QStringLiteral("model_deploy"), {QStringLiteral("--model")});
    m_pool.setCapabilities(caps);
    const QString argvFile = m_dir.filePath(QStringLiteral("deploy-argv"));
    auto specs = steps({}, false);
    specs[2].invocation.arguments = {QStringLiteral("argv:") + argvFile, QStringLiteral("--compare_all"),
                                     QStringLiteral("--model"), QStringLiteral("m.cvimodel")};
    auto *job = submit(QStringLiteral("m"), specs);
    ASSERT_TRUE(waitFinished(job));
    EXPECT_EQ(job->record().steps.at(2).droppedFlags, QStringList{QStringLiteral("--compare_all")});
    QFile f(argvFile);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(f.readAll()).split(QChar(0), Qt::SkipEmptyParts),
              (QStringList{QStringLiteral("argv:") + argvFile, QStringLiteral("--model"), QStringLiteral("m.cvimodel")}));
}

TEST_F(Pipeline, DockerBackendRunsEveryStepInItsOwnContainer)
{
    const QString log = m_dir.filePath(QStringLiteral("docker.log"));
    qputenv("MCW_RECORDING_DOCKER_LOG", log.toUtf8());
    Core::ToolchainSettings settings;
    settings.dockerProgram = Tests::recordingDockerPath();
    m_pool.setBackend(Core::ToolchainBackend::create(settings));
    // Inside "the container" the tools are found by absolute path (the stand-in runs them on the host).
    auto specs = steps({QStringLiteral("cwd:cali-cwd.txt")}, false);
    for (auto &s : specs)
        s.invocation.program = m_tools + QLatin1Char('/') + s.invocation.program;
    auto *job = submit(QStringLiteral("m"), specs);
    ASSERT_TRUE(waitFinished(job));
    qunsetenv("MCW_RECORDING_DOCKER_LOG");
    ASSERT_EQ(job->state(), JobState::Succeeded);
    const auto calls = Tests::recordedDockerCalls(log);
    ASSERT_EQ(calls.size(), 3);
    QStringList names;
    for (const QStringList &c : calls) {
        ASSERT_GE(c.size(), 8);
        EXPECT_EQ(c.at(0), QStringLiteral("run"));
        names.append(c.at(c.indexOf(QStringLiteral("--name")) + 1));
        const qsizetype w = c.indexOf(QStringLiteral("-w"));
        ASSERT_GT(w, 0);
        EXPECT_EQ(c.at(w + 1), job->record().directory);
        EXPECT_TRUE(c.contains(job->record().directory + QLatin1Char(':') + job->record().directory));
    }
    EXPECT_EQ(QSet<QString>(names.cbegin(), names.cend()).size(), 3) << "one unique container name per step";
    EXPECT_EQ(job->record().steps.at(1).executedCommand.first(), settings.dockerProgram);
}

TEST_F(Pipeline, DropsTheOldestFinishedJobsPastTheLimitButNeverRunningOrKeptOnes)
{
    m_pool.setFinishedJobLimit(2);
    m_pool.setMaxConcurrency(2);
    QStringList removed; // folder names, read from the job while it is still alive
    QObject::connect(&m_pool, &JobPool::jobAboutToBeRemoved, &m_pool, [&](Core::ConversionJob *job) {
        EXPECT_TRUE(m_pool.jobs().contains(job)) << "announced before it leaves the list";
        removed.append(QFileInfo(job->record().directory).fileName());
    });
    Core::ConversionJob *running = submit(QStringLiteral("running"), steps({QStringLiteral("sleep:60000")}));
    ASSERT_TRUE(waitUntil([&] { return running->runningStep() == 1; }));
    QList<Core::ConversionJob *> done;
    for (const char *name : {"a", "b", "c"}) {
        done.append(submit(QString::fromLatin1(name), steps({QStringLiteral("out:calibrated")})));
        ASSERT_TRUE(waitFinished(done.last()));
    }
    // a finished first: it goes; the running job does not count and stays.
    ASSERT_EQ(removed.size(), 1);
    EXPECT_TRUE(removed.first().endsWith(QStringLiteral("-a")));
    ASSERT_EQ(m_pool.jobs().size(), 3);
    EXPECT_EQ(m_pool.jobs().at(0), running);

    // The kept job (the one shown) survives; the next oldest goes instead.
    m_pool.setKeptJob(done.at(1));
    Core::ConversionJob *d = submit(QStringLiteral("d"), steps({QStringLiteral("out:calibrated")}));
    ASSERT_TRUE(waitFinished(d));
    ASSERT_EQ(removed.size(), 2);
    EXPECT_TRUE(removed.last().endsWith(QStringLiteral("-c")));
    EXPECT_TRUE(m_pool.jobs().contains(done.at(1)));

    // A smaller limit drops at once, still never the running job.
    m_pool.setFinishedJobLimit(1);
    EXPECT_EQ(removed.size(), 3);
    EXPECT_EQ(m_pool.jobs(), (QList<Core::ConversionJob *>{running, done.at(1)}));
    m_pool.cancelAll();
    // Not waitFinished(running): once finished the pool drops it (deleteLater) while we would still read it.
    ASSERT_TRUE(waitUntil([&] { return m_pool.isIdle() && !m_pool.jobs().contains(running); }));
    // Now the kept job and the cancelled one are finished: the limit holds but for the kept one.
    EXPECT_EQ(m_pool.jobs(), (QList<Core::ConversionJob *>{done.at(1)}));

    // Dropped from memory, not from disk: the history lists all five again.
    const auto history = Core::JobHistory::load(m_root);
    EXPECT_EQ(history.jobs.size(), 5);
    EXPECT_TRUE(history.errors.isEmpty());
    JobPool reloaded;
    reloaded.setFinishedJobLimit(3);
    reloaded.addHistory(history.jobs);
    EXPECT_EQ(reloaded.jobs().size(), 3);
}

TEST_F(Pipeline, ARetriedJobIsNotDroppedWhileItRunsAgain)
{
    m_pool.setFinishedJobLimit(1);
    m_pool.setMaxConcurrency(2);
    // The retry waits at a gate until other has finished: a timed sleep lost that race on a slow
    // (sanitizer) build, so flaky finished first, was dropped, and the test read a deleted job.
    const QString gate = m_dir.filePath(QStringLiteral("gate"));
    Core::ConversionJob *flaky = submit(QStringLiteral("flaky"),
                                        steps({QStringLiteral("failonce:") + m_dir.filePath(QStringLiteral("failed")),
                                               QStringLiteral("waitfor:") + gate}));
    ASSERT_TRUE(waitFinished(flaky));
    ASSERT_EQ(flaky->state(), JobState::Failed);
    ASSERT_TRUE(m_pool.retry(flaky, QStringLiteral("calibration")));
    Core::ConversionJob *other = submit(QStringLiteral("other"), steps({QStringLiteral("out:calibrated")}));
    ASSERT_TRUE(waitFinished(other));
    // other is the only finished job; flaky, running again, is not a candidate.
    ASSERT_TRUE(m_pool.jobs().contains(flaky));
    EXPECT_EQ(flaky->state(), JobState::Running);
    QFile gateFile(gate);
    ASSERT_TRUE(gateFile.open(QIODevice::WriteOnly));
    gateFile.close();
    ASSERT_TRUE(waitFinished(flaky));
    EXPECT_EQ(flaky->state(), JobState::Succeeded);
    // Now flaky finished last: other, the older, went.
    EXPECT_EQ(m_pool.jobs(), QList<Core::ConversionJob *>{flaky});
}

TEST(ConversionPipeline, RejectsUnknownDependenciesAndCycles)
{
    QTemporaryDir dir;
    const ToolInvocation t{QStringLiteral("x"), {}, {}, {}};
    auto unknown = ConversionPipeline::createJob(QStringLiteral("m"), dir.path(),
                                                 {{QStringLiteral("a"), {}, t, {QStringLiteral("zz")}}});
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().message, QStringLiteral("The pipeline step 'a' depends on the unknown step 'zz'."));
    auto cycle = ConversionPipeline::createJob(QStringLiteral("m"), dir.path(),
                                               {{QStringLiteral("a"), {}, t, {QStringLiteral("b")}},
                                                {QStringLiteral("b"), {}, t, {QStringLiteral("a")}}});
    ASSERT_FALSE(cycle.has_value());
    EXPECT_TRUE(cycle.error().message.contains(QStringLiteral("cycle")));
    // Given out of order, steps come back dependency-first.
    auto ordered = ConversionPipeline::createJob(QStringLiteral("m"), dir.path(),
                                                 {{QStringLiteral("deploy"), {}, t, {QStringLiteral("transform")}},
                                                  {QStringLiteral("transform"), {}, t, {}}});
    ASSERT_TRUE(ordered.has_value());
    EXPECT_EQ(ordered->steps.at(0).id, QStringLiteral("transform"));
    EXPECT_EQ(ordered->dependantsOf(QStringLiteral("transform")), QStringList{QStringLiteral("deploy")});
}

TEST(JobHistory, InterruptedRunsAreListedAsFailed)
{
    QTemporaryDir root;
    const QString dir = root.filePath(QStringLiteral("20260101-000000-m"));
    auto job = ConversionPipeline::createJob(QStringLiteral("m"), dir,
                                             {{QStringLiteral("transform"), {}, ToolInvocation{QStringLiteral("x"), {}, {}, {}}, {}},
                                              {QStringLiteral("deploy"), {}, ToolInvocation{QStringLiteral("y"), {}, {}, {}}, {QStringLiteral("transform")}}});
    ASSERT_TRUE(job.has_value());
    job->state = JobState::Running;
    job->steps[0].state = StepState::Running;
    ASSERT_TRUE(job->save().has_value());
    QDir(root.path()).mkdir(QStringLiteral("broken"));
    QFile bad(root.filePath(QStringLiteral("broken/job.json")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("{ not json");
    bad.close();

    const auto history = Core::JobHistory::load(root.path());
    ASSERT_EQ(history.jobs.size(), 1);
    ASSERT_EQ(history.errors.size(), 1);
    EXPECT_TRUE(history.errors.first().contains(QStringLiteral("broken/job.json: not a job file")));
    // For the GUI's Problems list: a warning (the other runs are listed), no leftovers ended.
    const QList<Core::Diagnostic> problems = history.diagnostics();
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().severity, Core::Diagnostic::Severity::Warning);
    EXPECT_EQ(problems.first().message, history.errors.first());
    EXPECT_TRUE(history.ended.isEmpty());
    EXPECT_EQ(history.jobs.first().state, JobState::Failed);
    EXPECT_EQ(history.jobs.first().steps.at(0).state, StepState::Failed);
    EXPECT_EQ(history.jobs.first().steps.at(1).state, StepState::Cancelled);
}

TEST(JobHistory, ListsOneProjectsRunsWhenNamed)
{
    QTemporaryDir root;
    for (const QString &name : {QStringLiteral("yolov8n"), QStringLiteral("classifier"), QStringLiteral("yolov8n")}) {
        const auto dir = ConversionPipeline::makeJobDirectory(root.path(), name);
        ASSERT_TRUE(dir.has_value());
        auto job = ConversionPipeline::createJob(name, *dir, {{QStringLiteral("transform"), {}, ToolInvocation{QStringLiteral("x"), {}, {}, {}}, {}}});
        ASSERT_TRUE(job.has_value());
        ASSERT_TRUE(job->save().has_value());
    }
    EXPECT_EQ(Core::JobHistory::load(root.path()).jobs.size(), 3);
    const auto yolo = Core::JobHistory::load(root.path(), QStringLiteral("yolov8n"));
    ASSERT_EQ(yolo.jobs.size(), 2);
    for (const Core::JobRecord &job : yolo.jobs)
        EXPECT_EQ(job.name, QStringLiteral("yolov8n"));
    EXPECT_TRUE(Core::JobHistory::load(root.path(), QStringLiteral("other")).jobs.isEmpty());
}
