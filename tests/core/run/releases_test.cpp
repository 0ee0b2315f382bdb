// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The plan follows what the probed release accepts: for every release the doubles reproduce
// (1.21 … 1.30.2), probe the tools, build the plan from the probed capabilities and run it.
#include "runtestsupport.h"

#include <core/run/jobpool.h>
#include <core/run/projectjobfactory.h>
#include <core/run/toolchainbackend.h>
#include <core/run/toolchainprobe.h>
#include <core/toolchain/toolrelease.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::JobState;
using Tests::waitUntil;

namespace {

struct ReleaseCase
{
    const char *release;      // FAKE_TPU_VERSION
    const char *version;      // what the probe reads
    bool calibrationHasChip;  // run_calibration still lists --chip
    bool fastSearch;          // --search fast_search exists
};

void PrintTo(const ReleaseCase &c, std::ostream *os) { *os << c.release; }

class Releases : public ::testing::TestWithParam<ReleaseCase>
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("FAKE_TPU_SPEED", "0");
        qputenv("FAKE_TPU_VERSION", GetParam().release);
        const QString inputs = m_dir.filePath(QStringLiteral("inputs"));
        QDir().mkpath(inputs + QStringLiteral("/images"));
        for (const QString &f : {QStringLiteral("/m.onnx"), QStringLiteral("/dog.jpg"), QStringLiteral("/images/a.jpg"),
                                 QStringLiteral("/images/b.jpg")}) {
            QFile file(inputs + f);
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            file.write("x");
        }
        m_project.name = QStringLiteral("m");
        m_project.modelPath = inputs + QStringLiteral("/m.onnx");
        m_project.inputShape = {1, 3, 64, 64};
        m_project.testImage = inputs + QStringLiteral("/dog.jpg");
        m_project.quantization.datasetDir = inputs + QStringLiteral("/images");
        m_project.quantization.inputNum = 2;
        m_project.quantization.bf16 = true;
        m_project.quantization.calibrationMethod = QStringLiteral("use_mse");
        m_project.quantization.quantizeTable = {{QStringLiteral("/model.2/conv/Conv_output_0_Conv"), QStringLiteral("BF16")}};
        m_settings.backend = Core::ToolchainSettings::Backend::Native;
        m_settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
    }
    void TearDown() override
    {
        qunsetenv("FAKE_TPU_SPEED");
        qunsetenv("FAKE_TPU_VERSION");
    }

    Core::Expected<Core::ToolCapabilities> probe()
    {
        Core::ToolchainProbe probe(m_settings);
        probe.setWorkingDirectory(m_dir.path());
        bool done = false;
        QObject::connect(&probe, &Core::ToolchainProbe::finished, &probe, [&] { done = true; });
        probe.start();
        EXPECT_TRUE(waitUntil([&] { return done; }, 60000));
        return probe.result();
    }

    Core::ConversionJob *run(const Core::ProjectJobFactory::Options &options)
    {
        m_pool.setBackend(Core::ToolchainBackend::create(m_settings));
        auto job = Core::ProjectJobFactory::createJob(m_project, m_dir.filePath(QStringLiteral("runs")), options);
        EXPECT_TRUE(job.has_value()) << (job ? "" : job.error().message.toStdString());
        Core::ConversionJob *submitted = m_pool.submit(*job);
        EXPECT_TRUE(waitUntil([submitted] {
            return submitted->state() != JobState::Running && submitted->state() != JobState::Queued;
        }, 120000));
        return submitted;
    }

    static QString failures(const Core::JobRecord &r)
    {
        QString text;
        for (const Core::StepRecord &s : r.steps)
            text += s.id + QStringLiteral(": ") + s.errorMessage + QLatin1Char('\n');
        return text;
    }

    QTemporaryDir m_dir;
    Core::Project m_project;
    Core::ToolchainSettings m_settings;
    Core::JobPool m_pool;
};

} // namespace

TEST_P(Releases, ProbedCapabilitiesGiveAPlanThatRuns)
{
    const ReleaseCase &c = GetParam();
    auto caps = probe();
    ASSERT_TRUE(caps.has_value()) << caps.error().message.toStdString();
    EXPECT_EQ(caps->version, QString::fromLatin1(c.version));
    const auto release = Core::ToolRelease::fromVersion(caps->version);
    ASSERT_TRUE(release.has_value());
    EXPECT_GE(*release, Core::ToolRelease::oldestSupported());
    EXPECT_EQ(caps->accepts(QStringLiteral("run_calibration"), QStringLiteral("--chip")), c.calibrationHasChip);
    EXPECT_EQ(caps->acceptsValue(QStringLiteral("run_calibration"), QStringLiteral("--search"), QStringLiteral("fast_search")),
              c.fastSearch);
    EXPECT_TRUE(caps->accepts(QStringLiteral("model_deploy"), QStringLiteral("--num_core")));
    EXPECT_FALSE(caps->accepts(QStringLiteral("model_deploy"), QStringLiteral("--core")));

    Core::ProjectJobFactory::Options options;
    options.capabilities = *caps;
    Core::ConversionJob *job = run(options);
    ASSERT_EQ(job->state(), JobState::Succeeded) << failures(job->record()).toStdString();
    EXPECT_EQ(job->record().toolVersion, QString::fromLatin1(c.version));
    EXPECT_TRUE(QDir(job->record().directory).exists(QStringLiteral("m_int8.cvimodel")));
}

TEST_P(Releases, SearchRunAsksForCv181xAndProposesBf16Layers)
{
    const ReleaseCase &c = GetParam();
    auto caps = probe();
    ASSERT_TRUE(caps.has_value()) << caps.error().message.toStdString();
    Core::ProjectJobFactory::Options options;
    options.capabilities = *caps;
    options.qtableSearch = Core::ConversionPlan::QtableSearch{};
    options.qtableSearch->expectedCos = 0.985;
    options.qtableSearch->maxFloatLayers = 3;
    Core::ConversionJob *job = run(options);
    ASSERT_EQ(job->state(), JobState::Succeeded) << failures(job->record()).toStdString();
    const Core::JobRecord &r = job->record();
    const Core::StepRecord &search = r.steps.at(r.stepIndex(QStringLiteral("search_qtable")));
    const QStringList &argv = search.invocation.arguments;
    // Its default is bm1684x; --processor is accepted by every supported release (--chip is not).
    const qsizetype processor = argv.indexOf(QStringLiteral("--processor"));
    ASSERT_GE(processor, 0) << argv.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(argv.at(processor + 1), QStringLiteral("cv181x"));
    QFile table(QDir(r.directory).filePath(Core::ConversionPlan::searchQtableFile(QStringLiteral("m"))));
    ASSERT_TRUE(table.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(table.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_GE(rows.size(), 2);
    for (const QString &row : rows.mid(1))
        EXPECT_TRUE(row.endsWith(QStringLiteral(" BF16"))) << row.toStdString();

    // fast_search only where the release lists it; elsewhere the plan says so and leaves it out.
    Core::ConversionPlan::Options planOptions;
    planOptions.capabilities = *caps;
    planOptions.qtableSearch = Core::ConversionPlan::QtableSearch{};
    planOptions.qtableSearch->method = QStringLiteral("fast_search");
    const auto plan = Core::ConversionPlan::build(m_project, planOptions);
    EXPECT_EQ(plan.steps.last().kind == Core::ConversionPlan::Step::Kind::SearchQtable, c.fastSearch);
}

INSTANTIATE_TEST_SUITE_P(Doubles, Releases,
                         testing::Values(ReleaseCase{"1.21", "v1.21.1-20250620", true, false},
                                         ReleaseCase{"1.27", "v1.27-20260206", true, false},
                                         ReleaseCase{"1.28.1", "v1.28.1-20260429", true, false},
                                         ReleaseCase{"1.29", "v1.29-20260615", true, false},
                                         ReleaseCase{"1.30", "v1.30-20260115", false, false},
                                         ReleaseCase{"1.30.2", "v1.30.2-20260831", false, true}),
                         [](const testing::TestParamInfo<ReleaseCase> &tp) {
                             return QString::fromLatin1(tp.param.release).replace(QLatin1Char('.'), QLatin1Char('_')).toStdString();
                         });

TEST(EntryPoints, ProbeFallsBackToTheBareNamesAndThePlanUsesThem)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // An install with only the bare commands (no *.py names on PATH).
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    for (const char *tool : {"model_transform", "run_calibration", "model_deploy", "npz_tool"}) {
        ASSERT_TRUE(QFile::link(QStringLiteral(MCW_FAKES_DIR "/%1.py").arg(QLatin1String(tool)),
                                bin + QLatin1Char('/') + QLatin1String(tool)));
    }
    Core::ToolchainSettings settings;
    settings.backend = Core::ToolchainSettings::Backend::Native;
    settings.toolDirectory = bin;
    Core::ToolchainProbe probe(settings);
    probe.setWorkingDirectory(dir.path());
    bool done = false;
    QObject::connect(&probe, &Core::ToolchainProbe::finished, &probe, [&] { done = true; });
    probe.start();
    ASSERT_TRUE(waitUntil([&] { return done; }, 60000));
    auto caps = probe.result();
    ASSERT_TRUE(caps.has_value()) << caps.error().message.toStdString();
    EXPECT_EQ(caps->program(QStringLiteral("model_deploy")), QStringLiteral("model_deploy"));
    EXPECT_EQ(caps->program(QStringLiteral("run_calibration.py")), QStringLiteral("run_calibration"));
    EXPECT_EQ(Core::ToolCapabilities::fromJson(caps->toJson()), *caps);

    Core::Project project;
    project.name = QStringLiteral("m");
    project.modelPath = QStringLiteral("/x/m.onnx");
    project.quantization.datasetDir = QStringLiteral("/x/images");
    Core::ConversionPlan::Options options;
    options.capabilities = *caps;
    for (const auto &step : Core::ConversionPlan::build(project, options).steps)
        EXPECT_FALSE(step.invocation.program.endsWith(QStringLiteral(".py"))) << step.invocation.program.toStdString();
    // Unprobed: Sipeed's *.py spelling.
    EXPECT_EQ(Core::ConversionPlan::build(project).steps.first().invocation.program, QStringLiteral("model_transform.py"));
}

TEST(ToolRelease, ReadsTheReleaseAndIgnoresTheBuild)
{
    using Core::ToolRelease;
    EXPECT_EQ(ToolRelease::fromVersion(QStringLiteral("v1.30.2-20260831")), (ToolRelease{1, 30, 2}));
    EXPECT_EQ(ToolRelease::fromVersion(QStringLiteral("v1.16.beta.0-41-g5eba2a0e2-20250327")), (ToolRelease{1, 16, 0}));
    EXPECT_EQ(ToolRelease::fromVersion(QStringLiteral("v1.3.228-g19ca95e9-20230921")), (ToolRelease{1, 3, 228}));
    EXPECT_EQ(ToolRelease::fromVersion(QStringLiteral("v1.28.1-20260429"))->toString(), QStringLiteral("1.28.1"));
    EXPECT_FALSE(ToolRelease::fromVersion(QStringLiteral("UNKNOWN.UNKNOWN-20241211")).has_value());
    EXPECT_LT(*ToolRelease::fromVersion(QStringLiteral("v1.28.1-20260429")), *ToolRelease::fromVersion(QStringLiteral("v1.30-20260115")));
    EXPECT_TRUE(Core::releaseDifference(QStringLiteral("v1.28.1-20260429"), QStringLiteral("v1.28.1-20260429")).isEmpty());
    EXPECT_TRUE(Core::releaseDifference(QString(), QStringLiteral("v1.28.1-20260429")).isEmpty());
    const QString differs = Core::releaseDifference(QStringLiteral("v1.28.1-20260429"), QStringLiteral("v1.30.2-20260831"));
    EXPECT_TRUE(differs.contains(QStringLiteral("1.28.1")) && differs.contains(QStringLiteral("1.30.2"))) << differs.toStdString();
    EXPECT_FALSE(Core::releaseDifference(QStringLiteral("v1.30.2-20260831"), QStringLiteral("v1.30.2-20260901")).isEmpty());
}
