// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built `maixcam-convert import` on the seed page's MUD files and on hostile bundles.
#include <core/project/projectfile.h>
#include <core/run/projectjobfactory.h>
#include <core/sha256.h>

#include <tests/support/clirunner.h>
#include <tests/support/testpaths.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <sys/resource.h>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TEST(ImportCli, SeedPageYolov5sMudStartsAProject)
{
    QTemporaryDir dir;
    // The page's MUD names yolov5s.cvimodel; put one next to it as a real bundle would.
    write(dir.filePath(QStringLiteral("bundle/yolov5s.mud")), read(Tests::dataPath(QStringLiteral("mud/yolov5s.mud"))));
    write(dir.filePath(QStringLiteral("bundle/yolov5s.cvimodel")), "model");
    const QString project = dir.filePath(QStringLiteral("p/yolov5s.yaml"));
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), dir.filePath(QStringLiteral("bundle/yolov5s.mud")),
                                QStringLiteral("-o"), project, QStringLiteral("--model"),
                                Tests::generatedModel(QStringLiteral("yolov5s"))});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString() << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("model_type  yolov5")));
    const auto loaded = ProjectFile::load(project);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->project.modelType, QStringLiteral("yolov5"));
    EXPECT_EQ(loaded->project.labels.size(), 80);
    EXPECT_EQ(loaded->project.anchors.size(), 18);
    EXPECT_DOUBLE_EQ(loaded->project.preprocess.scale.value(0), 0.00392156862745098);
}

TEST(ImportCli, SeedPageYolov8nMudIsValid)
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("yolov8n.mud")), read(Tests::dataPath(QStringLiteral("mud/yolov8n.mud"))));
    write(dir.filePath(QStringLiteral("yolov8n.cvimodel")), "model");
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), dir.filePath(QStringLiteral("yolov8n.mud"))});
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString() << run.out.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("labels      80")));
}

struct HostileMud
{
    const char *name;
    QByteArray mud;
    const char *expected; // a fragment of the one-sentence explanation
};

class ImportHostileMud : public ::testing::TestWithParam<HostileMud>
{};

TEST_P(ImportHostileMud, IsRefusedWithAReason)
{
    QTemporaryDir dir;
    write(dir.filePath(QStringLiteral("b/m.mud")), GetParam().mud);
    write(dir.filePath(QStringLiteral("b/m.cvimodel")), "model");
    write(dir.filePath(QStringLiteral("outside.cvimodel")), "model");
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), dir.filePath(QStringLiteral("b/m.mud"))});
    EXPECT_NE(run.exitCode, 0);
    const QString all = run.out + run.err;
    EXPECT_TRUE(all.contains(QString::fromUtf8(GetParam().expected), Qt::CaseInsensitive))
        << GetParam().name << "\n" << all.toStdString();
}

static const QByteArray s_extra = "\n[extra]\nmodel_type = classifier\ninput_type = rgb\nmean = 0, 0, 0\n"
                                  "scale = 1, 1, 1\nlabels = a, b\n";

INSTANTIATE_TEST_SUITE_P(
    Bundles, ImportHostileMud,
    ::testing::Values(
        HostileMud{"traversal", "[basic]\ntype = cvimodel\nmodel = ../outside.cvimodel\n" + s_extra, "leaves the bundle folder"},
        HostileMud{"absolute", "[basic]\ntype = cvimodel\nmodel = /etc/passwd\n" + s_extra, "absolute path"},
        HostileMud{"bom", "\xEF\xBB\xBF[basic]\ntype = cvimodel\nmodel = m.cvimodel\n" + s_extra, "BOM"},
        HostileMud{"semicolon", "; made by hand\n[basic]\ntype = cvimodel\nmodel = m.cvimodel\n" + s_extra, ";"},
        HostileMud{"duplicate", "[basic]\ntype = cvimodel\nmodel = m.cvimodel\n" + s_extra + "[basic]\ntype = cvimodel\n",
                   "appears twice"}),
    [](const ::testing::TestParamInfo<HostileMud> &info) { return std::string(info.param.name); });

TEST(ImportCli, ZipSlipArchiveIsRefusedAndNothingIsWritten)
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("evil.zip"));
    const int status = QProcess::execute(QStringLiteral("python3"),
                                         {QStringLiteral(MCW_TEST_SOURCE_DIR_BUNDLE "/make_hostile_zip.py"),
                                          QStringLiteral("traversal"), zip});
    ASSERT_EQ(status, 0);
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), zip});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("leaves the target folder"))) << run.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("evil"))));
    EXPECT_FALSE(QFileInfo::exists(QDir(dir.path()).filePath(QStringLiteral("../evil.txt"))));
}

TEST(ExportCli, AKilledExportLeavesNoPartialBundle)
{
    QTemporaryDir dir;
    const QString model = Tests::generatedModel(QStringLiteral("classifier"));
    const QString projectPath = dir.filePath(QStringLiteral("c.yaml"));
    ASSERT_EQ(Tests::runConvert({QStringLiteral("init"), model, QStringLiteral("-o"), projectPath,
                       QStringLiteral("--labels"), QStringLiteral("a,b,c,d,e,f,g,h,i,j")})
                  .exitCode,
              0);
    const auto loaded = ProjectFile::load(projectPath);
    ASSERT_TRUE(loaded);
    auto job = ProjectJobFactory::createJob(loaded->project, loaded->project.workspaceDir, {});
    ASSERT_TRUE(job);
    // A large model makes the copy slow enough to kill the exporter in the middle of it.
    const QString cvimodel = QDir(job->directory).filePath(QStringLiteral("classifier_int8.cvimodel"));
    {
        QFile f(cvimodel);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        const QByteArray block(1 << 20, 'x');
        for (int i = 0; i < 160; ++i)
            f.write(block);
    }
    StepRecord &deploy = job->steps[job->stepIndex(QStringLiteral("deploy_int8"))];
    deploy.state = StepState::Succeeded;
    deploy.outputs.append(OutputFile{QStringLiteral("classifier_int8.cvimodel"), 160 << 20, *sha256OfFile(cvimodel)});
    ASSERT_TRUE(job->save());

    const QString bundle = dir.filePath(QStringLiteral("out/bundle"));
    QProcess exporter;
    exporter.start(Tests::binDir() + QStringLiteral("/maixcam-convert"),
                   {QStringLiteral("export"), projectPath, QStringLiteral("-o"), bundle});
    ASSERT_TRUE(exporter.waitForStarted());
    // Kill it as soon as the hidden staging folder exists, i.e. while files are being written.
    const bool staging = QTest::qWaitFor([&] {
        return !QDir(dir.filePath(QStringLiteral("out"))).entryList({QStringLiteral(".bundle.partial-*")}, QDir::Dirs | QDir::Hidden).isEmpty()
               || exporter.state() == QProcess::NotRunning;
    }, 60000);
    ASSERT_TRUE(staging);
    exporter.kill();
    exporter.waitForFinished();
    EXPECT_FALSE(QFileInfo::exists(bundle)) << "an interrupted export must not leave the bundle folder";

    // The next export succeeds and removes the leftovers.
    const Tests::CliRun again = Tests::runConvert({QStringLiteral("export"), projectPath, QStringLiteral("-o"), bundle});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_EQ(QDir(dir.filePath(QStringLiteral("out"))).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QStringLiteral("bundle")});
    EXPECT_EQ(QFileInfo(bundle + QStringLiteral("/classifier.cvimodel")).size(), qint64(160) << 20);
}

namespace {

QString makeZip(const QTemporaryDir &dir, const QString &kind)
{
    const QString path = dir.filePath(kind + QStringLiteral(".zip"));
    const int status = QProcess::execute(QStringLiteral("python3"),
                                         {QStringLiteral(MCW_TEST_SOURCE_DIR_BUNDLE "/make_hostile_zip.py"), kind, path});
    EXPECT_EQ(status, 0) << "python3 zipfile helper failed for " << kind.toStdString();
    return path;
}

// Peak resident memory of the largest child this test has waited for (the CLI; the zip writer
// streams and stays far below), from the kernel's own accounting.
qint64 peakChildRssMb()
{
    struct rusage usage {};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return qint64(usage.ru_maxrss) / 1024;
}

// Everything in \a dir but the archive itself, hidden staging folders included.
QStringList leftBehind(const QString &dir, const QString &zip)
{
    QStringList names = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    names.removeAll(QFileInfo(zip).fileName());
    return names;
}

} // namespace

// The bomb: a 1 MB zip whose .cvimodel inflates to 1 GiB used to hold 1.1 GB of memory
// and leave the 1 GB file in a folder beside the zip.
TEST(ImportCli, ZipBombIsRefusedInOneSentenceWithBoundedMemoryAndNothingLeft)
{
    QTemporaryDir dir;
    const QString zip = makeZip(dir, QStringLiteral("bomb"));
    ASSERT_LT(QFileInfo(zip).size(), 2 << 20);
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), zip});
    EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
    EXPECT_TRUE(run.err.startsWith(zip + QStringLiteral(": the entry m.cvimodel inflates from ")))
        << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("to 1024 MB, more than 100 times its compressed size, the limit")))
        << run.err.toStdString();
    EXPECT_EQ(run.err.count(QLatin1Char('\n')), 1) << run.err.toStdString();
    EXPECT_EQ(leftBehind(dir.path(), zip), QStringList());
    EXPECT_LT(peakChildRssMb(), 200);
}

// 300 MiB inflated from 6.7 MB, within every limit: the import succeeds and its peak memory
// stays far below the entry's size, so the entry went to disk in pieces.
TEST(ImportCli, LargeEntryStreamsToDiskWithBoundedMemory)
{
    QTemporaryDir dir;
    const QString zip = makeZip(dir, QStringLiteral("large"));
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), zip});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString() << run.out.toStdString();
    EXPECT_EQ(QFileInfo(dir.filePath(QStringLiteral("large/m.cvimodel"))).size(), qint64(300) << 20);
    EXPECT_LT(peakChildRssMb(), 200);
}

// A bomb under the size limit (64 MiB of zeros) is refused by its ratio; an entry that inflates
// beyond the size it declares is refused while inflating. Nothing is left either way.
class ImportHostileZip : public ::testing::TestWithParam<std::pair<const char *, const char *>>
{};

TEST_P(ImportHostileZip, IsRefusedInOneSentenceAndLeavesNothing)
{
    QTemporaryDir dir;
    const QString zip = makeZip(dir, QString::fromLatin1(GetParam().first));
    const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), zip});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.startsWith(zip + QStringLiteral(": the entry m.cvimodel "))) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QString::fromLatin1(GetParam().second))) << run.err.toStdString();
    EXPECT_EQ(leftBehind(dir.path(), zip), QStringList());
}

INSTANTIATE_TEST_SUITE_P(Bundles, ImportHostileZip,
                         ::testing::Values(std::pair{"ratio", "to 64 MB, more than 100 times"},
                                           std::pair{"liar", "inflates to more than the 1048576 bytes it declares"}));

// Extraction succeeded but the import did not: the extracted folder goes too.
TEST(ImportCli, FailedImportLeavesNoFolderBesideTheZip)
{
    for (const QString &kind : {QStringLiteral("nomodel"), QStringLiteral("nomud")}) {
        QTemporaryDir dir;
        const QString zip = makeZip(dir, kind);
        const Tests::CliRun run = Tests::runConvert({QStringLiteral("import"), zip});
        EXPECT_NE(run.exitCode, 0) << kind.toStdString();
        EXPECT_EQ(leftBehind(dir.path(), zip), QStringList()) << kind.toStdString() << run.err.toStdString();
    }
}
