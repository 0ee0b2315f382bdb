// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The conversion as a user runs it, on the faithful tpu-mlir doubles (tests/fakes): a project from
// the generated YOLOv8n with real photos, a job from ProjectJobFactory run by the JobPool on the
// native backend, the per-layer accuracy read from the kept .npz files, and the exported bundle.
#include <core/accuracy/jobaccuracy.h>
#include <core/atomicfile.h>
#include <core/bundle/bundleexporter.h>
#include <core/bundle/provenance.h>
#include <core/imaging/imagefolder.h>
#include <core/mud/mudreader.h>
#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <core/project/projectinitializer.h>
#include <core/run/batchrun.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionsession.h>
#include <core/run/dockerimageid.h>
#include <core/run/jobhistory.h>
#include <core/run/jobpool.h>
#include <core/run/nativebackend.h>
#include <core/run/projectjobfactory.h>
#include <core/sha256.h>

#include <tests/support/clirunner.h>
#include <tests/support/testpaths.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

struct Conversion
{
    QTemporaryDir dir;
    Graph graph;
    Project project;

    Conversion()
    {
        const QString model = Tests::generatedModel(QStringLiteral("yolov8n"));
        graph = *OnnxLoader::loadFile(model);
        ProjectInitializer::Options options;
        options.datasetDir = Tests::photoDir();
        options.testImage = Tests::photoDir() + QStringLiteral("/astronaut.png");
        options.projectPath = dir.filePath(QStringLiteral("yolov8n.yaml"));
        project = ProjectInitializer::initialize(graph, model, options)->project;
        project.modelSha256 = *sha256OfFile(model);
        project.quantization.inputNum = 5;
        project.workspaceDir = dir.filePath(QStringLiteral("workspace"));
    }

    /** Runs the project's job to the end on the doubles; returns the finished record. */
    JobRecord run(const QString &scenario = QStringLiteral("ok"))
    {
        const auto job = ProjectJobFactory::createJob(project, project.workspaceDir, {});
        EXPECT_TRUE(job) << (job ? "" : job.error().message.toStdString());
        return runJob(*job, scenario);
    }

    JobRecord runJob(const JobRecord &job, const QString &scenario = QStringLiteral("ok"))
    {
        qputenv("FAKE_TPU_SCENARIO", scenario.toUtf8());
        qputenv("FAKE_TPU_SPEED", "0");
        ToolchainSettings settings;
        settings.backend = ToolchainSettings::Backend::Native;
        settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
        JobPool pool;
        pool.setBackend(std::make_shared<NativeBackend>(settings));
        QEventLoop loop;
        QObject::connect(&pool, &JobPool::idle, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        pool.submit(job);
        loop.exec();
        qunsetenv("FAKE_TPU_SCENARIO");
        return *JobRecord::load(job.directory);
    }

    /** A new job that copies what it can from \a earlier. */
    JobRecord reusing(const JobRecord &earlier)
    {
        ProjectJobFactory::Options options;
        options.reuseFrom = earlier;
        const auto job = ProjectJobFactory::createJob(project, project.workspaceDir, options);
        EXPECT_TRUE(job) << (job ? "" : job.error().message.toStdString());
        return job ? *job : JobRecord{};
    }
};

/** `maixcam-convert init` of the generated YOLOv8n with five real photos, as a user types it. */
Tests::CliRun initWithCli(const QString &project)
{
    return Tests::runConvert({QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")),
                              QStringLiteral("-o"), project, QStringLiteral("--dataset"), Tests::photoDir(),
                              QStringLiteral("--input-num"), QStringLiteral("5"), QStringLiteral("--test-input"),
                              Tests::photoDir() + QStringLiteral("/astronaut.png")});
}

} // namespace

TEST(ConversionE2E, RunThenChartThenExport)
{
    Conversion c;
    const JobRecord job = c.run();
    ASSERT_EQ(job.state, JobState::Succeeded) << jobStateName(job.state).toStdString();
    for (const StepRecord &step : job.steps)
        EXPECT_EQ(step.state, StepState::Succeeded) << step.id.toStdString();

    // Per-layer accuracy of the INT8 deploy from the kept npz files (--compare_all --debug).
    const auto accuracy = accuracyRunFromJob(job, c.project, false);
    ASSERT_TRUE(accuracy) << accuracy.error().message.toStdString();
    EXPECT_FALSE(accuracy->layersOf(AccuracyStage::Tpu).isEmpty());

    // Export by the book: the MUD names the renamed cvimodel, labels match, provenance is there.
    BundleExporter::Request request;
    request.project = c.project;
    request.graph = c.graph;
    request.job = job;
    const QString bundle = c.dir.filePath(QStringLiteral("bundle"));
    const auto files = BundleExporter::exportBundle(request, bundle, false);
    ASSERT_TRUE(files) << files.error().message.toStdString();
    const auto mud = MudReader::readFile(bundle + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud);
    EXPECT_TRUE(mud->deviceParses);
    EXPECT_EQ(mud->document.value(QStringLiteral("extra"), QStringLiteral("model_type")), QStringLiteral("yolov8"));
    EXPECT_EQ(mud->labels.size(), 80);
    EXPECT_EQ(*sha256OfFile(bundle + QStringLiteral("/yolov8n.cvimodel")),
              *sha256OfFile(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"))));
    QFile prov(bundle + QStringLiteral("/yolov8n.provenance.yaml"));
    ASSERT_TRUE(prov.open(QIODevice::ReadOnly));
    const auto provenance = Provenance::fromYaml(prov.readAll(), prov.fileName());
    ASSERT_TRUE(provenance);
    EXPECT_EQ(provenance->calibrationImages.size(), scanCalibrationFolder(Tests::photoDir())->images.size());
    ASSERT_EQ(provenance->steps.size(), job.steps.size());
    EXPECT_EQ(provenance->steps.first().command, job.steps.first().executedCommand);
}

TEST(ConversionE2E, RebuildFromProvenanceMatches)
{
    Conversion c;
    const JobRecord job = c.run();
    ASSERT_EQ(job.state, JobState::Succeeded);
    BundleExporter::Request request;
    request.project = c.project;
    request.graph = c.graph;
    request.job = job;
    const QString bundle = c.dir.filePath(QStringLiteral("bundle"));
    ASSERT_TRUE(BundleExporter::exportBundle(request, bundle, false));

    QProcess rebuild;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FAKE_TPU_SPEED"), QStringLiteral("0"));
    rebuild.setProcessEnvironment(env);
    rebuild.start(Tests::binDir() + QStringLiteral("/maixcam-convert"),
                  {QStringLiteral("rebuild"), bundle + QStringLiteral("/yolov8n.provenance.yaml"),
                   QStringLiteral("--backend"), QStringLiteral("native"), QStringLiteral("--tools"),
                   QStringLiteral(MCW_FAKES_DIR), QStringLiteral("--workspace"), c.dir.filePath(QStringLiteral("rebuild"))});
    ASSERT_TRUE(rebuild.waitForFinished(120000));
    const QString out = QString::fromUtf8(rebuild.readAllStandardOutput());
    EXPECT_EQ(rebuild.exitCode(), 0) << out.toStdString() << rebuild.readAllStandardError().constData();
    EXPECT_TRUE(out.contains(QStringLiteral("identical to the bundle's yolov8n.cvimodel"))) << out.toStdString();
}

TEST(ConversionE2E, FailedCalibrationLeavesNothingToExport)
{
    Conversion c;
    const JobRecord job = c.run(QStringLiteral("missing_cali_table"));
    EXPECT_EQ(job.state, JobState::Failed);
    BundleExporter::Request request;
    request.project = c.project;
    request.job = job;
    const BundleExporter::Prepared prepared = BundleExporter::prepare(request);
    ASSERT_TRUE(hasErrors(prepared.problems));
    EXPECT_EQ(prepared.problems.first().code, QStringLiteral("export_no_model"));
}

TEST(ConversionE2E, HeadlessInitRunExport)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    auto run = initWithCli(project);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    qputenv("FAKE_TPU_SPEED", "0");
    run = Tests::runConvert({QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("native"),
                             QStringLiteral("--tools"), QStringLiteral(MCW_FAKES_DIR)});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    run = Tests::runConvert({QStringLiteral("export"), project, QStringLiteral("-o"), dir.filePath(QStringLiteral("bundle.zip"))});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const auto entries = ZipArchive::entries(dir.filePath(QStringLiteral("bundle.zip")));
    ASSERT_TRUE(entries);
    QStringList names;
    for (const ZipArchive::Entry &e : *entries)
        names.append(e.name);
    names.sort();
    EXPECT_EQ(names, (QStringList{QStringLiteral("yolov8n.cvimodel"), QStringLiteral("yolov8n.mud"),
                                  QStringLiteral("yolov8n.provenance.yaml")}));
}

TEST(ConversionE2E, DeviceNeedsAfterTheRunReachTheProvenance)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    auto run = initWithCli(project);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    qputenv("FAKE_TPU_SPEED", "0");
    qputenv("FAKE_TPU_VERSION", "1.28.1");
    run = Tests::runConvert({QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("native"),
                             QStringLiteral("--tools"), QStringLiteral(MCW_FAKES_DIR)});
    qunsetenv("FAKE_TPU_VERSION");
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("Device needs for yolov8n_int8.cvimodel: file "))) << run.out.toStdString();

    const auto loaded = ProjectFile::load(project);
    ASSERT_TRUE(loaded);
    const JobRecord job = JobHistory::load(loaded->project.workspaceDir, loaded->project.name).jobs.last();
    // A step of the plan like any other: model_tool --info after the INT8 deploy, its stdout
    // kept byte for byte as the info file, recorded among the step's outputs with its hash.
    const int infoStep = job.stepIndex(QStringLiteral("device_info"));
    ASSERT_GE(infoStep, 0);
    const StepRecord &info = job.steps.at(infoStep);
    EXPECT_EQ(info.state, StepState::Succeeded);
    EXPECT_EQ(info.dependsOn, QStringList{QStringLiteral("deploy_int8")});
    EXPECT_GT(infoStep, job.stepIndex(QStringLiteral("deploy_int8")));
    EXPECT_EQ(info.invocation.program, QStringLiteral("model_tool"));
    EXPECT_EQ(info.invocation.arguments, (QStringList{QStringLiteral("--info"), QStringLiteral("yolov8n_int8.cvimodel")}));
    const auto stdoutBytes = readWholeFile(QDir(job.directory).filePath(info.logFile).replace(QStringLiteral(".log"), QStringLiteral(".stdout.log")));
    const auto infoBytes = readWholeFile(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel.info.txt")));
    ASSERT_TRUE(stdoutBytes && infoBytes);
    EXPECT_EQ(*infoBytes, *stdoutBytes);
    bool recorded = false;
    for (const OutputFile &f : info.outputs)
        recorded = recorded || (f.path == QLatin1String("yolov8n_int8.cvimodel.info.txt") && f.sha256 == sha256OfBytes(*infoBytes));
    EXPECT_TRUE(recorded);
    // The dump kept next to the model, read independently of CvimodelInfo.
    QFile dump(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel.info.txt")));
    ASSERT_TRUE(dump.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(dump.readAll());
    const auto ion = QRegularExpression(QStringLiteral("Need ION Memory Size: \\(([0-9.]+) MB\\)")).match(text);
    ASSERT_TRUE(ion.hasMatch());
    qint64 weights = 0;
    for (auto it = QRegularExpression(QStringLiteral("(?m)^\\d{3}  weight +\\S+ +(\\d+)")).globalMatch(text); it.hasNext();)
        weights += it.next().captured(1).toLongLong();
    const auto shared = QRegularExpression(QStringLiteral("shared_gmem_size: (\\d+)")).match(text);
    ASSERT_TRUE(shared.hasMatch());

    BundleExporter::Request request;
    request.project = loaded->project;
    request.job = job;
    const BundleExporter::Prepared prepared = BundleExporter::prepare(request);
    ASSERT_FALSE(hasErrors(prepared.problems));
    const auto provenance = Provenance::fromYaml(prepared.provenance, QStringLiteral("p.yaml"));
    ASSERT_TRUE(provenance) << provenance.error().message.toStdString();
    EXPECT_EQ(provenance->device.cvimodelBytes, QFileInfo(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"))).size());
    EXPECT_DOUBLE_EQ(provenance->device.ionMegabytes, ion.captured(1).toDouble());
    EXPECT_EQ(provenance->device.weightBytes, weights);
    EXPECT_EQ(provenance->device.neuronBytes, shared.captured(1).toLongLong()); // private gmem is 0
    EXPECT_TRUE(provenance->device.cpuRoutines.isEmpty());
}

TEST(ConversionE2E, HeadlessSearchAdoptAndRedeployOnly)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    auto run = initWithCli(project);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    qputenv("FAKE_TPU_SPEED", "0");
    qputenv("FAKE_TPU_VERSION", "1.28.1");
    const QStringList toolchain{QStringLiteral("--backend"), QStringLiteral("native"), QStringLiteral("--tools"),
                                QStringLiteral(MCW_FAKES_DIR)};
    run = Tests::runConvert(QStringList{QStringLiteral("run"), project, QStringLiteral("--search-qtable"),
                                        QStringLiteral("--expected-cos"), QStringLiteral("0.985"),
                                        QStringLiteral("--max-float-layers"), QStringLiteral("3"), QStringLiteral("--adopt")}
                            + toolchain);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("tpu-mlir proposes keeping"))) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("Adopted"))) << run.out.toStdString();

    // The project now keeps exactly the layers of the table the search wrote.
    const auto loaded = ProjectFile::load(project);
    ASSERT_TRUE(loaded);
    const QList<JobRecord> jobs = JobHistory::load(loaded->project.workspaceDir, loaded->project.name).jobs;
    ASSERT_FALSE(jobs.isEmpty());
    const JobRecord &searchRun = jobs.last();
    ASSERT_GE(searchRun.stepIndex(QStringLiteral("search_qtable")), 0);
    QFile table(QDir(searchRun.directory).filePath(QStringLiteral("yolov8n_search_qtable")));
    ASSERT_TRUE(table.open(QIODevice::ReadOnly));
    QStringList proposed;
    for (const QString &line : QString::fromUtf8(table.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.startsWith(QLatin1Char('#')))
            proposed.append(line.section(QLatin1Char(' '), 0, 0));
    }
    ASSERT_FALSE(proposed.isEmpty());
    EXPECT_LE(proposed.size(), 3);
    QStringList adopted;
    for (const auto &entry : loaded->project.quantization.quantizeTable) {
        adopted.append(entry.first);
        EXPECT_EQ(entry.second, QStringLiteral("BF16"));
    }
    EXPECT_EQ(adopted, proposed);

    // The calibration table the search wrote (best threshold per layer) is kept in the workspace,
    // byte for byte, and is now the project's.
    const QString adoptedTable = loaded->project.quantization.calibrationTable;
    ASSERT_FALSE(adoptedTable.isEmpty());
    EXPECT_EQ(QFileInfo(adoptedTable).absolutePath(), QDir(loaded->project.workspaceDir).absolutePath());
    const auto searched = readWholeFile(QDir(searchRun.directory).filePath(QStringLiteral("new_cali_table.txt")));
    const auto kept = readWholeFile(adoptedTable);
    ASSERT_TRUE(searched && kept);
    EXPECT_EQ(*kept, *searched);
    const auto calibrated = readWholeFile(QDir(searchRun.directory).filePath(QStringLiteral("yolov8n_cali_table")));
    ASSERT_TRUE(calibrated);
    EXPECT_NE(*kept, *calibrated);

    // A run with reuse repeats only what the tables change: the INT8 deploy, with the adopted
    // table; no calibration runs, the transform is reused.
    const auto stepsOf = [&](const JobRecord &job) {
        QStringList ids;
        for (const StepRecord &step : job.steps)
            ids.append(step.id);
        return ids;
    };
    run = Tests::runConvert(QStringList{QStringLiteral("run"), project, QStringLiteral("--reuse")} + toolchain);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const JobRecord again = JobHistory::load(loaded->project.workspaceDir, loaded->project.name).jobs.last();
    EXPECT_EQ(stepsOf(again), (QStringList{QStringLiteral("transform"), QStringLiteral("deploy_int8"),
                                           QStringLiteral("device_info")}));
    for (const StepRecord &step : again.steps) {
        if (step.id == QLatin1String("transform")) {
            EXPECT_EQ(step.reusedFrom, searchRun.id) << step.id.toStdString();
        } else if (step.id == QLatin1String("deploy_int8")) {
            EXPECT_TRUE(step.reusedFrom.isEmpty());
            EXPECT_EQ(step.state, StepState::Succeeded);
            const qsizetype at = step.invocation.arguments.indexOf(QStringLiteral("--calibration_table"));
            ASSERT_GE(at, 0);
            EXPECT_EQ(step.invocation.arguments.at(at + 1), adoptedTable);
        }
    }

    // Another calibration table alone (BF16 on too): only the INT8 deploy (and what it built
    // needs on the device) runs again.
    Project edited = loaded->project;
    edited.quantization.bf16 = true;
    ASSERT_TRUE(ProjectFile::save(edited, project));
    run = Tests::runConvert(QStringList{QStringLiteral("run"), project, QStringLiteral("--reuse")} + toolchain);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const JobRecord withBf16 = JobHistory::load(loaded->project.workspaceDir, loaded->project.name).jobs.last();
    QByteArray otherTable = *kept;
    otherTable.replace("# op_name", "# adopted again\n# op_name");
    const QString otherPath = dir.filePath(QStringLiteral("other_cali_table"));
    ASSERT_TRUE(writeFileAtomically(otherPath, otherTable));
    edited.quantization.calibrationTable = otherPath;
    ASSERT_TRUE(ProjectFile::save(edited, project));
    run = Tests::runConvert(QStringList{QStringLiteral("run"), project, QStringLiteral("--reuse")} + toolchain);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const JobRecord last = JobHistory::load(loaded->project.workspaceDir, loaded->project.name).jobs.last();
    ASSERT_EQ(stepsOf(last), stepsOf(withBf16));
    EXPECT_TRUE(stepsOf(last).contains(QStringLiteral("deploy_bf16")));
    for (const StepRecord &step : last.steps) {
        const bool readsTheTable = step.id == QLatin1String("deploy_int8") || step.id == QLatin1String("device_info");
        EXPECT_EQ(step.reusedFrom.isEmpty(), readsTheTable) << step.id.toStdString();
    }
    qunsetenv("FAKE_TPU_VERSION");
}

// `batch` on the native backend: every project converts, the JSON summary agrees with each
// run's own files, the bundles land in DIR/<project>-<n>/ since the projects share a name.
TEST(ConversionE2E, BatchConvertsEveryProjectAndSummarises)
{
    QTemporaryDir dir;
    QStringList args{QStringLiteral("batch")};
    for (int i = 0; i < 3; ++i) {
        const QString project = dir.filePath(QStringLiteral("p%1/yolov8n.yaml").arg(i));
        QDir().mkpath(QFileInfo(project).path());
        const auto init = initWithCli(project);
        ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
        args << project;
    }
    qputenv("FAKE_TPU_SPEED", "0");
    const QString bundles = dir.filePath(QStringLiteral("bundles"));
    const auto run = Tests::runConvert(args + QStringList{QStringLiteral("--backend"), QStringLiteral("native"), QStringLiteral("--tools"),
                                                          QStringLiteral(MCW_FAKES_DIR), QStringLiteral("--export"), bundles,
                                                          QStringLiteral("--json")},
                                       300000);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
    EXPECT_EQ(summary.value(QStringLiteral("succeeded")).toInt(), 3);
    const QJsonArray projects = summary.value(QStringLiteral("projects")).toArray();
    ASSERT_EQ(projects.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject p = projects.at(i).toObject();
        EXPECT_EQ(p.value(QStringLiteral("path")).toString(), dir.filePath(QStringLiteral("p%1/yolov8n.yaml").arg(i)));
        const auto job = JobRecord::load(p.value(QStringLiteral("run")).toString());
        ASSERT_TRUE(job.has_value());
        EXPECT_EQ(job->state, JobState::Succeeded);
        const QString cvimodel = QDir(job->directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"));
        EXPECT_EQ(p.value(QStringLiteral("cvimodel_bytes")).toInteger(), QFileInfo(cvimodel).size());
        // The deploy log's own final comparison (as tpu-mlir prints it) holds the minimum.
        QFile log(QDir(job->directory).filePath(QStringLiteral("logs/deploy_int8-1.stdout.log")));
        ASSERT_TRUE(log.open(QIODevice::ReadOnly)) << log.fileName().toStdString();
        const QRegularExpression minimum(QStringLiteral("min_similiarity = \\(([0-9.]+),"));
        double lowest = 2.0;
        for (auto it = minimum.globalMatch(QString::fromUtf8(log.readAll())); it.hasNext();)
            lowest = it.next().captured(1).toDouble();
        EXPECT_NEAR(p.value(QStringLiteral("min_cosine")).toDouble(), lowest, 1e-6);
        const QString bundle = bundles + QStringLiteral("/yolov8n-%1").arg(i + 1);
        EXPECT_EQ(p.value(QStringLiteral("bundle")).toString(), bundle);
        EXPECT_TRUE(QFileInfo::exists(bundle + QStringLiteral("/yolov8n.mud")));
        EXPECT_EQ(sha256OfFile(bundle + QStringLiteral("/yolov8n.cvimodel")).value_or(QString()), sha256OfFile(cvimodel).value_or(QString(1, QLatin1Char('x'))));
    }
}

// A batch longer than the pool's limit of finished jobs: the batch raises the limit to its
// number of projects, so its summary and export can still read every job at the end.
TEST(ConversionE2E, BatchKeepsEveryJobPastThePoolsFinishedJobLimit)
{
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("p/yolov8n.yaml"));
    QDir().mkpath(QFileInfo(projectPath).path());
    const auto init = initWithCli(projectPath);
    ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
    const auto loaded = ProjectFile::load(projectPath);
    ASSERT_TRUE(loaded.has_value());
    qputenv("FAKE_TPU_SPEED", "0");
    ConversionSession session;
    ToolchainSettings settings;
    settings.backend = ToolchainSettings::Backend::Native;
    settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
    session.setToolchain(settings);
    session.pool()->setFinishedJobLimit(1);
    const QList<BatchRun::Item> items(3, BatchRun::Item{projectPath, loaded->project});
    BatchRun batch(&session, items, {});
    QEventLoop loop;
    QObject::connect(&batch, &BatchRun::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(180000, &loop, &QEventLoop::quit);
    batch.start();
    if (!batch.isFinished())
        loop.exec();
    ASSERT_TRUE(batch.isFinished());
    EXPECT_EQ(session.pool()->finishedJobLimit(), 3);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(session.pool()->jobs().contains(batch.job(i))) << "job " << i << " was dropped";
        EXPECT_EQ(batch.row(i).status, QStringLiteral("succeeded")) << batch.row(i).message.toStdString();
    }
}

TEST(ConversionE2E, BatchRefusesABadEngineAndABadProjectBeforeRunning)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    ASSERT_EQ(initWithCli(project).exitCode, 0);
    auto run = Tests::runConvert({QStringLiteral("batch"), project, QStringLiteral("--engine"), QStringLiteral("http://box")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(run.err.trimmed(), QStringLiteral("maixcam-convert batch: 'http://box' is not an engine address the docker CLI "
                                                "accepts; use unix:///path.sock, tcp://host:2376, ssh://user@host or a docker "
                                                "context name."));
    const QString missing = dir.filePath(QStringLiteral("missing.yaml"));
    run = Tests::runConvert({QStringLiteral("batch"), project, missing});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(missing)) << run.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("workspace")))) << "nothing ran";
}

TEST(ConversionE2E, DockerImageIdReachesTheProvenance)
{
    QTemporaryDir state;
    qputenv("FAKE_DOCKER_STATE", state.path().toUtf8());
    qputenv("FAKE_DOCKER_IMAGES", "maixcam-workbench/tpu-mlir:v3.4");
    ToolchainSettings settings;
    settings.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    settings.image = QStringLiteral("maixcam-workbench/tpu-mlir:v3.4");
    const auto id = queryDockerImageId(settings);
    ASSERT_TRUE(id) << id.error().message.toStdString();
    EXPECT_EQ(*id, QStringLiteral("sha256:") + QStringLiteral("ab").repeated(32));
    settings.image = QStringLiteral("missing/image:1");
    EXPECT_FALSE(queryDockerImageId(settings));

    Conversion c;
    ProjectJobFactory::Options options;
    options.toolchainImageId = *id;
    const auto created = ProjectJobFactory::createJob(c.project, c.dir.filePath(QStringLiteral("runs")), options);
    ASSERT_TRUE(created);
    EXPECT_EQ(ProjectJobFactory::storedImageId(created->directory), *id);
    JobRecord job = *created;
    const QString cvimodel = QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"));
    QFile f(cvimodel);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("model");
    f.close();
    StepRecord &deploy = job.steps[job.stepIndex(QStringLiteral("deploy_int8"))];
    deploy.state = StepState::Succeeded;
    BundleExporter::Request request;
    request.project = c.project;
    request.job = job;
    const BundleExporter::Prepared prepared = BundleExporter::prepare(request);
    ASSERT_FALSE(hasErrors(prepared.problems));
    const auto provenance = Provenance::fromYaml(prepared.provenance, QStringLiteral("p.yaml"));
    ASSERT_TRUE(provenance);
    EXPECT_EQ(provenance->imageId, *id);
}

namespace {

QStringList reusedSteps(const JobRecord &job)
{
    QStringList ids;
    for (const StepRecord &step : job.steps) {
        if (!step.reusedFrom.isEmpty())
            ids.append(step.id);
    }
    return ids;
}

} // namespace

TEST(StepReuse, KeepingALayerInBf16RerunsOnlyTheInt8Deploy)
{
    Conversion c;
    c.project.quantization.bf16 = true;
    const JobRecord first = c.run();
    ASSERT_EQ(first.state, JobState::Succeeded);
    c.project.quantization.quantizeTable.append({QStringLiteral("/model.22/cv2.0/cv2.0.2/Conv_output_0_Conv"), QStringLiteral("BF16")});

    const JobRecord next = c.reusing(first);
    // The BF16 model's device figures come along with it; the INT8 model's are asked again.
    EXPECT_EQ(reusedSteps(next), (QStringList{QStringLiteral("transform"), QStringLiteral("deploy_bf16"),
                                              QStringLiteral("device_info_bf16"), QStringLiteral("calibration")}));
    EXPECT_EQ(next.steps.at(next.stepIndex(QStringLiteral("device_info"))).state, StepState::Pending);
    const StepRecord &int8 = next.steps.at(next.stepIndex(QStringLiteral("deploy_int8")));
    EXPECT_EQ(int8.state, StepState::Pending);
    EXPECT_NE(int8.inputsKey, first.steps.at(first.stepIndex(QStringLiteral("deploy_int8"))).inputsKey);
    // The copies are the earlier bytes, and the logs come along for the accuracy view and provenance.
    for (const QString &id : reusedSteps(next)) {
        const StepRecord &step = next.steps.at(next.stepIndex(id));
        EXPECT_EQ(step.reusedFrom, first.id);
        // All but tpu-mlir's --cache_skip record, which the later steps rewrote.
        QList<OutputFile> expected = first.steps.at(first.stepIndex(id)).outputs;
        expected.removeIf([](const OutputFile &o) { return o.path == QLatin1String("build_flag.json"); });
        EXPECT_EQ(step.outputs, expected);
        ASSERT_FALSE(step.outputs.isEmpty()) << id.toStdString();
        for (const OutputFile &output : step.outputs)
            EXPECT_EQ(*sha256OfFile(QDir(next.directory).filePath(output.path)), output.sha256) << output.path.toStdString();
        EXPECT_TRUE(QFileInfo::exists(QDir(next.directory).filePath(step.logFile))) << step.logFile.toStdString();
    }

    const JobRecord done = c.runJob(next);
    ASSERT_EQ(done.state, JobState::Succeeded);
    const StepRecord &ran = done.steps.at(done.stepIndex(QStringLiteral("deploy_int8")));
    EXPECT_EQ(ran.attempts, 1);
    EXPECT_TRUE(ran.reusedFrom.isEmpty());
    EXPECT_TRUE(ran.executedCommand.contains(QStringLiteral("--quantize_table")));
    EXPECT_EQ(reusedSteps(done).size(), 4);
    EXPECT_TRUE(accuracyRunFromJob(done, c.project, false));
}

// The compiled model keeps a quantize-table layer in BF16, and the bundle's provenance says how
// many tensors of each type the deploy's tensor info file lists (counted here with a plain regex).
TEST(ConversionE2E, TheCompiledModelsTensorTypesReachTheProvenance)
{
    Conversion c;
    // A layer of the doubles' network (tests/fakes/README.md, "Synthetic network").
    c.project.quantization.quantizeTable = {{QStringLiteral("/model.3/conv/Conv_output_0_Conv"), QStringLiteral("BF16")}};
    const JobRecord done = c.run();
    ASSERT_EQ(done.state, JobState::Succeeded);
    const QString infoPath = QDir(done.directory).filePath(QStringLiteral("yolov8n_int8_tensor_info.txt"));
    QFile infoFile(infoPath);
    ASSERT_TRUE(infoFile.open(QIODevice::ReadOnly));
    const QString infoText = QString::fromUtf8(infoFile.readAll());
    const auto count = [&infoText](const QString &type) {
        return int(infoText.count(QRegularExpression(QStringLiteral("(?m)^\\d+ \\S+ \\S+ \\S+ \\S+ \\S+ \\S+ \\S+ %1 ").arg(type))));
    };
    EXPECT_EQ(count(QStringLiteral("bf16")), 1);
    EXPECT_TRUE(infoText.contains(QRegularExpression(QStringLiteral("(?m)^\\d+ /model\\.3/conv/Conv_output_0_Conv( \\S+){6} bf16 "))));
    BundleExporter::Request request;
    request.project = c.project;
    request.job = done;
    const BundleExporter::Prepared prepared = BundleExporter::prepare(request);
    const auto provenance = Provenance::fromYaml(prepared.provenance, QStringLiteral("p.yaml"));
    ASSERT_TRUE(provenance) << provenance.error().message.toStdString();
    EXPECT_EQ(provenance->device.tensorTypes,
              QStringLiteral("%1 int8, 1 fp32, 1 bf16").arg(count(QStringLiteral("int8"))));
}

TEST(StepReuse, ChangedInputsRunAgainFromTheFirstChangedStep)
{
    Conversion c;
    QTemporaryDir images;
    for (const QString &name : QDir(Tests::photoDir()).entryList(QDir::Files))
        QFile::copy(Tests::photoDir() + QLatin1Char('/') + name, images.filePath(name));
    c.project.quantization.datasetDir = images.path();
    const JobRecord first = c.run();
    ASSERT_EQ(first.state, JobState::Succeeded);

    // Same settings: everything is reused, and a chain of reuses still names the run that did the work.
    const JobRecord same = c.reusing(first);
    EXPECT_EQ(reusedSteps(same).size(), same.steps.size());
    const JobRecord again = c.reusing(same);
    for (const StepRecord &step : again.steps)
        EXPECT_EQ(step.reusedFrom, first.id);

    // One more calibration image: the transform stays, calibration and the INT8 deploy run again.
    const QString extra = QDir(images.path()).entryList(QDir::Files).first();
    ASSERT_TRUE(QFile::copy(images.filePath(extra), images.filePath(QStringLiteral("zz-extra-") + extra)));
    EXPECT_EQ(reusedSteps(c.reusing(first)), QStringList{QStringLiteral("transform")});

    // Another mean changes the transform itself: nothing is reused.
    c.project.preprocess.mean[0] += 1.0;
    EXPECT_TRUE(reusedSteps(c.reusing(first)).isEmpty());
}

TEST(StepReuse, AFailedDeployKeepsItsTransformAndCalibration)
{
    Conversion c;
    qputenv("FAKE_TPU_SCENARIO_TOOL", "model_deploy");
    const JobRecord failed = c.run(QStringLiteral("sim_fail@/model.3/conv/Conv_output_0_Conv"));
    qunsetenv("FAKE_TPU_SCENARIO_TOOL");
    ASSERT_EQ(failed.state, JobState::Failed);
    c.project.quantization.quantizeTable.append({QStringLiteral("/model.3/conv/Conv_output_0_Conv"), QStringLiteral("BF16")});
    const JobRecord done = c.runJob(c.reusing(failed));
    EXPECT_EQ(reusedSteps(done), (QStringList{QStringLiteral("transform"), QStringLiteral("calibration")}));
    EXPECT_EQ(done.state, JobState::Succeeded);
}

TEST(StepReuse, AnEarlierOutputChangedSinceIsNotTrusted)
{
    Conversion c;
    const JobRecord first = c.run();
    ASSERT_EQ(first.state, JobState::Succeeded);
    const QString mlir = QDir(first.directory).filePath(QStringLiteral("yolov8n.mlir"));
    QFile file(mlir);
    ASSERT_TRUE(file.open(QIODevice::Append));
    file.write("// edited by hand\n");
    file.close();
    const JobRecord next = c.reusing(first);
    EXPECT_TRUE(reusedSteps(next).isEmpty()) << "the transform's output no longer matches its hash; later steps depend on it";
    EXPECT_FALSE(QFileInfo::exists(QDir(next.directory).filePath(QStringLiteral("yolov8n.mlir"))));
    for (const StepRecord &step : next.steps)
        EXPECT_EQ(step.state, StepState::Pending) << step.id.toStdString();
}

// An edited job.json naming an output outside its job folder: the file it names is the real one
// (its hash matches), but copying it would write into another run's folder.
TEST(StepReuse, AnEarlierOutputNamedOutsideItsJobFolderIsNotCopied)
{
    Conversion c;
    JobRecord first = c.run();
    ASSERT_EQ(first.state, JobState::Succeeded);
    StepRecord &transform = first.steps[first.stepIndex(QStringLiteral("transform"))];
    const int mlir = int(std::find_if(transform.outputs.cbegin(), transform.outputs.cend(),
                                      [](const OutputFile &o) { return o.path.endsWith(QLatin1String(".mlir")); })
                         - transform.outputs.cbegin());
    ASSERT_LT(mlir, transform.outputs.size());
    const QString runName = QFileInfo(first.directory).fileName();
    transform.outputs[mlir].path = QStringLiteral("../%1/%2").arg(runName, transform.outputs[mlir].path);
    transform.logFile = QStringLiteral("../") + runName + QLatin1Char('/') + transform.logFile;

    const JobRecord next = c.reusing(first);
    EXPECT_FALSE(reusedSteps(next).contains(QStringLiteral("transform")));
    EXPECT_TRUE(reusedSteps(next).isEmpty()) << "every later step depends on the transform";
}

TEST(StepReuse, CliRunWithReuseRunsOnlyWhatChanged)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    auto run = initWithCli(project);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    qputenv("FAKE_TPU_SPEED", "0");
    const QStringList runArgs{QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("native"),
                              QStringLiteral("--tools"), QStringLiteral(MCW_FAKES_DIR), QStringLiteral("--reuse")};
    run = Tests::runConvert(runArgs);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_FALSE(run.out.contains(QStringLiteral("reused from"))) << "nothing earlier to reuse";

    auto loaded = ProjectFile::load(project);
    ASSERT_TRUE(loaded);
    Project edited = loaded->project;
    edited.quantization.quantizeTable.append({QStringLiteral("/model.0/conv/Conv_output_0_Conv"), QStringLiteral("BF16")});
    ASSERT_TRUE(ProjectFile::save(edited, project));
    run = Tests::runConvert(runArgs);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const QList<JobRecord> jobs = JobHistory::load(ProjectFile::load(project)->project.workspaceDir).jobs;
    ASSERT_EQ(jobs.size(), 2);
    EXPECT_EQ(run.out.count(QStringLiteral("reused from ") + jobs.first().id), 2) << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QRegularExpression(QStringLiteral("Deploy INT8[^\n]*: succeeded after")))) << run.out.toStdString();

    // Without --reuse every step runs.
    run = Tests::runConvert(runArgs.mid(0, runArgs.size() - 1));
    ASSERT_EQ(run.exitCode, 0);
    EXPECT_FALSE(run.out.contains(QStringLiteral("reused from"))) << run.out.toStdString();
}
