// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MaixCAM2 end to end in core, on the pulsar2 double (tests/fakes/pulsar2.py): a maixcam2 project
// from the generated YOLOv8n cut at the per-scale heads, a job from ProjectJobFactory run by the
// JobPool on the native backend, progress and failures read from Pulsar2's console.
#include <core/accuracy/jobaccuracy.h>
#include <core/bundle/provenance.h>
#include <core/bundle/ziparchive.h>
#include <core/mud/mudreader.h>
#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <core/project/projectinitializer.h>
#include <core/project/quantizetableedit.h>
#include <core/pulsar2/precisiontable.h>
#include <core/pulsar2/pulsar2plan.h>
#include <core/run/conversionjob.h>
#include <core/run/jobhistory.h>
#include <core/run/jobpool.h>
#include <core/run/nativebackend.h>
#include <core/run/processrunner.h>
#include <core/run/projectjobfactory.h>
#include <core/sha256.h>

#include <tests/support/clirunner.h>
#include <tests/support/sampleimage.h>
#include <tests/support/testpaths.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

struct MaixCam2Conversion
{
    QTemporaryDir dir;
    Project project;

    MaixCam2Conversion()
    {
        const QString model = Tests::generatedModel(QStringLiteral("yolov8n"));
        const QString images = dir.filePath(QStringLiteral("images"));
        QDir().mkpath(images);
        for (int i = 0; i < 4; ++i)
            EXPECT_TRUE(Tests::writeSampleImage(QStringLiteral("%1/%2.jpg").arg(images).arg(i), 320, 240, i + 1));
        ProjectInitializer::Options options;
        options.device = Device::MaixCam2;
        options.datasetDir = images;
        options.inputNum = 3;
        // Scheme 1, the heads Sipeed's MaixCAM2 page recommends.
        options.outputs = {QStringLiteral("/model.22/Concat_1_output_0"), QStringLiteral("/model.22/Concat_2_output_0"),
                           QStringLiteral("/model.22/Concat_3_output_0")};
        options.projectPath = dir.filePath(QStringLiteral("yolov8n.yaml"));
        const auto graph = OnnxLoader::loadFile(model);
        project = ProjectInitializer::initialize(*graph, model, options)->project;
        project.modelSha256 = *sha256OfFile(model);
        project.workspaceDir = dir.filePath(QStringLiteral("workspace"));
    }

    /** The pool runs the steps natively with tests/fakes first on PATH, without pauses. */
    static void useDoubles(JobPool &pool)
    {
        qputenv("FAKE_PULSAR2_SPEED", "0");
        ToolchainSettings settings;
        settings.backend = ToolchainSettings::Backend::Native;
        settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
        pool.setBackend(std::make_shared<NativeBackend>(settings));
    }

    JobRecord run(const QString &scenario = {})
    {
        const auto job = ProjectJobFactory::createJob(project, project.workspaceDir, {});
        EXPECT_TRUE(job) << (job ? "" : job.error().message.toStdString());
        if (!job)
            return {};
        qputenv("FAKE_PULSAR2_SCENARIO", scenario.toUtf8());
        JobPool pool;
        useDoubles(pool);
        QEventLoop loop;
        QObject::connect(&pool, &JobPool::idle, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        pool.submit(*job);
        loop.exec();
        qunsetenv("FAKE_PULSAR2_SCENARIO");
        return *JobRecord::load(job->directory);
    }
};

} // namespace

TEST(Pulsar2Pipeline, BuildsModelNpuAndModelVnpu)
{
    MaixCam2Conversion c;
    const JobRecord job = c.run();
    ASSERT_EQ(job.state, JobState::Succeeded) << jobStateName(job.state).toStdString();
    ASSERT_EQ(job.steps.size(), 2);
    EXPECT_EQ(job.steps[0].id, QStringLiteral("build_npu"));
    EXPECT_EQ(job.steps[1].id, QStringLiteral("build_vnpu"));
    const QDir dir(job.directory);
    for (const StepRecord &step : job.steps) {
        EXPECT_EQ(step.state, StepState::Succeeded) << step.id.toStdString();
        EXPECT_EQ(step.progress, 1.0);
        EXPECT_EQ(step.invocation.program, QStringLiteral("pulsar2"));
        EXPECT_EQ(step.invocation.arguments.mid(0, 3),
                  (QStringList{QStringLiteral("build"), QStringLiteral("--target_hardware"), QStringLiteral("AX620E")}));
        bool wroteModel = false;
        for (const OutputFile &f : step.outputs)
            wroteModel = wroteModel || f.path.endsWith(QLatin1String("/compiled.axmodel"));
        EXPECT_TRUE(wroteModel) << step.id.toStdString();
    }
    // The double extracted our tar flat and saw the three archived images.
    EXPECT_EQ(QDir(dir.filePath(QStringLiteral("yolov8n_npu/quant/dataset/images"))).entryList(QDir::Files).size(), 3);
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("yolov8n_cut.onnx"))));
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("yolov8n_vnpu/quant/debug/precision_analysis_table.txt"))));
    // The config the build read is the one the plan writes: NPU2 for model_npu, the heads permuted.
    QFile config(dir.filePath(QStringLiteral("yolov8n.npu.json")));
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(config.readAll()).object();
    EXPECT_EQ(json[QStringLiteral("npu_mode")], QStringLiteral("NPU2"));
    EXPECT_EQ(json[QStringLiteral("output_processors")][0][QStringLiteral("dst_perm")].toArray().size(), 4);
    EXPECT_EQ(json[QStringLiteral("quant")][QStringLiteral("input_configs")][0][QStringLiteral("tensor_name")],
              QStringLiteral("images"));
}

TEST(Pulsar2Pipeline, OcmShortageFailsTheHalfNpuBuildOnlyWithOneSentence)
{
    MaixCam2Conversion c;
    const JobRecord job = c.run(QStringLiteral("ocm"));
    EXPECT_EQ(job.state, JobState::Failed);
    ASSERT_EQ(job.steps.size(), 2);
    EXPECT_EQ(job.steps[0].state, StepState::Succeeded);
    const StepRecord &vnpu = job.steps[1];
    EXPECT_EQ(vnpu.state, StepState::Failed);
    ASSERT_FALSE(vnpu.diagnostics.isEmpty());
    EXPECT_EQ(vnpu.diagnostics.first().code, QStringLiteral("pulsar2_ocm"));
    EXPECT_EQ(vnpu.errorMessage, vnpu.diagnostics.first().message);
    EXPECT_FALSE(QFile::exists(QDir(job.directory).filePath(QStringLiteral("yolov8n_vnpu/compiled.axmodel"))));
}

TEST(Pulsar2Pipeline, OnlyTheSelectedBuildRuns)
{
    MaixCam2Conversion c;
    c.project.pulsar2.buildNpu = false;
    const JobRecord job = c.run();
    ASSERT_EQ(job.steps.size(), 1);
    EXPECT_EQ(job.steps[0].id, QStringLiteral("build_vnpu"));
    EXPECT_EQ(job.state, JobState::Succeeded);
}

TEST(Pulsar2Pipeline, NoCalibrationImagesIsOneSentenceBeforeAnythingRuns)
{
    MaixCam2Conversion c;
    c.project.quantization.datasetDir = c.dir.filePath(QStringLiteral("empty"));
    QDir().mkpath(c.project.quantization.datasetDir);
    const auto job = ProjectJobFactory::createJob(c.project, c.project.workspaceDir, {});
    ASSERT_FALSE(job);
    EXPECT_TRUE(job.error().message.contains(QStringLiteral("holds no jpg, jpeg, png or bmp image"))) << job.error().message.toStdString();
}

TEST(Pulsar2Pipeline, HeadlessInitPlanRunExportImport)
{
    QTemporaryDir dir;
    const QString images = dir.filePath(QStringLiteral("images"));
    QDir().mkpath(images);
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(Tests::writeSampleImage(QStringLiteral("%1/%2.jpg").arg(images).arg(i), 640, 640, i + 1));
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    auto run = Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("-o"),
                                  project, QStringLiteral("--device"), QStringLiteral("maixcam2"), QStringLiteral("--dataset"),
                                  images, QStringLiteral("--input-num"), QStringLiteral("3"), QStringLiteral("--outputs"),
                                  QStringLiteral("/model.22/Concat_1_output_0,/model.22/Concat_2_output_0,/model.22/Concat_3_output_0")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("(MaixCAM2, yolov8, 80 labels)"))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("0 error(s), 0 warning(s)"))) << run.out.toStdString();

    run = Tests::runConvert({QStringLiteral("plan"), project});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("pulsar2 build \\\n  --target_hardware AX620E \\\n  --input yolov8n_cut.onnx \\\n"
                                                "  --output_dir yolov8n_npu \\\n  --config yolov8n.npu.json\n")))
        << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("cat > yolov8n.vnpu.json <<'MCW_END'\n{\n  \"model_type\": \"ONNX\",\n  \"npu_mode\": \"NPU1\",")));

    qputenv("FAKE_PULSAR2_SPEED", "0");
    run = Tests::runConvert({QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("native"),
                             QStringLiteral("--tools"), QStringLiteral(MCW_FAKES_DIR)});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("[2/2] Build model_vnpu (NPU1): succeeded"))) << run.out.toStdString();

    const QString bundle = dir.filePath(QStringLiteral("bundle.zip"));
    run = Tests::runConvert({QStringLiteral("export"), project, QStringLiteral("-o"), bundle});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("  yolov8n_npu.axmodel\n  yolov8n_vnpu.axmodel\n"))) << run.out.toStdString();

    // The device-faithful reader accepts the exported MUD with the models next to it.
    const QString extracted = dir.filePath(QStringLiteral("x"));
    ASSERT_TRUE(ZipArchive::extractSafely(bundle, extracted));
    const auto mud = MudReader::readFile(extracted + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud);
    EXPECT_TRUE(mud->diagnostics.isEmpty()) << mud->diagnostics.value(0).message.toStdString();
    EXPECT_EQ(mud->modelFormat, QStringLiteral("axmodel"));
    EXPECT_EQ(mud->labels.size(), 80);

    // The provenance names Pulsar2's version and each build's lowest cosine (its precision table).
    QFile provenanceFile(extracted + QStringLiteral("/yolov8n.provenance.yaml"));
    ASSERT_TRUE(provenanceFile.open(QIODevice::ReadOnly));
    const auto provenance = Provenance::fromYaml(provenanceFile.readAll(), provenanceFile.fileName());
    ASSERT_TRUE(provenance);
    EXPECT_EQ(provenance->toolVersion, QStringLiteral("6.0"));
    ASSERT_EQ(provenance->axmodels.size(), 2);
    const auto runs = JobHistory::load(dir.filePath(QStringLiteral("workspace")), QStringLiteral("yolov8n")).jobs;
    ASSERT_EQ(runs.size(), 1);
    double lowestOfBoth = 1.0;
    for (const Provenance::Step &step : Provenance::stepsFromJob(runs.first())) {
        const QString outputDir = step.command.value(step.command.indexOf(QStringLiteral("--output_dir")) + 1);
        const auto table = Pulsar2PrecisionTable::readFile(QDir(runs.first().directory)
                                                               .filePath(outputDir + QStringLiteral("/quant/debug/precision_analysis_table.txt")));
        ASSERT_TRUE(table) << step.id.toStdString();
        double lowest = 1.0;
        for (const Pulsar2PrecisionTable::Row &row : *table)
            lowest = std::min(lowest, row.cosine);
        EXPECT_DOUBLE_EQ(step.minCosine, lowest) << step.id.toStdString();
        lowestOfBoth = std::min(lowestOfBoth, lowest);
    }

    // rebuild replays the provenance and finds both axmodels identical (the double is deterministic).
    run = Tests::runConvert({QStringLiteral("rebuild"), extracted + QStringLiteral("/yolov8n.provenance.yaml"),
                             QStringLiteral("--backend"), QStringLiteral("native"), QStringLiteral("--tools"),
                             QStringLiteral(MCW_FAKES_DIR)});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_EQ(run.out.count(QStringLiteral(": identical to the bundle's yolov8n_")), 2) << run.out.toStdString();

    // batch converts MaixCAM2 projects too; its summary gives model_npu's size and the lowest cosine.
    run = Tests::runConvert({QStringLiteral("batch"), project, QStringLiteral("--backend"), QStringLiteral("native"),
                             QStringLiteral("--tools"), QStringLiteral(MCW_FAKES_DIR), QStringLiteral("--json")});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const QJsonObject row = QJsonDocument::fromJson(run.out.toUtf8()).object()[QStringLiteral("projects")].toArray().at(0).toObject();
    EXPECT_EQ(row[QStringLiteral("status")], QStringLiteral("succeeded")) << run.out.toStdString();
    const QString batchRun = row[QStringLiteral("run")].toString();
    EXPECT_EQ(row[QStringLiteral("cvimodel_bytes")].toInteger(),
              QFileInfo(QDir(batchRun).filePath(QStringLiteral("yolov8n_npu/compiled.axmodel"))).size()) << run.out.toStdString();
    EXPECT_DOUBLE_EQ(row[QStringLiteral("min_cosine")].toDouble(), lowestOfBoth);

    // Import reads the device and both builds back.
    const QString imported = dir.filePath(QStringLiteral("imported.yaml"));
    run = Tests::runConvert({QStringLiteral("import"), bundle, QStringLiteral("-o"), imported});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const auto back = ProjectFile::load(imported);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->project.device, Device::MaixCam2);
    EXPECT_TRUE(back->project.pulsar2.buildNpu);
    EXPECT_TRUE(back->project.pulsar2.buildVnpu);
}

TEST(Pulsar2Pipeline, PrecisionChartThenKeepInU16AndRunAgain)
{
    MaixCam2Conversion c;
    const JobRecord first = c.run();
    ASSERT_EQ(first.state, JobState::Succeeded);
    const auto run = accuracyRunFromJob(first, c.project, false);
    ASSERT_TRUE(run) << run.error().message.toStdString();
    // One chart row per operator of the cut model, in its order, named as the ONNX names it.
    const auto cut = OnnxLoader::loadFile(QDir(first.directory).filePath(QStringLiteral("yolov8n_cut.onnx")));
    ASSERT_TRUE(cut);
    ASSERT_EQ(run->layers.size(), cut->nodes().size());
    for (int i = 0; i < run->layers.size(); ++i) {
        EXPECT_EQ(run->layers[i].tensorName, cut->nodes()[i].name);
        EXPECT_EQ(run->layers[i].opType, cut->nodes()[i].opType);
    }
    // The double's documented cosines (tests/fakes/README.md): node k = 5 loses 0.00004·6 + 0.0008.
    EXPECT_NEAR(run->layers[5].cosine, 1.0 - 0.00024 - 0.0008, 1e-5);
    EXPECT_EQ(run->stages(), QList<AccuracyStage>{AccuracyStage::Tpu});

    // "Keep in higher precision" on that layer: a U16 layer config, and a better cosine after the re-run.
    const QString layer = run->layers[5].tensorName;
    EXPECT_EQ(QuantizeTableEdit::keepInHigherPrecision(c.project, {layer}), 1);
    EXPECT_EQ(c.project.pulsar2.u16Layers, QStringList{layer});
    EXPECT_TRUE(c.project.quantization.quantizeTable.isEmpty());
    const JobRecord second = c.run();
    ASSERT_EQ(second.state, JobState::Succeeded);
    QFile config(QDir(second.directory).filePath(QStringLiteral("yolov8n.npu.json")));
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(config.readAll()).object();
    EXPECT_EQ(json[QStringLiteral("quant")][QStringLiteral("layer_configs")][0][QStringLiteral("layer_names")][0], layer);
    const auto again = accuracyRunFromJob(second, c.project, false);
    ASSERT_TRUE(again);
    EXPECT_GT(again->layers[5].cosine, run->layers[5].cosine);
    EXPECT_EQ(QuantizeTableEdit::backToDefaultPrecision(c.project, {layer}), 1);
    EXPECT_TRUE(c.project.pulsar2.u16Layers.isEmpty());
}

TEST(Pulsar2Pipeline, CancelStopsTheBuildAndLeavesNoProcessOfItsGroup)
{
    MaixCam2Conversion c;
    const auto record = ProjectJobFactory::createJob(c.project, c.project.workspaceDir, {});
    ASSERT_TRUE(record);
    qputenv("FAKE_PULSAR2_SCENARIO", "hang");
    JobPool pool;
    MaixCam2Conversion::useDoubles(pool);
    ConversionJob *job = pool.submit(*record);
    bool compiling = false;
    QObject::connect(job, &ConversionJob::outputLine, job, [&](const QString &, OutputStream, const QString &line) {
        compiling = compiling || line.contains(QLatin1String("QuantAxModel macs:"));
    });
    ASSERT_TRUE(QTest::qWaitFor([&] { return compiling; }, 30000));
    const qint64 group = job->runningProcessGroup();
    ASSERT_GT(group, 0);
    ASSERT_TRUE(ProcessRunner::isProcessGroupAlive(group));
    pool.cancel(job->id());
    ASSERT_TRUE(QTest::qWaitFor([&] { return job->state() == JobState::Cancelled; }, 15000));
    qunsetenv("FAKE_PULSAR2_SCENARIO");
    EXPECT_FALSE(ProcessRunner::isProcessGroupAlive(group));
    EXPECT_EQ(job->record().steps[0].state, StepState::Cancelled);
    EXPECT_EQ(job->record().steps[1].state, StepState::Cancelled);
    EXPECT_FALSE(QFile::exists(QDir(job->record().directory).filePath(QStringLiteral("yolov8n_npu/compiled.axmodel"))));
}

TEST(Pulsar2Pipeline, Release70RunsTheSameWay)
{
    MaixCam2Conversion c;
    qputenv("FAKE_PULSAR2_VERSION", "7.0");
    const JobRecord job = c.run();
    qunsetenv("FAKE_PULSAR2_VERSION");
    EXPECT_EQ(job.state, JobState::Succeeded);
    const auto run = accuracyRunFromJob(job, c.project, false);
    ASSERT_TRUE(run) << run.error().message.toStdString();
    EXPECT_FALSE(run->layers.isEmpty());
}
