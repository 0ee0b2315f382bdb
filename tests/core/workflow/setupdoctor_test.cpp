// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/workflow/setupdoctor.h>
#include <tests/support/testpaths.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;
using L = DoctorFinding::Level;

namespace {

const DoctorFinding *find(const QList<DoctorFinding> &list, const char *id, L level)
{
    for (const DoctorFinding &f : list) {
        if (f.id == QLatin1String(id) && f.level == level)
            return &f;
    }
    return nullptr;
}

/** Runs the doctor against the docker test double with \a env set. */
QList<DoctorFinding> runDoctor(const QString &runs, std::initializer_list<std::pair<const char *, const char *>> env,
                               std::optional<Project> project = std::nullopt)
{
    for (const auto &[k, v] : env)
        qputenv(k, v);
    SetupDoctor::Input input;
    input.toolchain.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    input.runsDirectory = runs;
    input.project = std::move(project);
    SetupDoctor doctor(input);
    doctor.start();
    QDeadlineTimer deadline(60000);
    while (doctor.isRunning() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    for (const auto &[k, v] : env)
        qunsetenv(k);
    EXPECT_FALSE(doctor.isRunning());
    return doctor.findings();
}

} // namespace

TEST(SetupDoctor, PathsTheEngineCannotMount)
{
    const QList<DoctorFinding> found = SetupDoctor::checkPaths(
        {QStringLiteral("C:\\Users\\me\\yolo.onnx"), QStringLiteral("/mnt/c/Users/me/images"),
         QStringLiteral("/home/me/runs:old"), QStringLiteral("/home/me/数据/images"), QStringLiteral("/home/me/ok.onnx"),
         QString()});
    ASSERT_EQ(found.size(), 4);
    EXPECT_EQ(found.at(0).level, L::Error);
    EXPECT_TRUE(found.at(0).message.startsWith(QStringLiteral("C:\\Users\\me\\yolo.onnx is a Windows path")));
    EXPECT_EQ(found.at(1).level, L::Warning);
    EXPECT_TRUE(found.at(1).message.contains(QStringLiteral("WSL")));
    EXPECT_EQ(found.at(2).level, L::Error);
    EXPECT_TRUE(found.at(2).message.contains(QStringLiteral("':'")));
    EXPECT_EQ(found.at(3).level, L::Warning);
    EXPECT_TRUE(found.at(3).message.contains(QStringLiteral("non-ASCII")));
    for (const DoctorFinding &f : found)
        EXPECT_FALSE(f.fix.isEmpty()) << f.message.toStdString();
    const QList<DoctorFinding> fine = SetupDoctor::checkPaths({QStringLiteral("/home/me/ok.onnx")});
    ASSERT_EQ(fine.size(), 1);
    EXPECT_EQ(fine.first().level, L::Ok);
}

TEST(SetupDoctor, DiskSpaceForARun)
{
    // 12 MB ONNX, 150 MB of tensors per pass, 640×640×3 float inputs for 100 + 30 samples.
    const qint64 input = 640LL * 640 * 3 * 4;
    const qint64 need = SetupDoctor::estimateRunBytes(12'000'000, 150'000'000, input, 100, 30);
    EXPECT_EQ(need, 4 * 12'000'000LL + 3 * 150'000'000LL + input * 130);
    EXPECT_EQ(SetupDoctor::checkDiskSpace(QStringLiteral("/runs"), need, need - 1).level, L::Error);
    EXPECT_EQ(SetupDoctor::checkDiskSpace(QStringLiteral("/runs"), need, need + 1).level, L::Warning);
    EXPECT_EQ(SetupDoctor::checkDiskSpace(QStringLiteral("/runs"), need, 2 * need).level, L::Ok);
    const DoctorFinding full = SetupDoctor::checkDiskSpace(QStringLiteral("/runs"), 2'000'000'000, 500'000'000);
    EXPECT_EQ(full.message, QStringLiteral("/runs has 500.0 MB free but a run needs about 2.0 GB."));
    EXPECT_EQ(SetupDoctor::checkDiskSpace(QStringLiteral("/runs"), 1, -1).level, L::Warning);
}

TEST(SetupDoctor, ReleasesAndFirmware)
{
    EXPECT_EQ(SetupDoctor::checkRelease(QStringLiteral("local"), QStringLiteral("1.28.1")).level, L::Ok);
    EXPECT_EQ(SetupDoctor::checkRelease(QStringLiteral("local"), QStringLiteral("v1.30.2-20260831")).level, L::Ok);
    EXPECT_EQ(SetupDoctor::checkRelease(QStringLiteral("local"), QStringLiteral("1.15.1")).level, L::Warning);
    EXPECT_EQ(SetupDoctor::checkRelease(QStringLiteral("local"), QStringLiteral("1.31")).level, L::Info);
    EXPECT_EQ(SetupDoctor::checkRelease(QStringLiteral("local"), QStringLiteral("UNKNOWN")).level, L::Warning);
    Project p;
    p.modelType = QStringLiteral("yolo26");
    const auto firmware = SetupDoctor::checkFirmware(p);
    ASSERT_TRUE(firmware.has_value());
    EXPECT_EQ(firmware->message, QStringLiteral("A yolo26 model needs MaixPy 4.12.5 or newer on the MaixCAM."));
    p.modelType = QStringLiteral("yolov8");
    EXPECT_FALSE(SetupDoctor::checkFirmware(p).has_value());
}

TEST(SetupDoctor, MissingDockerCli)
{
    const DoctorFinding f = SetupDoctor::checkDockerCli(QStringLiteral("no-such-docker-binary"));
    EXPECT_EQ(f.level, L::Error);
    EXPECT_EQ(f.message, QStringLiteral("The docker command 'no-such-docker-binary' is not on PATH."));
}

TEST(SetupDoctor, EngineFindingsThroughTheDockerDouble)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString runs = dir.filePath(QStringLiteral("runs"));
    const QByteArray state = dir.filePath(QStringLiteral("state")).toUtf8();

    auto found = runDoctor(runs, {{"FAKE_DOCKER_STATE", state.constData()}, {"FAKE_TPU_VERSION", "1.28.1"}});
    EXPECT_NE(find(found, "docker_cli", L::Ok), nullptr);
    EXPECT_NE(find(found, "engine", L::Ok), nullptr);
    ASSERT_NE(find(found, "release", L::Ok), nullptr);
    EXPECT_TRUE(find(found, "release", L::Ok)->message.contains(QStringLiteral("1.28.1")));
    EXPECT_EQ(find(found, "architecture", L::Warning), nullptr);

    found = runDoctor(runs, {{"FAKE_DOCKER_STATE", state.constData()}, {"FAKE_DOCKER_ARCH", "arm64"}});
    ASSERT_NE(find(found, "architecture", L::Warning), nullptr);
    EXPECT_TRUE(find(found, "architecture", L::Warning)->message.contains(QStringLiteral("emulated")));

    found = runDoctor(runs, {{"FAKE_DOCKER_STATE", state.constData()}, {"FAKE_DOCKER_MODE", "permission_denied"}});
    ASSERT_NE(find(found, "engine", L::Error), nullptr);
    EXPECT_TRUE(find(found, "engine", L::Error)->message.startsWith(QStringLiteral("Permission denied on the Docker socket")));

    found = runDoctor(runs, {{"FAKE_DOCKER_STATE", state.constData()}, {"FAKE_DOCKER_MODE", "no_image"}});
    EXPECT_NE(find(found, "image", L::Error), nullptr);

    // With a project: paths, disk and the firmware note come first.
    Project p;
    p.modelType = QStringLiteral("yolo26");
    p.modelPath = QStringLiteral("D:\\models\\yolo26n.onnx");
    found = runDoctor(runs, {{"FAKE_DOCKER_STATE", state.constData()}}, p);
    EXPECT_NE(find(found, "path", L::Error), nullptr);
    EXPECT_NE(find(found, "firmware", L::Info), nullptr);
    EXPECT_TRUE(find(found, "disk", L::Ok) || find(found, "disk", L::Warning) || find(found, "disk", L::Error));
}

TEST(SetupDoctor, SaysWhenToolsStartWithoutTheProcessGuard)
{
    const DoctorFinding missing = SetupDoctor::checkProcessGuard(QString());
    EXPECT_EQ(missing.id, QStringLiteral("process_guard"));
    EXPECT_EQ(missing.level, L::Warning);
    EXPECT_TRUE(missing.message.contains(QStringLiteral("keep running"))) << missing.message.toStdString();
    EXPECT_FALSE(missing.fix.isEmpty());
    EXPECT_EQ(SetupDoctor::checkProcessGuard(QStringLiteral("/opt/x/maixcam-process-guard")).level, L::Ok);
}

// A maixcam-convert with no maixcam-process-guard beside it (nor in ../libexec) says so, and so
// does the same command where the build put both.
TEST(SetupDoctor, TheCliNamesAMissingProcessGuard)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString alone = dir.filePath(QStringLiteral("bin/maixcam-convert"));
    ASSERT_TRUE(QDir().mkpath(dir.filePath(QStringLiteral("bin"))));
    ASSERT_TRUE(QFile::copy(Mcw::Tests::binDir() + QStringLiteral("/maixcam-convert"), alone));
    const QStringList arguments{QStringLiteral("doctor"), QStringLiteral("--backend"), QStringLiteral("native"),
                                QStringLiteral("--tools"), QStringLiteral(MCW_FAKES_DIR)};
    const auto doctorOutput = [&arguments](const QString &program) {
        QProcess doctor;
        doctor.start(program, arguments);
        EXPECT_TRUE(doctor.waitForFinished(60000)) << program.toStdString();
        return QString::fromUtf8(doctor.readAllStandardOutput());
    };
    const QString without = doctorOutput(alone);
    EXPECT_TRUE(without.contains(QStringLiteral("warning  Process guard: maixcam-process-guard is neither in ")
                                 + dir.filePath(QStringLiteral("bin")) + QStringLiteral(" nor in ")))
        << without.toStdString();
    const QString with = doctorOutput(Mcw::Tests::binDir() + QStringLiteral("/maixcam-convert"));
    EXPECT_TRUE(with.contains(QStringLiteral("ok       Process guard: Tools start through ")
                              + Mcw::Tests::binDir() + QStringLiteral("/maixcam-process-guard")))
        << with.toStdString();
}
