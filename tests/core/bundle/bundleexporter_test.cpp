// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/bundle/bundleexporter.h>
#include <core/bundle/provenance.h>
#include <core/mud/mudreader.h>
#include <core/onnx/onnxloader.h>
#include <core/project/cocolabels.h>
#include <core/project/conversionplan.h>
#include <core/run/projectjobfactory.h>
#include <core/sha256.h>

#include <tests/support/testpaths.h>
#include <tests/support/tmpfsmount.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <random>

using namespace Mcw::Core;

namespace {

/** A yolov8n project whose job looks as if the INT8 deploy had succeeded. */
struct Fixture
{
    QTemporaryDir dir;
    Project project;
    Graph graph;
    JobRecord job;

    Fixture()
    {
        const QString model = Mcw::Tests::generatedModel(QStringLiteral("yolov8n"));
        graph = *OnnxLoader::loadFile(model);
        project.name = QStringLiteral("yolov8n");
        project.modelPath = model;
        project.modelSha256 = *sha256OfFile(model);
        project.cutTensors = {QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0")};
        project.inputShape = {1, 3, 640, 640};
        project.labels = cocoLabels();
        project.modelType = QStringLiteral("yolov8");
        project.task = QStringLiteral("detector");
        job = *ProjectJobFactory::createJob(project, dir.filePath(QStringLiteral("jobs")), {});
        const QString cvimodel = QDir(job.directory).filePath(ConversionPlan::int8ModelFile(project.name));
        QFile f(cvimodel);
        f.open(QIODevice::WriteOnly);
        f.write("cvimodel bytes");
        f.close();
        StepRecord &deploy = job.steps[job.stepIndex(QStringLiteral("deploy_int8"))];
        deploy.state = StepState::Succeeded;
        deploy.exitCode = 0;
        deploy.outputs.append(OutputFile{ConversionPlan::int8ModelFile(project.name), 14, *sha256OfFile(cvimodel)});
    }

    BundleExporter::Request request() const
    {
        BundleExporter::Request r;
        r.project = project;
        r.graph = graph;
        r.job = job;
        return r;
    }
};

} // namespace

TEST(BundleExporter, WritesMudCvimodelAndProvenance)
{
    Fixture fx;
    const QString out = fx.dir.filePath(QStringLiteral("bundle"));
    const auto files = BundleExporter::exportBundle(fx.request(), out, false);
    ASSERT_TRUE(files) << files.error().message.toStdString();
    EXPECT_EQ(QDir(out).entryList(QDir::Files, QDir::Name),
              (QStringList{QStringLiteral("yolov8n.cvimodel"), QStringLiteral("yolov8n.mud"),
                           QStringLiteral("yolov8n.provenance.yaml")}));
    // The MUD is what the device loads: re-read strictly, it names the renamed cvimodel.
    const auto mud = MudReader::readFile(out + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud);
    EXPECT_TRUE(mud->deviceParses);
    EXPECT_EQ(mud->document.value(QStringLiteral("basic"), QStringLiteral("model")), QStringLiteral("yolov8n.cvimodel"));
    EXPECT_EQ(mud->labels.size(), 80);
    QFile model(out + QStringLiteral("/yolov8n.cvimodel"));
    ASSERT_TRUE(model.open(QIODevice::ReadOnly));
    EXPECT_EQ(model.readAll(), QByteArray("cvimodel bytes"));

    QFile prov(out + QStringLiteral("/yolov8n.provenance.yaml"));
    ASSERT_TRUE(prov.open(QIODevice::ReadOnly));
    const auto provenance = Provenance::fromYaml(prov.readAll(), prov.fileName());
    ASSERT_TRUE(provenance) << provenance.error().message.toStdString();
    EXPECT_EQ(provenance->modelSha256, fx.project.modelSha256);
    EXPECT_EQ(provenance->cvimodelSha256, sha256OfBytes("cvimodel bytes"));
    EXPECT_EQ(provenance->quantization, QStringLiteral("INT8"));
    EXPECT_EQ(provenance->steps.size(), fx.job.steps.size());
    EXPECT_TRUE(provenance->projectYaml.contains("/model.22/Sigmoid_output_0"));
}

TEST(BundleExporter, StaleSettingsAreRefusedWithAnExplanation)
{
    Fixture fx;
    BundleExporter::Request r = fx.request();
    r.project.preprocess.mean = {1, 1, 1}; // the MUD would no longer match the cvimodel
    const auto result = BundleExporter::exportBundle(r, fx.dir.filePath(QStringLiteral("bundle")), false);
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.contains(QStringLiteral("was built with other settings")))
        << result.error().message.toStdString();
    EXPECT_FALSE(QFileInfo::exists(fx.dir.filePath(QStringLiteral("bundle"))));
}

TEST(BundleExporter, ChangedCvimodelIsRefused)
{
    Fixture fx;
    QFile f(QDir(fx.job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel")));
    ASSERT_TRUE(f.open(QIODevice::Append));
    f.write("tampered");
    f.close();
    const BundleExporter::Prepared prepared = BundleExporter::prepare(fx.request());
    ASSERT_TRUE(hasErrors(prepared.problems));
    EXPECT_EQ(prepared.problems.first().code, QStringLiteral("export_model_changed"));
}

TEST(BundleExporter, LabelCountMustMatchTheModel)
{
    Fixture fx;
    BundleExporter::Request r = fx.request();
    r.project.labels = {QStringLiteral("cat"), QStringLiteral("dog")}; // model has 80 classes
    const BundleExporter::Prepared prepared = BundleExporter::prepare(r);
    bool labelError = false;
    for (const Diagnostic &d : prepared.problems)
        labelError = labelError || d.code == QStringLiteral("label_count");
    EXPECT_TRUE(labelError);
}

TEST(BundleExporter, Cv180xIsRefused)
{
    Fixture fx;
    BundleExporter::Request r = fx.request();
    r.project.quantization.processor = QStringLiteral("cv180x");
    const BundleExporter::Prepared prepared = BundleExporter::prepare(r);
    ASSERT_TRUE(hasErrors(prepared.problems));
    EXPECT_EQ(prepared.problems.first().code, QStringLiteral("processor_unsupported"));
}

TEST(BundleExporter, ZipBundleHoldsTheSameFiles)
{
    Fixture fx;
    const QString zip = fx.dir.filePath(QStringLiteral("yolov8n.zip"));
    ASSERT_TRUE(BundleExporter::exportBundle(fx.request(), zip, false));
    const auto entries = ZipArchive::entries(zip);
    ASSERT_TRUE(entries);
    EXPECT_EQ(entries->size(), 3);
}

// The disk fills during the export (a 1 MB tmpfs, a 3 MB cvimodel): one sentence that says so,
// no partial bundle in either form, and the job the bundle came from untouched.
TEST(BundleExporter, FullDiskIsOneSentenceAndLeavesNoPartialBundle)
{
    Fixture fx;
    const QString cvimodel = QDir(fx.job.directory).filePath(ConversionPlan::int8ModelFile(fx.project.name));
    QByteArray bytes(3 << 20, Qt::Uninitialized);
    std::mt19937 random(20); // random bytes do not deflate: the zip form needs 3 MB too
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(random());
    {
        QFile f(cvimodel);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    StepRecord &deploy = fx.job.steps[fx.job.stepIndex(QStringLiteral("deploy_int8"))];
    deploy.outputs.first().size = bytes.size();
    deploy.outputs.first().sha256 = *sha256OfFile(cvimodel);
    ASSERT_TRUE(fx.job.save());
    const QString jobBefore = *sha256OfFile(fx.job.jsonPath());

    const QString disk = fx.dir.filePath(QStringLiteral("disk"));
    Mcw::Tests::TmpfsMount mount(disk, 1 << 20);
    if (!mount.isMounted())
        GTEST_SKIP() << mount.skipReason().toStdString();
    for (const QString &name : {QStringLiteral("bundle"), QStringLiteral("bundle.zip")}) {
        const QString out = QDir(disk).filePath(name);
        const auto result = BundleExporter::exportBundle(fx.request(), out, false);
        ASSERT_FALSE(result) << name.toStdString();
        const QString message = result.error().message;
        EXPECT_TRUE(message.contains(QStringLiteral("No space left on device"))) << message.toStdString();
        EXPECT_EQ(message.count(QStringLiteral(". ")), 0) << message.toStdString();
        EXPECT_EQ(QDir(disk).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList())
            << name.toStdString();
    }
    EXPECT_EQ(*sha256OfFile(fx.job.jsonPath()), jobBefore);
    EXPECT_EQ(*sha256OfFile(cvimodel), deploy.outputs.first().sha256);
}
