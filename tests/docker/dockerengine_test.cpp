// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The toolchain path through a real Docker engine: a private dockerd started by the
// docker_engine fixture (tests/docker/engine), and an image built from packaging/docker/Dockerfile
// itself with the tpu-mlir test doubles installed in place of tpu_mlir (make-double-image).
// Only tpu-mlir is a double here; docker, its containers, signals and mounts are real.
#include <core/bundle/provenance.h>
#include <core/mud/mudreader.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionsession.h>
#include <core/run/dockerengine.h>
#include <core/run/enginecheck.h>
#include <core/run/jobhistory.h>
#include <core/run/jobpool.h>
#include <core/run/jobrecord.h>
#include <core/run/projectjobfactory.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionpipeline.h>
#include <core/run/pulsar2imageload.h>
#include <core/run/toolchainbackend.h>
#include <core/project/projectfile.h>
#include <core/sha256.h>

#include <tests/support/testpaths.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <csignal>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

using namespace Mcw;
namespace Tests = Mcw::Tests;

namespace {

constexpr uint NobodyUid = 65534;

// The fixture's engine (tests/docker/CMakeLists.txt); the environment may point elsewhere.
QString engineState()
{
    return qEnvironmentVariable("MCW_TEST_DOCKER_STATE", QStringLiteral(MCW_TEST_DOCKER_STATE));
}

QString dockerHost()
{
    return QStringLiteral("unix://") + engineState() + QStringLiteral("/docker.sock");
}

QString dockerCli()
{
    return qEnvironmentVariable("MCW_TEST_DOCKER_CLI", QStringLiteral(MCW_TEST_DOCKER_CLI));
}

QString doubleImage()
{
    return qEnvironmentVariable("MCW_TEST_DOCKER_IMAGE", QStringLiteral(MCW_TEST_DOCKER_IMAGE));
}

struct Ran
{
    int exitCode = -1; // -1: timed out (killed), -2: crashed
    QString out;
    QString err;
};

/** Starts \a program in \a process with DOCKER_HOST pointing at \a host (legacy builder). */
void startWith(QProcess &process, const QString &program, const QStringList &args, const QString &host)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKER_HOST"), host);
    env.insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("0"));
    process.setProcessEnvironment(env);
    process.start(program, args);
}

/** Runs \a program with DOCKER_HOST pointing at the test engine (or \a host) and waits. */
Ran runWith(const QString &program, const QStringList &args, const QString &host = dockerHost(),
            int timeoutMs = 300000, const QByteArray &input = {})
{
    QProcess p;
    startWith(p, program, args, host);
    if (!input.isEmpty()) {
        p.write(input);
        p.closeWriteChannel();
    }
    Ran r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Ran docker(const QStringList &args, const QByteArray &input = {})
{
    return runWith(dockerCli(), args, dockerHost(), 300000, input);
}

QString convertBinary()
{
    return Tests::binDir() + QStringLiteral("/maixcam-convert");
}

/** Every container on the test engine, running or not. */
QStringList containers()
{
    const Ran r = docker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

/** The processes running in container \a name, one `docker top` line each (its header left out). */
QStringList processesInContainer(const QString &name)
{
    return docker({QStringLiteral("top"), name}).out.trimmed().split(QLatin1Char('\n')).mid(1);
}

/**
 * Processes whose working directory lies under \a root: the docker client of a step and, seen
 * from the host, the tools inside its container all run in the job folder.
 */
QStringList processesUnder(const QString &root)
{
    QStringList found;
    const QString canonical = QFileInfo(root).canonicalFilePath();
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric || pid.toLongLong() == QCoreApplication::applicationPid())
            continue;
        const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).symLinkTarget();
        if (!cwd.isEmpty() && (cwd == canonical || cwd.startsWith(canonical + QLatin1Char('/')))) {
            QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
            cmd.open(QIODevice::ReadOnly);
            found.append(pid + QLatin1Char(' ') + QString::fromUtf8(cmd.readAll().replace('\0', ' ')));
        }
    }
    return found;
}

/** The guard's watcher of the tool session \a session started: a grandchild named after the guard. */
qint64 watcherOf(qint64 session)
{
    const auto field = [](qint64 pid, int index) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return qint64(-1);
        const QByteArray text = stat.readAll();
        return text.mid(text.lastIndexOf(')') + 2).split(' ').value(index).toLongLong();
    };
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        const qint64 pid = entry.toLongLong();
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        // The kernel keeps the first 15 characters of a program's name; field 1 is the parent.
        const QString name = comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll().trimmed()) : QString();
        if (pid > 0 && !name.isEmpty() && QStringLiteral("maixcam-process-guard").startsWith(name)
            && field(field(pid, 1), 1) == session)
            return pid;
    }
    return 0;
}

/** The double image with the doubles' switches (FAKE_TPU_*) baked in as ENV; built once per set. */
QString imageWith(const QStringList &env)
{
    QString tag = QStringLiteral("mcw-test/tpu-mlir-double:") + env.join(QLatin1Char('-')).toLower();
    tag.replace(QRegularExpression(QStringLiteral("[^a-z0-9_.-]")), QStringLiteral("_"));
    tag = tag.left(120);
    if (docker({QStringLiteral("image"), QStringLiteral("inspect"), tag}).exitCode == 0)
        return tag;
    QByteArray dockerfile = "FROM " + doubleImage().toUtf8() + "\n";
    for (const QString &e : env)
        dockerfile += "ENV " + e.toUtf8() + "\n";
    const Ran built = docker({QStringLiteral("build"), QStringLiteral("--network"), QStringLiteral("none"),
                              QStringLiteral("-t"), tag, QStringLiteral("-")},
                             dockerfile);
    EXPECT_EQ(built.exitCode, 0) << built.err.toStdString() << built.out.toStdString();
    return tag;
}

QString fastImage()
{
    return imageWith({QStringLiteral("FAKE_TPU_SPEED=0")});
}

/**
 * A project from the generated YOLOv8n with real photos, inside \a folder (created): MaixCAM with
 * a test image, or with \a initOptions (e.g. MaixCAM2) instead.
 */
QString makeProject(const QString &folder, const QStringList &initOptions = {})
{
    EXPECT_TRUE(QDir().mkpath(folder));
    const QString photos = folder + QStringLiteral("/photos");
    QDir().mkpath(photos);
    // Copies, so a test that runs as another user can read them.
    for (const QString &name : QDir(Tests::photoDir()).entryList(QDir::Files))
        QFile::copy(Tests::photoDir() + QLatin1Char('/') + name, photos + QLatin1Char('/') + name);
    const QString model = folder + QStringLiteral("/yolov8n.onnx");
    QFile::copy(Tests::generatedModel(QStringLiteral("yolov8n")), model);
    const QString project = folder + QStringLiteral("/yolov8n.yaml");
    const QStringList options = !initOptions.isEmpty()
                                    ? initOptions
                                    : QStringList{QStringLiteral("--input-num"), QStringLiteral("5"),
                                                  QStringLiteral("--test-input"), photos + QStringLiteral("/astronaut.png")};
    const Ran init = runWith(convertBinary(), QStringList{QStringLiteral("init"), model, QStringLiteral("-o"), project,
                                                          QStringLiteral("--dataset"), photos}
                                                  + options);
    EXPECT_EQ(init.exitCode, 0) << init.err.toStdString();
    return project;
}

/** A MaixCAM2 project cut at the scheme-1 heads Sipeed's MaixCAM2 page recommends. */
QString makeMaixCam2Project(const QString &folder)
{
    return makeProject(folder, {QStringLiteral("--device"), QStringLiteral("maixcam2"), QStringLiteral("--input-num"),
                                QStringLiteral("3"), QStringLiteral("--outputs"),
                                QStringLiteral("/model.22/Concat_1_output_0,/model.22/Concat_2_output_0,/model.22/Concat_3_output_0")});
}

/** The double image whose calibration never ends on its own. */
QString hangingCalibrationImage()
{
    return imageWith({QStringLiteral("FAKE_TPU_SPEED=0"), QStringLiteral("FAKE_TPU_SCENARIO=hang"),
                      QStringLiteral("FAKE_TPU_SCENARIO_TOOL=run_calibration")});
}

/** `docker run -d` of \a image doing nothing (`sleep infinity`) as \a name, with \a folder mounted: for docker exec. */
Ran startIdleContainer(const QString &name, const QString &folder, const QString &image)
{
    return docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
                   QStringLiteral("--name"), name, QStringLiteral("-v"), folder + QLatin1Char(':') + folder, image,
                   QStringLiteral("sleep"), QStringLiteral("infinity")});
}

/** The newest run folder of \a project (its workspace), as the CLI created it. */
Core::JobRecord newestJob(const QString &project)
{
    const auto loaded = Core::ProjectFile::load(project);
    EXPECT_TRUE(loaded.has_value());
    if (!loaded)
        return {};
    const QList<Core::JobRecord> jobs = Core::JobHistory::load(loaded->project.workspaceDir).jobs;
    EXPECT_FALSE(jobs.isEmpty()) << "no run in " << loaded->project.workspaceDir.toStdString();
    return jobs.isEmpty() ? Core::JobRecord{} : jobs.last();
}

QStringList runArgs(const QString &project, const QString &image)
{
    return {QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("docker"), QStringLiteral("--image"),
            image};
}

/** Waits until a container whose name contains \a part runs on the engine. */
QString waitForContainer(const QString &part, int ms = 120000)
{
    QString name;
    const bool running = QTest::qWaitFor(
        [&] {
            const Ran r = docker({QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")});
            for (const QString &n : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                if (n.contains(part))
                    name = n;
            }
            return !name.isEmpty();
        },
        ms);
    return running ? name : QString();
}

/**
 * Waits until calibration runs under \a folder: its tool runs in the job folder (seen from the
 * host, the container's processes keep the same path, which is bind-mounted at the same place).
 */
bool waitUntilCalibrating(const QString &folder)
{
    return QTest::qWaitFor(
        [&] {
            for (const QString &p : processesUnder(folder)) {
                const QString program = p.section(QLatin1Char(' '), 1, 2);
                if (program.contains(QLatin1String("run_calibration")) && !program.contains(QLatin1String("docker ")))
                    return true;
            }
            return false;
        },
        120000);
}

/** setpriv argv that runs maixcam-convert as nobody, with or without the socket's group. */
QStringList asNobody(bool withSocketGroup, const QStringList &convertArgs)
{
    struct stat st{};
    const QByteArray socket = (engineState() + QStringLiteral("/docker.sock")).toLocal8Bit();
    ::stat(socket.constData(), &st);
    QStringList args{QStringLiteral("--reuid=%1").arg(NobodyUid), QStringLiteral("--regid=%1").arg(NobodyUid)};
    if (withSocketGroup)
        args << QStringLiteral("--groups=%1").arg(st.st_gid);
    else
        args << QStringLiteral("--clear-groups");
    args << convertBinary() << convertArgs;
    return args;
}

void chownTree(const QString &root, uint uid)
{
    const QByteArray top = root.toLocal8Bit();
    ASSERT_EQ(::chown(top.constData(), uid, uid), 0);
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QByteArray path = it.next().toLocal8Bit();
        ASSERT_EQ(::lchown(path.constData(), uid, uid), 0) << path.constData();
    }
}

class DockerEngine : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QFile skip(engineState() + QStringLiteral("/skip"));
        if (skip.open(QIODevice::ReadOnly))
            GTEST_SKIP() << skip.readAll().trimmed().toStdString();
        ASSERT_TRUE(QFileInfo::exists(engineState() + QStringLiteral("/docker.sock")))
            << "the docker_engine fixture did not start an engine in " << engineState().toStdString();
        ASSERT_TRUE(m_dir.isValid());
        ASSERT_TRUE(containers().isEmpty()) << "containers left by an earlier test: " << containers().join(QLatin1Char(' ')).toStdString();
    }

    void TearDown() override
    {
        if (IsSkipped())
            return; // no engine to ask
        if (!HasFatalFailure()) {
            EXPECT_TRUE(containers().isEmpty()) << "left behind: " << containers().join(QLatin1Char(' ')).toStdString();
            EXPECT_TRUE(processesUnder(m_dir.path()).isEmpty()) << processesUnder(m_dir.path()).join(QLatin1Char('\n')).toStdString();
        }
        for (const QString &c : containers())
            docker({QStringLiteral("rm"), QStringLiteral("-f"), c});
    }

    QTemporaryDir m_dir;
};

} // namespace

// The user's journey on a real engine, in a folder whose name a shell would mangle: init, run
// with `docker run` per step, export. The bundle's provenance carries the engine's image id.
TEST_F(DockerEngine, RunBackendConvertsAndExportsWhereAShellWouldStumble)
{
    const QString folder = m_dir.filePath(QStringLiteral("my models/it's \"$(touch pwned)\" `id` $HOME"));
    const QString project = makeProject(folder);
    const QString image = fastImage();
    const Ran run = runWith(convertBinary(), runArgs(project, image));
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("docker run ") + image)) << run.out.toStdString();
    const Core::JobRecord job = newestJob(project);
    EXPECT_EQ(job.state, Core::JobState::Succeeded);
    EXPECT_TRUE(job.directory.startsWith(folder));

    const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
    const Ran exported = runWith(convertBinary(), {QStringLiteral("export"), project, QStringLiteral("-o"), bundle});
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    const auto mud = Core::MudReader::readFile(bundle + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud.has_value());
    EXPECT_TRUE(mud->deviceParses);
    EXPECT_EQ(*Core::sha256OfFile(bundle + QStringLiteral("/yolov8n.cvimodel")),
              *Core::sha256OfFile(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"))));

    // The id the engine itself reports for the image, read here with the docker CLI.
    const Ran inspected = docker({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                                  QStringLiteral("{{.Id}}"), image});
    ASSERT_EQ(inspected.exitCode, 0);
    QFile prov(bundle + QStringLiteral("/yolov8n.provenance.yaml"));
    ASSERT_TRUE(prov.open(QIODevice::ReadOnly));
    const auto provenance = Core::Provenance::fromYaml(prov.readAll(), prov.fileName());
    ASSERT_TRUE(provenance.has_value());
    EXPECT_EQ(provenance->imageId, inspected.out.trimmed());
    EXPECT_TRUE(provenance->imageId.startsWith(QStringLiteral("sha256:")));

    // No argument went through a shell, on the host or in the container.
    QDirIterator it(m_dir.path(), {QStringLiteral("pwned")}, QDir::Files, QDirIterator::Subdirectories);
    EXPECT_FALSE(it.hasNext()) << it.next().toStdString();
    EXPECT_FALSE(QFileInfo::exists(QStringLiteral("/pwned")));
}

// `docker exec` into a running container that mounts the workspace at the same path, to the
// exported bundle.
TEST_F(DockerEngine, ExecBackendConvertsInARunningContainer)
{
    const QString folder = m_dir.filePath(QStringLiteral("exec project"));
    const QString project = makeProject(folder);
    const QString name = QStringLiteral("mcw-test-exec-%1").arg(QCoreApplication::applicationPid());
    const Ran started = startIdleContainer(name, folder, fastImage());
    ASSERT_EQ(started.exitCode, 0) << started.err.toStdString();
    const Ran run = runWith(convertBinary(), {QStringLiteral("run"), project, QStringLiteral("--backend"),
                                              QStringLiteral("docker"), QStringLiteral("--container"), name});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("docker exec ") + name)) << run.out.toStdString();
    const Core::JobRecord job = newestJob(project);
    EXPECT_EQ(job.state, Core::JobState::Succeeded);
    EXPECT_TRUE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"))));
    const QString bundle = m_dir.filePath(QStringLiteral("exec bundle.zip"));
    const Ran exported = runWith(convertBinary(), {QStringLiteral("export"), project, QStringLiteral("-o"), bundle});
    EXPECT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_TRUE(QFileInfo(bundle).size() > 0);
    // Only the container's own process remains in it (`sleep infinity`).
    const QStringList inside = processesInContainer(name);
    EXPECT_EQ(inside.size(), 1) << inside.join(QLatin1Char('\n')).toStdString();
    docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
}

// Ctrl-C (SIGTERM here) during calibration: the step's container is stopped and removed and no
// process of the run is left, with `docker run` per step and with `docker exec`.
TEST_F(DockerEngine, CancelDuringCalibrationLeavesNoContainerAndNoProcess)
{
    const QString image = hangingCalibrationImage();
    for (const bool exec : {false, true}) {
        SCOPED_TRACE(exec ? "docker exec" : "docker run");
        const QString folder = m_dir.filePath(exec ? QStringLiteral("exec") : QStringLiteral("run"));
        const QString project = makeProject(folder);
        const QString name = QStringLiteral("mcw-test-cancel-%1").arg(QCoreApplication::applicationPid());
        QStringList args = runArgs(project, image);
        if (exec) {
            const Ran started = startIdleContainer(name, folder, image);
            ASSERT_EQ(started.exitCode, 0) << started.err.toStdString();
            args << QStringLiteral("--container") << name;
        }
        QProcess cli;
        startWith(cli, convertBinary(), args, dockerHost());
        ASSERT_TRUE(cli.waitForStarted());
        ASSERT_TRUE(waitUntilCalibrating(folder)) << cli.readAllStandardOutput().toStdString() << cli.readAllStandardError().toStdString();
        ::kill(pid_t(cli.processId()), SIGTERM);
        ASSERT_TRUE(cli.waitForFinished(60000));
        EXPECT_EQ(cli.exitCode(), 1);
        const Core::JobRecord job = newestJob(project);
        const Core::StepRecord &calibration = job.steps.at(job.stepIndex(QStringLiteral("calibration")));
        EXPECT_EQ(calibration.state, Core::StepState::Cancelled);
        if (exec) {
            // The signalled group may take a moment to go; only `sleep infinity` may stay.
            QStringList inside;
            EXPECT_TRUE(QTest::qWaitFor(
                [&] {
                    inside = processesInContainer(name);
                    return inside.size() == 1;
                },
                20000))
                << inside.join(QLatin1Char('\n')).toStdString();
            docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        }
        EXPECT_TRUE(QTest::qWaitFor([] { return containers().isEmpty(); }, 20000)) << containers().join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(QTest::qWaitFor([&] { return processesUnder(folder).isEmpty(); }, 20000))
            << processesUnder(folder).join(QLatin1Char('\n')).toStdString();
    }
}

// The session (`maixcam-convert run`) is killed with SIGKILL during calibration: the docker
// client dies with it, and the tool's guard kills the container (`docker kill mcw-<tag>`, removed
// by --rm) and the rest of the group. Reopening lists the run as interrupted.
TEST_F(DockerEngine, SessionKilledDuringCalibrationLeavesNoContainerAndNoProcess)
{
    const QString image = hangingCalibrationImage();
    const QString folder = m_dir.filePath(QStringLiteral("killed"));
    const QString project = makeProject(folder);
    QProcess cli;
    startWith(cli, convertBinary(), runArgs(project, image), dockerHost());
    ASSERT_TRUE(cli.waitForStarted());
    ASSERT_TRUE(waitUntilCalibrating(folder)) << cli.readAllStandardError().toStdString();
    ASSERT_FALSE(waitForContainer(QStringLiteral("mcw-")).isEmpty());
    ::kill(pid_t(cli.processId()), SIGKILL);
    ASSERT_TRUE(cli.waitForFinished(10000));

    EXPECT_TRUE(QTest::qWaitFor([] { return containers().isEmpty(); }, 30000)) << containers().join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return processesUnder(folder).isEmpty(); }, 20000))
        << processesUnder(folder).join(QLatin1Char('\n')).toStdString();
    const Core::JobRecord job = newestJob(project);
    EXPECT_EQ(job.state, Core::JobState::Failed);
    const Core::StepRecord &calibration = job.steps.at(job.stepIndex(QStringLiteral("calibration")));
    EXPECT_TRUE(calibration.errorMessage.contains(QStringLiteral("interrupted"))) << calibration.errorMessage.toStdString();
}

// The same with `docker exec` into a running container: the docker client dies with the session,
// and the guard's kill command (a kill inside the container, as at cancel) stops the tool that
// the exec started there. Only the container's own process remains; the run is interrupted.
TEST_F(DockerEngine, SessionKilledDuringCalibrationWithDockerExecLeavesOnlyTheContainersOwnProcess)
{
    const QString image = hangingCalibrationImage();
    const QString folder = m_dir.filePath(QStringLiteral("killed exec"));
    const QString project = makeProject(folder);
    const QString name = QStringLiteral("mcw-test-killed-exec-%1").arg(QCoreApplication::applicationPid());
    const Ran started = startIdleContainer(name, folder, image);
    ASSERT_EQ(started.exitCode, 0) << started.err.toStdString();
    QProcess cli;
    startWith(cli, convertBinary(), runArgs(project, image) << QStringLiteral("--container") << name, dockerHost());
    ASSERT_TRUE(cli.waitForStarted());
    ASSERT_TRUE(waitUntilCalibrating(folder)) << cli.readAllStandardError().toStdString();
    QStringList inside;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            inside = processesInContainer(name);
            return inside.size() > 1;
        },
        20000))
        << "the tool never ran in the container: " << inside.join(QLatin1Char('\n')).toStdString();
    ::kill(pid_t(cli.processId()), SIGKILL);
    ASSERT_TRUE(cli.waitForFinished(10000));

    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            inside = processesInContainer(name);
            return inside.size() == 1;
        },
        30000))
        << "processes left in the container: " << inside.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return processesUnder(folder).isEmpty(); }, 20000))
        << processesUnder(folder).join(QLatin1Char('\n')).toStdString();
    docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    const Core::JobRecord job = newestJob(project);
    EXPECT_EQ(job.state, Core::JobState::Failed);
    const Core::StepRecord &calibration = job.steps.at(job.stepIndex(QStringLiteral("calibration")));
    EXPECT_TRUE(calibration.errorMessage.contains(QStringLiteral("interrupted"))) << calibration.errorMessage.toStdString();
}

// A double fault: the guard's watcher is killed, then the session. Nothing runs the watcher's
// kill, so the tool runs on in its container until the project's runs are reopened (as the GUI
// does when it opens the project): the tool carries the run's marks (`-e MCW_RUN_FOLDER -e
// MCW_SESSION`), ends, and --rm removes its container; with `docker exec` the container's own
// process stays.
TEST_F(DockerEngine, WatcherAndSessionKilledLeaveTheToolOnlyUntilTheRunsAreReopened)
{
    const QString image = hangingCalibrationImage();
    for (const bool exec : {false, true}) {
        SCOPED_TRACE(exec ? "docker exec" : "docker run");
        const QString folder = m_dir.filePath(exec ? QStringLiteral("double exec") : QStringLiteral("double run"));
        const QString project = makeProject(folder);
        const QString name = QStringLiteral("mcw-test-double-%1").arg(QCoreApplication::applicationPid());
        QStringList args = runArgs(project, image);
        if (exec) {
            const Ran started = startIdleContainer(name, folder, image);
            ASSERT_EQ(started.exitCode, 0) << started.err.toStdString();
            args << QStringLiteral("--container") << name;
        }
        // The tool's processes in its container, `sleep infinity` of the exec case left out.
        const auto toolProcesses = [&] {
            return exec ? processesInContainer(name).mid(1) : processesInContainer(waitForContainer(QStringLiteral("mcw-"), 0));
        };
        QProcess cli;
        startWith(cli, convertBinary(), args, dockerHost());
        ASSERT_TRUE(cli.waitForStarted());
        ASSERT_TRUE(waitUntilCalibrating(folder)) << cli.readAllStandardError().toStdString();
        if (!exec) {
            ASSERT_FALSE(waitForContainer(QStringLiteral("mcw-")).isEmpty());
        }
        ASSERT_TRUE(QTest::qWaitFor([&] { return !toolProcesses().isEmpty(); }, 20000)) << "the tool never ran";
        qint64 watcher = 0;
        ASSERT_TRUE(QTest::qWaitFor([&] { return (watcher = watcherOf(cli.processId())) > 0; }, 10000))
            << "no watcher under the session";
        ::kill(pid_t(watcher), SIGKILL);
        ::kill(pid_t(cli.processId()), SIGKILL);
        ASSERT_TRUE(cli.waitForFinished(10000));

        // Nothing ends the tool now: it still runs two seconds later...
        QTest::qWait(2000);
        EXPECT_FALSE(toolProcesses().isEmpty()) << "the tool ended on its own";
        // ... until the runs are reopened.
        const Core::JobRecord job = newestJob(project);
        EXPECT_TRUE(QTest::qWaitFor([&] { return toolProcesses().isEmpty(); }, 30000))
            << "left in the container: " << toolProcesses().join(QLatin1Char('\n')).toStdString();
        if (exec)
            docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        EXPECT_TRUE(QTest::qWaitFor([] { return containers().isEmpty(); }, 30000)) << containers().join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(QTest::qWaitFor([&] { return processesUnder(folder).isEmpty(); }, 20000))
            << processesUnder(folder).join(QLatin1Char('\n')).toStdString();
        EXPECT_EQ(job.state, Core::JobState::Failed);
        const Core::StepRecord &calibration = job.steps.at(job.stepIndex(QStringLiteral("calibration")));
        EXPECT_TRUE(calibration.errorMessage.contains(QStringLiteral("interrupted"))) << calibration.errorMessage.toStdString();
    }
}

// The soak of issue 20 through the real engine: 100 conversions with the docker run backend, four
// at a time, one in ten cancelled during calibration and one in ten failing calibration once and
// retried. Afterwards no container and no process is left, and every job.json is whole and in
// the state its script implies.
TEST_F(DockerEngine, HundredConversionsWithCancelsAndRetriesLeaveNoContainerAndNoProcess)
{
    constexpr int Total = 100;
    enum class Kind { Succeeds, Cancelled, RetriedOnce };
    const QString project = makeProject(m_dir.filePath(QStringLiteral("soak")));
    const auto loaded = Core::ProjectFile::load(project);
    ASSERT_TRUE(loaded);
    // The product's docker client reaches the test engine as a user's would: DOCKER_HOST.
    qputenv("DOCKER_HOST", dockerHost().toUtf8());
    Core::ToolchainSettings settings;
    settings.dockerProgram = dockerCli();
    settings.image = fastImage();
    settings.maxConcurrency = 4;
    settings.engines = {Core::DockerEngine::local(4)}; // the local engine with four slots
    Core::ConversionSession session;
    session.setToolchain(settings);
    QElapsedTimer clock;
    clock.start();

    // The first conversion as the CLI starts it (probe, engine check); the rest with its plan.
    Core::ConversionSession::RunOptions runOptions;
    runOptions.compareAll = false;
    const auto first = session.startRunAndWait(loaded->project, runOptions);
    ASSERT_TRUE(first) << first.error().message.toStdString();
    const Core::ProjectJobFactory::Options jobOptions = session.jobOptions(runOptions);
    std::mt19937 random(20);
    QHash<Core::ConversionJob *, Kind> kinds{{*first, Kind::Succeeds}};
    QSet<Core::ConversionJob *> retried;
    int finished = 0;
    QObject::connect(session.pool(), &Core::JobPool::jobFinished, session.pool(), [&](Core::ConversionJob *job) {
        if (kinds.value(job) == Kind::RetriedOnce && job->state() == Core::JobState::Failed && !retried.contains(job)) {
            retried.insert(job);
            QMetaObject::invokeMethod(session.pool(), [&session, job] { session.pool()->retry(job, QStringLiteral("calibration")); },
                                      Qt::QueuedConnection);
            return;
        }
        ++finished;
    });
    for (int i = 1; i < Total; ++i) {
        ASSERT_TRUE(QTest::qWaitFor([&] { return i - finished < 8; }, 300000)) << "stuck at " << i;
        const int dice = int(random() % 10);
        const Kind kind = dice == 0 ? Kind::Cancelled : dice == 1 ? Kind::RetriedOnce : Kind::Succeeds;
        auto record = Core::ProjectJobFactory::createJob(loaded->project, loaded->project.workspaceDir, jobOptions);
        ASSERT_TRUE(record) << record.error().message.toStdString();
        // The doubles' switches for this job's calibration only, passed as the product passes a
        // tool's environment: `docker run -e`.
        Core::ToolInvocation &calibration = record->steps[record->stepIndex(QStringLiteral("calibration"))].invocation;
        if (kind != Kind::Succeeds) {
            calibration.environment.insert(QStringLiteral("FAKE_TPU_SCENARIO"),
                                           kind == Kind::Cancelled ? QStringLiteral("hang") : QStringLiteral("fail_once"));
            calibration.environment.insert(QStringLiteral("FAKE_TPU_SCENARIO_TOOL"), QStringLiteral("run_calibration"));
        }
        Core::ConversionJob *job = session.pool()->submit(*record);
        kinds.insert(job, kind);
        if (kind == Kind::Cancelled) {
            // Once the double's bar has started inside its container (it hangs half-way).
            QObject::connect(job, &Core::ConversionJob::outputLine, job,
                             [job](const QString &step, Core::OutputStream, const QString &line) {
                                 if (step == QLatin1String("calibration") && line.contains(QLatin1String("activation_collect")))
                                     job->cancel();
                             });
        }
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished == Total && session.pool()->isIdle(); }, 600000)) << finished;
    const qint64 elapsedMs = clock.elapsed();

    EXPECT_TRUE(QTest::qWaitFor([] { return containers().isEmpty(); }, 20000)) << containers().join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return processesUnder(m_dir.path()).isEmpty(); }, 20000))
        << processesUnder(m_dir.path()).join(QLatin1Char('\n')).toStdString();
    int succeeded = 0, cancelled = 0;
    ASSERT_EQ(session.pool()->jobs().size(), Total);
    for (Core::ConversionJob *job : session.pool()->jobs()) {
        const auto onDisk = Core::JobRecord::load(job->record().directory);
        ASSERT_TRUE(onDisk) << onDisk.error().message.toStdString();
        EXPECT_EQ(onDisk->state, job->state());
        EXPECT_EQ(job->state(), kinds.value(job) == Kind::Cancelled ? Core::JobState::Cancelled : Core::JobState::Succeeded)
            << job->record().directory.toStdString();
        succeeded += job->state() == Core::JobState::Succeeded;
        cancelled += job->state() == Core::JobState::Cancelled;
    }
    EXPECT_EQ(retried.size(), kinds.values().count(Kind::RetriedOnce));
    std::printf("docker soak: %d conversions (%d succeeded, %d cancelled, %lld retried) in %.0f s\n", Total, succeeded,
                cancelled, qint64(retried.size()), elapsedMs / 1000.0);
}

// A user pulls a newer tpu-mlir under the tag they already use. The session probed the old image
// and would keep its flags; it sees the tag now names another image id and checks the tools again.
TEST_F(DockerEngine, AnImagePulledAgainUnderTheSameTagIsCheckedAgain)
{
    const QString project = makeProject(m_dir.filePath(QStringLiteral("repulled")));
    const auto loaded = Core::ProjectFile::load(project);
    ASSERT_TRUE(loaded.has_value());
    const QString older = imageWith({QStringLiteral("FAKE_TPU_SPEED=0"), QStringLiteral("FAKE_TPU_VERSION=1.15")});
    const QString newer = imageWith({QStringLiteral("FAKE_TPU_SPEED=0"), QStringLiteral("FAKE_TPU_VERSION=1.30.2")});
    const QString tag = QStringLiteral("mcw-test/repulled:latest");
    ASSERT_EQ(docker({QStringLiteral("tag"), older, tag}).exitCode, 0);
    const auto imageId = [](const QString &image) {
        return docker({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                       QStringLiteral("{{.Id}}"), image}).out.trimmed();
    };
    qputenv("DOCKER_HOST", dockerHost().toUtf8());
    Core::ToolchainSettings settings;
    settings.dockerProgram = dockerCli();
    settings.image = tag;
    Core::ConversionSession session;
    session.setToolchain(settings);
    QList<Core::ToolCapabilities> probed;
    QObject::connect(&session, &Core::ConversionSession::capabilitiesProbed, &session,
                     [&](const Core::ToolCapabilities &caps) { probed.append(caps); });
    QStringList notes;
    QObject::connect(&session, &Core::ConversionSession::probeChecked, &session,
                     [&](const Core::ToolchainProbe::Check &check) { notes.append(check.message); });
    Core::ConversionSession::RunOptions options;
    options.compareAll = false;
    const auto runOnce = [&]() -> Core::ConversionJob * {
        const auto job = session.startRunAndWait(loaded->project, options);
        EXPECT_TRUE(job) << job.error().message.toStdString();
        if (!job)
            return nullptr;
        EXPECT_TRUE(QTest::qWaitFor([&] { return session.pool()->isIdle(); }, 120000));
        EXPECT_EQ((*job)->state(), Core::JobState::Succeeded);
        return *job;
    };

    const Core::ConversionJob *first = runOnce();
    ASSERT_TRUE(first);
    ASSERT_EQ(probed.size(), 1);
    EXPECT_EQ(probed.first().imageId, imageId(older));
    EXPECT_EQ(first->record().toolVersion, QStringLiteral("v1.15.1-20250208"));

    // The same image: the probe is not repeated.
    const Core::ConversionJob *second = runOnce();
    ASSERT_TRUE(second);
    EXPECT_EQ(probed.size(), 1);

    // "docker pull" of a newer release under the same tag.
    ASSERT_EQ(docker({QStringLiteral("tag"), newer, tag}).exitCode, 0);
    notes.clear();
    const Core::ConversionJob *third = runOnce();
    qunsetenv("DOCKER_HOST");
    docker({QStringLiteral("rmi"), tag});
    ASSERT_TRUE(third);
    ASSERT_EQ(probed.size(), 2);
    EXPECT_EQ(probed.last().imageId, imageId(newer));
    EXPECT_EQ(probed.last().version, QStringLiteral("v1.30.2-20260831"));
    EXPECT_EQ(third->record().toolVersion, QStringLiteral("v1.30.2-20260831"));
    ASSERT_FALSE(notes.isEmpty());
    EXPECT_EQ(notes.first(), QStringLiteral("The image %1 changed since its tools were checked (now %2); checking them again.")
                                 .arg(tag, imageId(newer).left(19)));
}

// The step timeout kills the container of a step that hangs, and says so.
TEST_F(DockerEngine, StepTimeoutStopsTheContainer)
{
    const QString project = makeProject(m_dir.filePath(QStringLiteral("timeout")));
    auto loaded = Core::ProjectFile::load(project);
    ASSERT_TRUE(loaded.has_value());
    Core::ToolchainSettings settings;
    settings.dockerProgram = dockerCli();
    settings.image = imageWith({QStringLiteral("FAKE_TPU_SPEED=0"), QStringLiteral("FAKE_TPU_SCENARIO=hang"),
                                QStringLiteral("FAKE_TPU_SCENARIO_TOOL=model_transform")});
    const auto job = Core::ProjectJobFactory::createJob(loaded->project, loaded->project.workspaceDir, {});
    ASSERT_TRUE(job.has_value()) << job.error().message.toStdString();
    qputenv("DOCKER_HOST", dockerHost().toUtf8());
    Core::JobPool pool;
    pool.setBackend(Core::ToolchainBackend::create(settings));
    pool.setStepTimeout(8000);
    QEventLoop loop;
    QObject::connect(&pool, &Core::JobPool::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(180000, &loop, &QEventLoop::quit);
    pool.submit(*job);
    loop.exec();
    qunsetenv("DOCKER_HOST");
    const auto record = Core::JobRecord::load(job->directory);
    ASSERT_TRUE(record.has_value());
    const Core::StepRecord &transform = record->steps.at(record->stepIndex(QStringLiteral("transform")));
    EXPECT_EQ(transform.state, Core::StepState::Failed);
    ASSERT_FALSE(transform.diagnostics.isEmpty());
    EXPECT_EQ(transform.diagnostics.first().code, QStringLiteral("timeout"));
    EXPECT_TRUE(transform.errorMessage.startsWith(QStringLiteral("model_transform did not finish within 8 s and was stopped")))
        << transform.errorMessage.toStdString();
    EXPECT_TRUE(QTest::qWaitFor([] { return containers().isEmpty(); }, 20000));
}

// Files the containers write belong to the user who runs the workbench (--user), here nobody,
// not to the container's root: with a container per step and with `docker exec` into a
// container that runs as root.
TEST_F(DockerEngine, OutputsBelongToTheInvokingUser)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to run the CLI as another user";
    for (const bool exec : {false, true}) {
        SCOPED_TRACE(exec ? "docker exec" : "docker run");
        const QString folder = m_dir.filePath(exec ? QStringLiteral("nobody-exec") : QStringLiteral("nobody-run"));
        const QString project = makeProject(folder);
        chownTree(m_dir.path(), NobodyUid);
        QStringList args = runArgs(project, fastImage());
        const QString name = QStringLiteral("mcw-test-owner-%1").arg(QCoreApplication::applicationPid());
        if (exec) {
            const Ran started = startIdleContainer(name, folder, fastImage());
            ASSERT_EQ(started.exitCode, 0) << started.err.toStdString();
            args << QStringLiteral("--container") << name;
        }
        const Ran run = runWith(QStringLiteral("setpriv"), asNobody(true, args));
        if (exec)
            docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
        const Core::JobRecord job = newestJob(project);
        int files = 0;
        QDirIterator it(job.directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo f(it.next());
            EXPECT_EQ(f.ownerId(), NobodyUid) << f.filePath().toStdString() << " belongs to " << f.ownerId();
            ++files;
        }
        EXPECT_GT(files, 10);
        EXPECT_EQ(QFileInfo(QDir(job.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"))).ownerId(), NobodyUid);
    }
}

// Each set-up failure ends in one sentence that names the fix.
TEST_F(DockerEngine, SocketWithoutPermissionNamesTheGroupFix)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to run the CLI as another user";
    const QString project = makeProject(m_dir.filePath(QStringLiteral("denied")));
    chownTree(m_dir.path(), NobodyUid);
    const Ran run = runWith(QStringLiteral("setpriv"), asNobody(false, runArgs(project, fastImage())));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err.trimmed(),
              QStringLiteral("Permission denied on the Docker socket (%1/docker.sock); add your user to the group "
                             "that owns it (sudo usermod -aG docker $USER), then log out and in again.")
                  .arg(engineState()));
}

TEST_F(DockerEngine, MissingImageNamesTheBuildCommand)
{
    const QString project = makeProject(m_dir.filePath(QStringLiteral("missing")));
    const Ran run = runWith(convertBinary(), runArgs(project, QStringLiteral("mcw-test/not-built:1")));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err.trimmed(),
              QStringLiteral("The Docker image 'mcw-test/not-built:1' is not available on this engine; build it with "
                             "'docker build -t mcw-test/not-built:1 packaging/docker' (see README.md) or Tools > Set "
                             "up toolchain, or pull it."));
}

TEST_F(DockerEngine, EngineNotRunningNamesTheAddress)
{
    const QString project = makeProject(m_dir.filePath(QStringLiteral("no engine")));
    const QString nowhere = QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("no-engine.sock"));
    const Ran run = runWith(convertBinary(), runArgs(project, fastImage()), nowhere);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err.trimmed(),
              QStringLiteral("The Docker daemon at %1 is not running; start it, or point DOCKER_HOST (or the docker "
                             "context) at an engine that runs, and try again.")
                  .arg(nowhere));
}

TEST_F(DockerEngine, ContainerKilledFromOutsideIsOneSentence)
{
    const QString project = makeProject(m_dir.filePath(QStringLiteral("killed")));
    const QString image = hangingCalibrationImage();
    QProcess cli;
    startWith(cli, convertBinary(), runArgs(project, image), dockerHost());
    const QString name = waitForContainer(QStringLiteral("calibration"));
    ASSERT_FALSE(name.isEmpty()) << cli.readAllStandardError().toStdString();
    QTest::qWait(1500); // the tool is inside its hang
    EXPECT_EQ(docker({QStringLiteral("kill"), name}).exitCode, 0);
    ASSERT_TRUE(cli.waitForFinished(60000));
    EXPECT_EQ(cli.exitCode(), 1);
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    EXPECT_TRUE(err.contains(QStringLiteral(
        "The run_calibration container was killed (exit code 137): stopped from outside (docker kill, docker stop, "
        "a restart of Docker) or out of memory; run the step again, and give Docker more memory if it happens again.")))
        << err.toStdString();
}

// MaixCAM2 on a real engine: Pulsar2 arrives as Axera ships it (an image archive, entrypoint a
// shell), the doctor says how to load it and finds it under another tag, the product's own load
// job loads it, then a MaixCAM2 project converts with `docker run --entrypoint pulsar2` per build
// and exports a bundle the device-faithful reader accepts.
TEST_F(DockerEngine, MaixCam2LoadsThePulsar2ArchiveConvertsAndExports)
{
    const QString archive = engineState() + QStringLiteral("/ax_pulsar2_6.0.tar.gz");
    ASSERT_TRUE(QFileInfo::exists(archive)) << "the fixture writes it";
    docker({QStringLiteral("rmi"), QStringLiteral("pulsar2:6.0"), QStringLiteral("axera/pulsar2:6.0")});

    const QString project = makeMaixCam2Project(m_dir.filePath(QStringLiteral("maixcam2 project")));

    // Not loaded yet: the doctor checks Pulsar2's image (not tpu-mlir's) and says how to get it.
    Ran doctor = runWith(convertBinary(), {QStringLiteral("doctor"), project});
    EXPECT_NE(doctor.exitCode, 0);
    EXPECT_TRUE(doctor.out.contains(QStringLiteral("The Pulsar2 image 'pulsar2:6.0' is not loaded on this engine; download "
                                                   "ax_pulsar2_6.0.tar.gz")))
        << doctor.out.toStdString() << doctor.err.toStdString();

    // The setup dialog's load job, through the docker CLI as the tool.
    qputenv("DOCKER_HOST", dockerHost().toUtf8());
    Core::ToolchainSettings native;
    native.backend = Core::ToolchainSettings::Backend::Native;
    const auto steps = Core::Pulsar2ImageLoad{dockerCli(), archive}.steps();
    ASSERT_TRUE(steps.has_value());
    const auto loadJob = Core::ConversionPipeline::createJob(QStringLiteral("Pulsar2 image"), m_dir.filePath(QStringLiteral("load")), *steps);
    ASSERT_TRUE(loadJob.has_value());
    Core::JobPool pool;
    pool.setBackend(Core::ToolchainBackend::create(native));
    QString loaded;
    QEventLoop loop;
    QObject::connect(&pool, &Core::JobPool::idle, &loop, &QEventLoop::quit);
    Core::ConversionJob *job = pool.submit(*loadJob);
    QObject::connect(job, &Core::ConversionJob::outputLine, &loop, [&](const QString &, Core::OutputStream, const QString &line, bool) {
        if (const QString image = Core::Pulsar2ImageLoad::loadedImage(line); !image.isEmpty())
            loaded = image;
    });
    loop.exec();
    qunsetenv("DOCKER_HOST");
    EXPECT_EQ(job->state(), Core::JobState::Succeeded);
    EXPECT_EQ(loaded, QStringLiteral("pulsar2:6.0"));

    // Its entrypoint is a shell, as with Axera's image.
    const Ran shell = docker({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("none"),
                              QStringLiteral("pulsar2:6.0"), QStringLiteral("-c"), QStringLiteral("pulsar2 version")});
    EXPECT_EQ(shell.out, QStringLiteral("version: 6.0\ncommit: 48520c11\n")) << shell.err.toStdString();

    // Under another tag than the one asked for: the doctor names the one the engine has.
    ASSERT_EQ(docker({QStringLiteral("tag"), QStringLiteral("pulsar2:6.0"), QStringLiteral("axera/pulsar2:6.0")}).exitCode, 0);
    doctor = runWith(convertBinary(), {QStringLiteral("doctor"), project, QStringLiteral("--pulsar2-image"), QStringLiteral("pulsar2:6.1")});
    EXPECT_NE(doctor.exitCode, 0);
    EXPECT_TRUE(doctor.out.contains(QStringLiteral("The Pulsar2 image 'pulsar2:6.1' is not on engine 'local', but ")))
        << doctor.out.toStdString();
    EXPECT_TRUE(doctor.out.contains(QStringLiteral("axera/pulsar2:6.0"))) << doctor.out.toStdString();
    doctor = runWith(convertBinary(), {QStringLiteral("doctor"), project});
    EXPECT_EQ(doctor.exitCode, 0) << doctor.out.toStdString();
    EXPECT_TRUE(doctor.out.contains(QStringLiteral("holds Pulsar2 6.0."))) << doctor.out.toStdString();
    EXPECT_TRUE(doctor.out.contains(QStringLiteral("has Pulsar2 6.0, a release the workbench's commands are written for.")))
        << doctor.out.toStdString();

    // The conversion, each build in its own container from the Pulsar2 image (no pauses).
    const QString fast = QStringLiteral("mcw-test/pulsar2-fast:6.0");
    const Ran built = docker({QStringLiteral("build"), QStringLiteral("--network"), QStringLiteral("none"), QStringLiteral("-t"),
                              fast, QStringLiteral("-")},
                             "FROM pulsar2:6.0\nENV FAKE_PULSAR2_SPEED=0\n");
    ASSERT_EQ(built.exitCode, 0) << built.err.toStdString();
    const Ran run = runWith(convertBinary(), {QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("docker"),
                                              QStringLiteral("--pulsar2-image"), fast});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const Core::JobRecord converted = newestJob(project);
    EXPECT_EQ(converted.state, Core::JobState::Succeeded);
    EXPECT_EQ(converted.toolVersion, QStringLiteral("6.0"));
    ASSERT_EQ(converted.steps.size(), 2);
    for (const Core::StepRecord &step : converted.steps) {
        const QStringList &argv = step.executedCommand;
        const qsizetype entrypoint = argv.indexOf(QStringLiteral("--entrypoint"));
        ASSERT_GE(entrypoint, 0) << argv.join(QLatin1Char(' ')).toStdString();
        EXPECT_EQ(argv.mid(entrypoint + 1, 3), (QStringList{QStringLiteral("pulsar2"), fast, QStringLiteral("build")}));
        EXPECT_TRUE(QFileInfo::exists(QDir(converted.directory).filePath(step.id.mid(6).prepend(QStringLiteral("yolov8n_"))
                                                                          + QStringLiteral("/compiled.axmodel"))))
            << step.id.toStdString();
    }

    const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
    const Ran exported = runWith(convertBinary(), {QStringLiteral("export"), project, QStringLiteral("-o"), bundle});
    ASSERT_EQ(exported.exitCode, 0) << exported.out.toStdString() << exported.err.toStdString();
    const auto mud = Core::MudReader::readFile(bundle + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud.has_value());
    EXPECT_TRUE(mud->deviceParses);
    EXPECT_EQ(mud->modelFormat, QStringLiteral("axmodel"));
    EXPECT_EQ(*Core::sha256OfFile(bundle + QStringLiteral("/yolov8n_npu.axmodel")),
              *Core::sha256OfFile(QDir(converted.directory).filePath(QStringLiteral("yolov8n_npu/compiled.axmodel"))));
    QFile prov(bundle + QStringLiteral("/yolov8n.provenance.yaml"));
    ASSERT_TRUE(prov.open(QIODevice::ReadOnly));
    const auto provenance = Core::Provenance::fromYaml(prov.readAll(), prov.fileName());
    ASSERT_TRUE(provenance.has_value());
    EXPECT_EQ(provenance->toolVersion, QStringLiteral("6.0"));
    const Ran inspected = docker({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                                  QStringLiteral("{{.Id}}"), fast});
    EXPECT_EQ(provenance->imageId, inspected.out.trimmed());
    EXPECT_TRUE(provenance->backend.contains(fast)) << provenance->backend.toStdString();
}

// MaixCAM2 with docker exec: only a Pulsar2 container is set (a MaixCAM2-only user has no
// tpu-mlir container), the builds run inside it and only its own process remains.
TEST_F(DockerEngine, MaixCam2ExecBackendBuildsInARunningPulsar2Container)
{
    ASSERT_EQ(docker({QStringLiteral("load"), QStringLiteral("-i"), engineState() + QStringLiteral("/ax_pulsar2_6.0.tar.gz")}).exitCode, 0);
    const QString folder = m_dir.filePath(QStringLiteral("exec maixcam2"));
    const QString project = makeMaixCam2Project(folder);
    const QString name = QStringLiteral("mcw-test-pulsar2-%1").arg(QCoreApplication::applicationPid());
    // As the settings' hint says: Axera's entrypoint is a shell, so the container sleeps through --entrypoint.
    const Ran started = docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
                                QStringLiteral("--name"), name, QStringLiteral("-e"), QStringLiteral("FAKE_PULSAR2_SPEED=0"),
                                QStringLiteral("-v"), folder + QLatin1Char(':') + folder, QStringLiteral("--entrypoint"),
                                QStringLiteral("sleep"), QStringLiteral("pulsar2:6.0"), QStringLiteral("infinity")});
    ASSERT_EQ(started.exitCode, 0) << started.err.toStdString();
    const Ran run = runWith(convertBinary(), {QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("docker"),
                                              QStringLiteral("--pulsar2-container"), name});
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QStringLiteral("docker exec %1 (Pulsar2 6.0)").arg(name))) << run.out.toStdString();
    const Core::JobRecord job = newestJob(project);
    EXPECT_EQ(job.state, Core::JobState::Succeeded);
    EXPECT_TRUE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral("yolov8n_vnpu/compiled.axmodel"))));
    const QStringList inside = processesInContainer(name);
    EXPECT_EQ(inside.size(), 1) << inside.join(QLatin1Char('\n')).toStdString();
    docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
}

// ---------------------------------------------------------------------------------------------
// Several engines: the fixture's second engine runs in its own mount namespace with an empty
// /tmp, so none of our files (all under /tmp here) exist for it — an engine on another machine.

namespace {

QString engineState2()
{
    return qEnvironmentVariable("MCW_TEST_DOCKER_STATE2", QStringLiteral(MCW_TEST_DOCKER_STATE2));
}

QString dockerHost2()
{
    return QStringLiteral("unix://") + engineState2() + QStringLiteral("/docker.sock");
}

Ran docker2(const QStringList &args)
{
    return runWith(dockerCli(), args, dockerHost2());
}

QStringList containers2()
{
    const Ran r = docker2({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")});
    return r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

/** Daemon and container processes of the engine in \a state (their command lines name it). */
QStringList enginePids(const QString &state)
{
    QStringList found;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric || pid.toLongLong() == QCoreApplication::applicationPid())
            continue;
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmd.open(QIODevice::ReadOnly))
            continue;
        const QString line = QString::fromUtf8(cmd.readAll().replace('\0', ' '));
        if (line.contains(state + QLatin1Char('/')) && !line.contains(QLatin1String("docker_test")))
            found.append(pid + QLatin1Char(' ') + line);
    }
    return found;
}

/** \a tag (built on the first engine) loaded into the second one too. */
QString onBothEngines(const QString &tag)
{
    if (docker2({QStringLiteral("image"), QStringLiteral("inspect"), tag}).exitCode == 0)
        return tag;
    QTemporaryDir dir;
    const QString archive = dir.filePath(QStringLiteral("image.tar"));
    EXPECT_EQ(docker({QStringLiteral("save"), QStringLiteral("-o"), archive, tag}).exitCode, 0);
    const Ran loaded = docker2({QStringLiteral("load"), QStringLiteral("-i"), archive});
    EXPECT_EQ(loaded.exitCode, 0) << loaded.err.toStdString();
    return tag;
}

Core::EngineCheck::Result checkEngine(const QString &host, const QString &image, const QString &runs)
{
    Core::ToolchainSettings settings;
    settings.dockerProgram = dockerCli();
    settings.image = image;
    Core::EngineCheck check(settings, *Core::DockerEngine::fromSpec(host));
    check.setRunsDirectory(runs);
    bool done = false;
    QObject::connect(&check, &Core::EngineCheck::finished, [&] { done = true; });
    check.start();
    EXPECT_TRUE(QTest::qWaitFor([&] { return done; }, 120000));
    return check.result();
}

class TwoDockerEngines : public DockerEngine
{
protected:
    void SetUp() override
    {
        DockerEngine::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        QFile skip(engineState2() + QStringLiteral("/skip"));
        if (skip.open(QIODevice::ReadOnly))
            GTEST_SKIP() << skip.readAll().trimmed().toStdString();
        if (docker2({QStringLiteral("version")}).exitCode != 0)
            restartSecondEngine(); // a test before this one took it away
        ASSERT_EQ(docker2({QStringLiteral("version")}).exitCode, 0) << "the second engine does not answer";
        ASSERT_TRUE(containers2().isEmpty()) << containers2().join(QLatin1Char(' ')).toStdString();
    }

    void TearDown() override
    {
        if (!IsSkipped() && !HasFatalFailure() && docker2({QStringLiteral("version")}).exitCode == 0) {
            EXPECT_TRUE(containers2().isEmpty()) << "left behind: " << containers2().join(QLatin1Char(' ')).toStdString();
        }
        for (const QString &c : containers2())
            docker2({QStringLiteral("rm"), QStringLiteral("-f"), c});
        DockerEngine::TearDown();
    }

    static void restartSecondEngine()
    {
        const QString engine = Tests::sourceDir() + QStringLiteral("/docker/engine");
        runWith(engine, {QStringLiteral("stop"), engineState2()});
        QProcess start;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MCW_ENGINE_PRIVATE_TMP"), QStringLiteral("1"));
        start.setProcessEnvironment(env);
        start.start(engine, {QStringLiteral("start"), engineState2()});
        ASSERT_TRUE(start.waitForFinished(120000));
        ASSERT_EQ(start.exitCode(), 0) << start.readAllStandardError().toStdString();
        onBothEngines(doubleImage());
    }
};

} // namespace

// Which way files travel is found out, not assumed: both engines listen on a unix socket here,
// but only the first one can read a file we put in the runs folder.
TEST_F(TwoDockerEngines, EngineCheckFindsWhichEngineSeesOurFiles)
{
    const QString image = onBothEngines(fastImage());
    const Core::EngineCheck::Result first = checkEngine(dockerHost(), image, m_dir.path());
    EXPECT_TRUE(first.usable()) << first.problem().toStdString();
    EXPECT_EQ(first.transfer, Core::DockerEngine::Transfer::Mount);
    EXPECT_EQ(first.tpuMlirVersion, QStringLiteral("1.28.1")) << "the release of the doubles' wheel in the image";
    EXPECT_EQ(first.architecture, QStringLiteral("amd64"));

    const Core::EngineCheck::Result second = checkEngine(dockerHost2(), image, m_dir.path());
    EXPECT_TRUE(second.usable()) << second.problem().toStdString();
    EXPECT_EQ(second.transfer, Core::DockerEngine::Transfer::Copy);
    const auto files = std::find_if(second.findings.cbegin(), second.findings.cend(),
                                    [](const Core::EngineCheck::Finding &f) { return f.title == QLatin1String("Files"); });
    ASSERT_NE(files, second.findings.cend());
    EXPECT_EQ(files->message, QStringLiteral("The engine does not see this machine's files (a mounted folder came up "
                                             "empty): steps copy their files in and out."));
    EXPECT_TRUE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty()) << "no marker file is left";
}

// Copy mode: every input goes in through `docker cp`, the outputs come back, the run folder,
// job.json, logs and provenance look as on a local engine and name the engine.
TEST_F(TwoDockerEngines, CopyModeConvertsOnAnEngineThatCannotSeeOurFiles)
{
    const QString image = onBothEngines(fastImage());
    const QString project = makeProject(m_dir.filePath(QStringLiteral("copied 'q' $x")));
    // With an INT8 folder run: its inputs live in a subfolder of the run folder, which must
    // travel to the engine and its outputs back.
    const QString tests = m_dir.filePath(QStringLiteral("copied 'q' $x/test pictures"));
    ASSERT_TRUE(QDir().mkpath(tests));
    for (const QString &name : {QStringLiteral("astronaut.png"), QStringLiteral("coffee.png")})
        ASSERT_TRUE(QFile::copy(Tests::photoDir() + QLatin1Char('/') + name, tests + QLatin1Char('/') + name));
    {
        auto loaded = Core::ProjectFile::load(project);
        ASSERT_TRUE(loaded);
        loaded->project.preview.imagesDir = tests;
        ASSERT_TRUE(Core::ProjectFile::save(loaded->project, project));
    }
    const Ran run = runWith(convertBinary(), runArgs(project, image) << QStringLiteral("--engine") << dockerHost2());
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.err.contains(QStringLiteral("Copying")) || run.out.contains(QStringLiteral("Copying the inputs to engine")))
        << "the transfer is part of the step's progress: " << run.out.toStdString();
    const Core::JobRecord job = newestJob(project);
    ASSERT_EQ(job.state, Core::JobState::Succeeded);
    for (const Core::StepRecord &s : job.steps) {
        EXPECT_EQ(s.engine, dockerHost2()) << s.id.toStdString();
        EXPECT_EQ(s.transfer, QStringLiteral("copy")) << s.id.toStdString();
        EXPECT_TRUE(s.executedCommand.contains(QStringLiteral("start"))) << s.executedCommand.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(QFileInfo::exists(QDir(job.directory).filePath(s.logFile)));
    }
    // The last step's files came back whole (earlier steps' build_flag.json is rewritten later).
    const Core::StepRecord &deploy = job.steps.at(job.stepIndex(QStringLiteral("deploy_int8")));
    for (const Core::OutputFile &f : deploy.outputs)
        EXPECT_EQ(Core::sha256OfFile(QDir(job.directory).filePath(f.path)).value_or(QString()), f.sha256) << f.path.toStdString();
    EXPECT_TRUE(std::any_of(deploy.outputs.cbegin(), deploy.outputs.cend(),
                            [](const Core::OutputFile &f) { return f.path.endsWith(QLatin1String(".cvimodel")); }));
    EXPECT_FALSE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral(".mcw-transfer"))));
    for (const QString &stem : {QStringLiteral("astronaut"), QStringLiteral("coffee")}) {
        EXPECT_GE(job.stepIndex(QStringLiteral("int8_image_%1").arg(stem == QLatin1String("coffee") ? 2 : 1)), 0);
        EXPECT_TRUE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral("preview/%1_int8_outputs.npz").arg(stem))))
            << stem.toStdString();
    }

    const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
    const Ran exported = runWith(convertBinary(), {QStringLiteral("export"), project, QStringLiteral("-o"), bundle});
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    QFile provenance(bundle + QStringLiteral("/yolov8n.provenance.yaml"));
    ASSERT_TRUE(provenance.open(QIODevice::ReadOnly));
    const auto parsed = Core::Provenance::fromYaml(provenance.readAll(), provenance.fileName());
    ASSERT_TRUE(parsed.has_value());
    for (const Core::Provenance::Step &s : parsed->steps)
        EXPECT_EQ(s.engine, dockerHost2()) << s.id.toStdString();
}

// MaixCAM2 in copy mode: the engine that cannot see our files gets Axera's archive loaded, and
// each pulsar2 build's inputs (cut model, calibration tar, config) travel there and its outputs back.
TEST_F(TwoDockerEngines, MaixCam2BuildsInCopyModeOnAnEngineThatCannotSeeOurFiles)
{
    const Ran loaded = docker2({QStringLiteral("load"), QStringLiteral("-i"), engineState() + QStringLiteral("/ax_pulsar2_6.0.tar.gz")});
    ASSERT_EQ(loaded.exitCode, 0) << loaded.err.toStdString();
    EXPECT_TRUE(loaded.out.contains(QStringLiteral("Loaded image: pulsar2:6.0"))) << loaded.out.toStdString();
    const QString fast = QStringLiteral("mcw-test/pulsar2-fast:6.0");
    QProcess build;
    startWith(build, dockerCli(), {QStringLiteral("build"), QStringLiteral("--network"), QStringLiteral("none"),
                                   QStringLiteral("-t"), fast, QStringLiteral("-")}, dockerHost2());
    build.write("FROM pulsar2:6.0\nENV FAKE_PULSAR2_SPEED=0\n");
    build.closeWriteChannel();
    ASSERT_TRUE(build.waitForFinished(120000));
    ASSERT_EQ(build.exitCode(), 0) << build.readAllStandardError().toStdString();

    const QString project = makeMaixCam2Project(m_dir.filePath(QStringLiteral("copied maixcam2")));
    const Ran run = runWith(convertBinary(), {QStringLiteral("run"), project, QStringLiteral("--backend"), QStringLiteral("docker"),
                                              QStringLiteral("--pulsar2-image"), fast, QStringLiteral("--engine"), dockerHost2()});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const Core::JobRecord job = newestJob(project);
    ASSERT_EQ(job.state, Core::JobState::Succeeded);
    ASSERT_EQ(job.steps.size(), 2);
    for (const Core::StepRecord &s : job.steps) {
        EXPECT_EQ(s.engine, dockerHost2()) << s.id.toStdString();
        EXPECT_EQ(s.transfer, QStringLiteral("copy")) << s.id.toStdString();
        const auto axmodel = std::find_if(s.outputs.cbegin(), s.outputs.cend(), [](const Core::OutputFile &f) {
            return f.path.endsWith(QLatin1String("/compiled.axmodel"));
        });
        ASSERT_NE(axmodel, s.outputs.cend()) << s.id.toStdString();
        EXPECT_EQ(Core::sha256OfFile(QDir(job.directory).filePath(axmodel->path)).value_or(QString()), axmodel->sha256);
        EXPECT_TRUE(QFileInfo::exists(QDir(job.directory).filePath(
            QFileInfo(axmodel->path).path() + QStringLiteral("/quant/debug/precision_analysis_table.txt"))));
    }
    EXPECT_FALSE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral(".mcw-transfer"))));
}

// Six projects over two engines with one slot each: both engines work, every project converts.
TEST_F(TwoDockerEngines, BatchOfSixSpreadsOverBothEngines)
{
    const QString image = onBothEngines(imageWith({QStringLiteral("FAKE_TPU_SPEED=0.3")}));
    QStringList args{QStringLiteral("batch")};
    for (int i = 0; i < 6; ++i)
        args << makeProject(m_dir.filePath(QStringLiteral("p%1").arg(i)));
    args << QStringLiteral("--engine") << dockerHost() << QStringLiteral("--engine") << dockerHost2()
         << QStringLiteral("--image") << image << QStringLiteral("--json");
    const Ran run = runWith(convertBinary(), args, dockerHost(), 900000);
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
    EXPECT_EQ(summary.value(QStringLiteral("succeeded")).toInt(), 6);
    EXPECT_EQ(summary.value(QStringLiteral("failed")).toInt(), 0);
    QSet<QString> engines;
    for (const QJsonValue &p : summary.value(QStringLiteral("projects")).toArray()) {
        const QJsonObject o = p.toObject();
        EXPECT_EQ(o.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        EXPECT_GT(o.value(QStringLiteral("cvimodel_bytes")).toInteger(), 0);
        const Core::JobRecord job = newestJob(o.value(QStringLiteral("path")).toString());
        EXPECT_EQ(job.directory, o.value(QStringLiteral("run")).toString());
        for (const QJsonValue &e : o.value(QStringLiteral("engines")).toArray())
            engines.insert(e.toString());
    }
    EXPECT_EQ(engines, (QSet<QString>{dockerHost(), dockerHost2()}));
}

// The second engine is lost in the middle of a batch: its steps fail naming it, run again on the
// first engine, and the batch still converts everything; nothing of either engine is left.
TEST_F(TwoDockerEngines, LosingAnEngineMidBatchRetriesItsStepsOnTheOther)
{
    const QString image = onBothEngines(imageWith({QStringLiteral("FAKE_TPU_SPEED=2")}));
    QStringList args{QStringLiteral("batch")};
    for (int i = 0; i < 4; ++i)
        args << makeProject(m_dir.filePath(QStringLiteral("lost%1").arg(i)));
    args << QStringLiteral("--engine") << dockerHost() << QStringLiteral("--engine") << dockerHost2()
         << QStringLiteral("--image") << image;
    QProcess cli;
    startWith(cli, convertBinary(), args, dockerHost());
    ASSERT_TRUE(cli.waitForStarted());
    const bool busy = QTest::qWaitFor(
        [] {
            const Ran r = docker2({QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")});
            return r.out.contains(QLatin1String("mcw-"));
        },
        180000);
    ASSERT_TRUE(busy) << "no step ever ran on the second engine";
    QTest::qWait(1000); // inside the step, not at its start
    const Ran killed = runWith(Tests::sourceDir() + QStringLiteral("/docker/engine"),
                               {QStringLiteral("kill"), engineState2()});
    ASSERT_EQ(killed.exitCode, 0) << killed.err.toStdString();
    ASSERT_TRUE(cli.waitForFinished(600000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    EXPECT_EQ(cli.exitCode(), 0) << out.toStdString() << err.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("runs again on another engine (engine %1 stopped answering)").arg(dockerHost2())))
        << out.toStdString();
    int retried = 0;
    for (int i = 0; i < 4; ++i) {
        const Core::JobRecord job = newestJob(m_dir.filePath(QStringLiteral("lost%1/yolov8n.yaml").arg(i)));
        EXPECT_EQ(job.state, Core::JobState::Succeeded) << job.directory.toStdString();
        for (const Core::StepRecord &s : job.steps) {
            if (s.attempts > 1) {
                ++retried;
                EXPECT_EQ(s.engine, dockerHost()) << "the retry ran on the engine that still answers";
                // The lost attempt's log is kept beside the successful one.
                EXPECT_TRUE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral("logs/%1-1.log").arg(s.id))));
            }
        }
    }
    EXPECT_GE(retried, 1);
    EXPECT_TRUE(enginePids(engineState2()).isEmpty()) << enginePids(engineState2()).join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(QTest::qWaitFor([] { return containers().isEmpty(); }, 20000)) << containers().join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(QTest::qWaitFor([&] { return processesUnder(m_dir.path()).isEmpty(); }, 20000))
        << processesUnder(m_dir.path()).join(QLatin1Char('\n')).toStdString();
    restartSecondEngine(); // for the tests after this one
}

// Cancel in copy mode stops and removes the container on the engine that runs it.
TEST_F(TwoDockerEngines, CancelInCopyModeRemovesTheRemoteContainer)
{
    const QString image = onBothEngines(hangingCalibrationImage());
    const QString project = makeProject(m_dir.filePath(QStringLiteral("cancel")));
    QProcess cli;
    startWith(cli, convertBinary(), runArgs(project, image) << QStringLiteral("--engine") << dockerHost2(), dockerHost());
    const bool calibrating = QTest::qWaitFor(
        [] {
            const Ran r = docker2({QStringLiteral("ps"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")});
            return r.out.contains(QLatin1String("calibration"));
        },
        120000);
    ASSERT_TRUE(calibrating) << cli.readAllStandardError().toStdString();
    QTest::qWait(1500); // inside the hang, after the copy-in
    ::kill(pid_t(cli.processId()), SIGTERM);
    ASSERT_TRUE(cli.waitForFinished(60000));
    EXPECT_EQ(cli.exitCode(), 1);
    const Core::JobRecord job = newestJob(project);
    EXPECT_EQ(job.steps.at(job.stepIndex(QStringLiteral("calibration"))).state, Core::StepState::Cancelled);
    EXPECT_TRUE(QTest::qWaitFor([] { return containers2().isEmpty(); }, 20000)) << containers2().join(QLatin1Char(' ')).toStdString();
    EXPECT_FALSE(QFileInfo::exists(QDir(job.directory).filePath(QStringLiteral(".mcw-transfer"))));
}
