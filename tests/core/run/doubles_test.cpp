// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The job machinery against the faithful tpu-mlir and docker doubles of tests/fakes: a project's
// real plan runs end to end, every failure class surfaces as a diagnostic, cancel leaves nothing.
#include "runtestsupport.h"

#include <core/run/conversionpipeline.h>
#include <core/run/projectjobfactory.h>
#include <core/run/jobpool.h>
#include <core/run/processrunner.h>
#include <core/run/toolchainbackend.h>

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::JobState;
using Core::StepState;
using Tests::waitUntil;

namespace {

class Doubles : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("FAKE_TPU_SPEED", "0");
        qputenv("FAKE_TPU_NOW", "2025/02/19 15:50:30");
        // Inputs live outside the runs folder, in a folder with spaces and quotes.
        const QString inputs = m_dir.filePath(QStringLiteral("my 'inputs' $x"));
        QDir().mkpath(inputs + QStringLiteral("/images"));
        for (const QString &f : {QStringLiteral("/yolov8n.onnx"), QStringLiteral("/dog.jpg"), QStringLiteral("/images/a.jpg"),
                                 QStringLiteral("/images/b.jpg"), QStringLiteral("/images/c.jpg")}) {
            QFile file(inputs + f);
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            file.write("x");
        }
        m_project.name = QStringLiteral("yolov8n");
        m_project.modelPath = inputs + QStringLiteral("/yolov8n.onnx");
        m_project.cutTensors = {QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")};
        m_project.inputShape = {1, 3, 640, 640};
        m_project.testImage = inputs + QStringLiteral("/dog.jpg");
        m_project.quantization.datasetDir = inputs + QStringLiteral("/images");
        m_project.quantization.inputNum = 3;
        m_project.quantization.bf16 = true;
        m_runs = m_dir.filePath(QStringLiteral("runs dir"));
        m_settings.backend = Core::ToolchainSettings::Backend::Native;
        m_settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
        m_pool.setKillGracePeriod(500);
    }

    void TearDown() override
    {
        for (const char *v : {"FAKE_TPU_SPEED", "FAKE_TPU_NOW", "FAKE_TPU_SCENARIO", "FAKE_TPU_SCENARIO_TOOL", "FAKE_DOCKER_STATE"})
            qunsetenv(v);
    }

    Core::ConversionJob *run()
    {
        m_pool.setBackend(Core::ToolchainBackend::create(m_settings));
        auto job = Core::ProjectJobFactory::createJob(m_project, m_runs, {});
        EXPECT_TRUE(job.has_value()) << (job ? "" : job.error().message.toStdString());
        Core::ConversionJob *submitted = m_pool.submit(*job);
        EXPECT_TRUE(waitUntil([submitted] { return submitted->state() != JobState::Running && submitted->state() != JobState::Queued; }, 60000));
        return submitted;
    }

    const Core::StepRecord &step(Core::ConversionJob *job, const char *id)
    {
        return job->record().steps.at(job->record().stepIndex(QString::fromLatin1(id)));
    }

    QTemporaryDir m_dir;
    Core::Project m_project;
    QString m_runs;
    Core::ToolchainSettings m_settings;
    Core::JobPool m_pool;
};

} // namespace

TEST_F(Doubles, FullPipelineProducesTheModelsAndRecordsTheVersion)
{
    Core::ConversionJob *job = run();
    const Core::JobRecord &r = job->record();
    ASSERT_EQ(r.state, JobState::Succeeded) << step(job, "transform").errorMessage.toStdString();
    EXPECT_EQ(r.toolVersion, QStringLiteral("v1.15.1-20250208"));
    QStringList ids;
    for (const Core::StepRecord &s : r.steps)
        ids.append(s.id);
    EXPECT_EQ(ids, (QStringList{QStringLiteral("transform"), QStringLiteral("deploy_bf16"), QStringLiteral("device_info_bf16"),
                                QStringLiteral("calibration"), QStringLiteral("deploy_int8"), QStringLiteral("device_info")}));
    EXPECT_TRUE(QDir(r.directory).exists(QStringLiteral("yolov8n_bf16.cvimodel.info.txt")));
    const QDir dir(r.directory);
    EXPECT_TRUE(dir.exists(QStringLiteral("yolov8n.mlir")));
    EXPECT_TRUE(dir.exists(QStringLiteral("yolov8n_cali_table")));
    EXPECT_TRUE(dir.exists(QStringLiteral("yolov8n_int8.cvimodel")));
    EXPECT_TRUE(dir.exists(QStringLiteral("yolov8n_bf16.cvimodel")));
    auto hasOutput = [](const Core::StepRecord &s, const QString &path) {
        return std::any_of(s.outputs.cbegin(), s.outputs.cend(), [&path](const Core::OutputFile &f) {
            return f.path == path && f.sha256.size() == 64;
        });
    };
    EXPECT_TRUE(hasOutput(step(job, "deploy_int8"), QStringLiteral("yolov8n_int8.cvimodel")));
    EXPECT_TRUE(hasOutput(step(job, "calibration"), QStringLiteral("yolov8n_cali_table")));
    EXPECT_DOUBLE_EQ(step(job, "calibration").progress, 1.0);
}

struct FailureCase
{
    const char *scenario;
    const char *tool;    // FAKE_TPU_SCENARIO_TOOL, "" = all
    const char *step;    // the step that fails
    const char *code;    // Diagnostic::code from the log classifier
    const char *message; // part of the sentence
};

class DoublesFailure : public Doubles, public ::testing::WithParamInterface<FailureCase>
{};

TEST_P(DoublesFailure, EachFailureClassBecomesADiagnosticOfItsStep)
{
    const FailureCase &c = GetParam();
    qputenv("FAKE_TPU_SCENARIO", c.scenario);
    if (*c.tool)
        qputenv("FAKE_TPU_SCENARIO_TOOL", c.tool);
    Core::ConversionJob *job = run();
    EXPECT_EQ(job->state(), JobState::Failed);
    const Core::StepRecord &failed = step(job, c.step);
    EXPECT_EQ(failed.state, StepState::Failed);
    ASSERT_FALSE(failed.diagnostics.isEmpty());
    const Core::Diagnostic &d = failed.diagnostics.first();
    EXPECT_EQ(d.code, QString::fromLatin1(c.code)) << d.message.toStdString();
    EXPECT_TRUE(d.message.contains(QString::fromUtf8(c.message))) << d.message.toStdString();
    EXPECT_EQ(failed.errorMessage, d.message);
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, DoublesFailure,
    ::testing::Values(
        // Without --compare_all deploy compares only the outputs, so the failing tensor is one.
        FailureCase{"sim_fail@/model.22/Sigmoid_output_0_Sigmoid", "model_deploy", "deploy_bf16", "similarity_below_tolerance",
                    "/model.22/Sigmoid_output_0"},
        FailureCase{"op_unsupported", "", "transform", "unsupported_op", "Mod"},
        FailureCase{"frontend_error", "", "transform", "frontend_error", ""},
        FailureCase{"tpuc_crash", "model_deploy", "deploy_bf16", "tpuc_opt_crash", ""},
        FailureCase{"missing_cali_table", "model_deploy", "deploy_int8", "missing_calibration_table", ""},
        FailureCase{"oom", "run_calibration", "calibration", "killed", ""}),
    [](const ::testing::TestParamInfo<FailureCase> &p) { return std::string(p.param.code); });

TEST_F(Doubles, CancelDuringCalibrationLeavesNoProcessOfTheGroup)
{
    qputenv("FAKE_TPU_SCENARIO", "hang");
    qputenv("FAKE_TPU_SCENARIO_TOOL", "run_calibration");
    m_pool.setBackend(Core::ToolchainBackend::create(m_settings));
    auto record = Core::ProjectJobFactory::createJob(m_project, m_runs, {});
    ASSERT_TRUE(record.has_value());
    Core::ConversionJob *job = m_pool.submit(*record);
    bool sawBar = false;
    QObject::connect(job, &Core::ConversionJob::outputLine, job, [&](const QString &s, Core::OutputStream, const QString &line) {
        sawBar = sawBar || (s == QLatin1String("calibration") && line.contains(QLatin1String("%|")));
    });
    ASSERT_TRUE(waitUntil([&] { return sawBar; }, 30000));
    const qint64 group = job->runningProcessGroup();
    ASSERT_GT(group, 0);
    ASSERT_TRUE(Core::ProcessRunner::isProcessGroupAlive(group));
    m_pool.cancel(job->id());
    ASSERT_TRUE(waitUntil([&] { return job->state() == JobState::Cancelled; }, 10000));
    EXPECT_FALSE(Core::ProcessRunner::isProcessGroupAlive(group));
    EXPECT_EQ(step(job, "calibration").state, StepState::Cancelled);
    EXPECT_EQ(step(job, "deploy_int8").state, StepState::Cancelled);
    EXPECT_EQ(step(job, "deploy_bf16").state, StepState::Succeeded);
}

TEST_F(Doubles, FakeDockerAcceptsTheArgvOfEveryStep)
{
    QTemporaryDir state;
    qputenv("FAKE_DOCKER_STATE", state.path().toUtf8());
    m_settings.backend = Core::ToolchainSettings::Backend::Docker;
    m_settings.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    Core::ConversionJob *job = run();
    // The double rejects a bad argv with exit 125 ("fake docker: bad argv: …").
    for (const Core::StepRecord &s : job->record().steps)
        EXPECT_EQ(s.state, StepState::Succeeded) << s.id.toStdString() << ": " << s.errorMessage.toStdString();
    EXPECT_EQ(step(job, "deploy_int8").executedCommand.at(1), QStringLiteral("run"));
}

TEST_F(Doubles, FakeDockerCancelKillsTheContainer)
{
    QTemporaryDir state;
    qputenv("FAKE_DOCKER_STATE", state.path().toUtf8());
    qputenv("FAKE_TPU_SCENARIO", "hang");
    qputenv("FAKE_TPU_SCENARIO_TOOL", "model_transform");
    m_settings.backend = Core::ToolchainSettings::Backend::Docker;
    m_settings.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    m_pool.setBackend(Core::ToolchainBackend::create(m_settings));
    auto record = Core::ProjectJobFactory::createJob(m_project, m_runs, {});
    ASSERT_TRUE(record.has_value());
    Core::ConversionJob *job = m_pool.submit(*record);
    // The double records a running container as <name>.<pid>.pid in its state folder.
    ASSERT_TRUE(waitUntil([&] { return !QDir(state.path()).entryList({QStringLiteral("*.pid")}).isEmpty(); }, 30000));
    const QString pidFile = QDir(state.path()).entryList({QStringLiteral("*.pid")}).first();
    const qint64 containerGroup = pidFile.section(QLatin1Char('.'), -2, -2).toLongLong();
    ASSERT_TRUE(Core::ProcessRunner::isProcessGroupAlive(containerGroup));
    m_pool.cancel(job->id());
    ASSERT_TRUE(waitUntil([&] { return job->state() == JobState::Cancelled; }, 10000));
    EXPECT_TRUE(waitUntil([&] { return !Core::ProcessRunner::isProcessGroupAlive(containerGroup); }, 5000));
}
