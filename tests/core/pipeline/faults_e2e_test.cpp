// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Faults that must lose nothing (issue 20): the session killed mid-run, the workspace turning
// read-only mid-run, project.yaml and job.json damaged on disk. Runs use `maixcam-convert` on the
// tpu-mlir doubles (tests/fakes), as a user would.
#include <core/project/projectfile.h>
#include <core/run/jobhistory.h>
#include <core/sha256.h>

#include <tests/support/clirunner.h>
#include <tests/support/processscan.h>
#include <tests/support/testpaths.h>
#include <tests/support/tmpfsmount.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QCoreApplication>

#include <gtest/gtest.h>

#include <csignal>
#include <functional>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

namespace {

const QStringList s_native{QStringLiteral("--backend"), QStringLiteral("native"), QStringLiteral("--tools"),
                           QStringLiteral(MCW_FAKES_DIR)};

/** `maixcam-convert init` of the generated YOLOv8n with five real photos. */
void initProject(const QString &project)
{
    const Tests::CliRun run = Tests::runConvert(
        {QStringLiteral("init"), Tests::generatedModel(QStringLiteral("yolov8n")), QStringLiteral("-o"), project,
         QStringLiteral("--dataset"), Tests::photoDir(), QStringLiteral("--input-num"), QStringLiteral("5"),
         QStringLiteral("--test-input"), Tests::photoDir() + QStringLiteral("/astronaut.png")});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
}

/** Polls \a condition every 100 ms for up to \a seconds (a bound on waiting, not an assertion). */
bool waitFor(const std::function<bool()> &condition, int seconds)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > seconds * 1000)
            return false;
        QThread::msleep(100);
    }
    return true;
}

/** The one run under \a runsRoot whose step \a step is running, else an empty record. */
JobRecord runWithStepRunning(const QString &runsRoot, const QString &step)
{
    for (const QString &entry : QDir(runsRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto record = JobRecord::load(QDir(runsRoot).filePath(entry));
        if (record && record->stepIndex(step) >= 0
            && record->steps.at(record->stepIndex(step)).state == StepState::Running)
            return *record;
    }
    return {};
}

/** Runs \a project to the end on the doubles and returns that run, the \a nth in its workspace. */
JobRecord runToTheEnd(const QString &project, int nth = 1)
{
    qputenv("FAKE_TPU_SPEED", "0");
    const Tests::CliRun run = Tests::runConvert(QStringList{QStringLiteral("run"), project} + s_native);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QList<JobRecord> runs = JobHistory::load(ProjectFile::load(project)->project.workspaceDir).jobs;
    EXPECT_EQ(runs.size(), nth);
    const JobRecord record = runs.value(nth - 1);
    EXPECT_EQ(record.state, JobState::Succeeded);
    return record;
}

/** Every job.json under \a runsRoot parses as a job (none truncated or half written). */
void expectEveryJobFileWhole(const QString &runsRoot)
{
    QDirIterator it(runsRoot, {QStringLiteral("job.json")}, QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const auto record = JobRecord::load(QFileInfo(path).absolutePath());
        EXPECT_TRUE(record) << (record ? "" : record.error().message.toStdString());
        ++count;
    }
    EXPECT_GT(count, 0);
}

QString sha(const QString &path)
{
    const auto hash = sha256OfFile(path);
    return hash ? *hash : QString();
}

/** Every file below \a folder with its SHA-256. */
QMap<QString, QString> snapshot(const QString &folder)
{
    QMap<QString, QString> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(folder).relativeFilePath(path), sha(path));
    }
    return files;
}

/** The pid the double printed as `child-pid N` into \a stderrLog, else 0. */
qint64 childPidIn(const QString &stderrLog)
{
    QFile log(stderrLog);
    if (!log.open(QIODevice::ReadOnly))
        return 0;
    // It follows a progress bar's `\r` redraw on the same line.
    const QByteArray text = log.readAll();
    const qsizetype at = text.indexOf("child-pid ");
    const qsizetype end = text.indexOf('\n', at);
    return at < 0 || end < 0 ? 0 : text.mid(at + 10, end - at - 10).trimmed().toLongLong();
}

/** The guard's watchers among the processes of \a group (the kernel keeps 15 characters of a name). */
QList<qint64> watchersIn(qint64 group)
{
    QList<qint64> watchers;
    for (const qint64 pid : Tests::processesInGroup(group)) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        const QString name = comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll().trimmed()) : QString();
        if (!name.isEmpty() && QStringLiteral("maixcam-process-guard").startsWith(name))
            watchers.append(pid);
    }
    return watchers;
}

/** What dies with SIGKILL during the run. */
enum class Killed {
    Session,
    /** The guard's watcher first, then the session: the tool lives on until the run is reopened. */
    WatcherAndSession,
};

/** How many runs under \a runsRoot succeeded, read job by job (not through JobHistory). */
int succeededRuns(const QString &runsRoot)
{
    int count = 0;
    for (const QString &entry : QDir(runsRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto record = JobRecord::load(QDir(runsRoot).filePath(entry));
        count += record && record->state == JobState::Succeeded ? 1 : 0;
    }
    return count;
}

/**
 * Converts \a project once to the end, then starts the session \a program with \a arguments
 * (it converts \a project again) with the calibration double hanging after it started a child
 * in its process group, and kills what \a killed says with SIGKILL there. Then: no process of
 * the tool's group is left, reopening lists the run as interrupted, every job.json is whole and
 * the earlier run is untouched.
 */
void killSessionDuringCalibration(const QString &project, const QString &program, const QStringList &arguments,
                                  QProcessEnvironment env, Killed killed = Killed::Session,
                                  const std::function<void()> &reopen = {})
{
    const QString runsRoot = ProjectFile::load(project)->project.workspaceDir;
    const JobRecord earlier = runToTheEnd(project);
    ASSERT_EQ(earlier.state, JobState::Succeeded);
    const QString earlierJson = sha(earlier.jsonPath());

    QProcess session;
    env.insert(QStringLiteral("FAKE_TPU_SCENARIO"), QStringLiteral("hang_child"));
    env.insert(QStringLiteral("FAKE_TPU_SCENARIO_TOOL"), QStringLiteral("run_calibration"));
    session.setProcessEnvironment(env);
    session.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    session.start(program, arguments);
    ASSERT_TRUE(session.waitForStarted());
    JobRecord hanging;
    ASSERT_TRUE(waitFor([&] { return !(hanging = runWithStepRunning(runsRoot, QStringLiteral("calibration"))).directory.isEmpty(); }, 120))
        << "the calibration step never started";
    ASSERT_TRUE(waitFor([&] { return !Tests::processesWorkingIn(hanging.directory).isEmpty(); }, 30)) << "no tool runs in the job folder";
    // Kill only once the double has printed its last bar and sleeps, so no write to the dead
    // session's pipe can end it by SIGPIPE: the tool must be stopped, not stumble.
    const QString stderrLog = QDir(hanging.directory).filePath(QStringLiteral("logs/calibration-1.stderr.log"));
    ASSERT_TRUE(waitFor([&] {
        QFile log(stderrLog);
        return log.open(QIODevice::ReadOnly) && log.readAll().contains("2/5");
    }, 60)) << "the calibration double never reached its hang";
    qint64 child = 0;
    ASSERT_TRUE(waitFor([&] { return (child = childPidIn(stderrLog)) > 0; }, 30)) << "the double started no child";
    const qint64 group = Tests::processGroupOf(child);
    ASSERT_GT(group, 0);
    ASSERT_NE(group, Tests::processGroupOf(session.processId())) << "the tool runs in a group of its own";
    if (killed == Killed::WatcherAndSession) {
        const QList<qint64> watchers = watchersIn(group);
        ASSERT_EQ(watchers.size(), 1) << "the guard's watcher in the tool's group";
        ::kill(pid_t(watchers.first()), SIGKILL);
        ASSERT_TRUE(waitFor([&] { return watchersIn(group).isEmpty(); }, 10));
    }
    ::kill(pid_t(session.processId()), SIGKILL);
    ASSERT_TRUE(session.waitForFinished(10000));
    int runs = 2;
    if (killed == Killed::WatcherAndSession) {
        // Nothing ends the tool now: it is still there a second later...
        QThread::sleep(1);
        ASSERT_TRUE(Tests::processesInGroup(group).contains(child)) << "the tool's child ended on its own";
        // ... until the user converts the project again, which reopens its runs.
        reopen();
        runs = 3;
        EXPECT_EQ(succeededRuns(runsRoot), 2) << "the earlier run and the new one";
    }

    // The tool and its child die with the session that started them (or the one that reopened
    // its runs): no process of the tool's group is left, none works in the run folder. (Read
    // from /proc, not by loading the runs here, which would end them.)
    EXPECT_TRUE(waitFor([&] { return Tests::processesInGroup(group).isEmpty(); }, 20))
        << "processes of the tool's group left running: " << Tests::processesInGroup(group).size();
    EXPECT_TRUE(waitFor([&] { return Tests::processesWorkingIn(hanging.directory).isEmpty(); }, 20))
        << "tool processes left running: " << Tests::processesWorkingIn(hanging.directory).size();
    for (const qint64 pid : Tests::processesInGroup(group) + Tests::processesWorkingIn(hanging.directory))
        ::kill(pid_t(pid), SIGKILL); // a failed test leaks nothing
    const JobHistory::Result reopened = JobHistory::load(runsRoot);
    EXPECT_TRUE(reopened.errors.isEmpty()) << reopened.errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(reopened.jobs.size(), runs);
    const JobRecord &interrupted = reopened.jobs.at(1);
    EXPECT_EQ(interrupted.directory, hanging.directory);
    EXPECT_EQ(interrupted.state, JobState::Failed);
    const StepRecord &step = interrupted.steps.at(interrupted.stepIndex(QStringLiteral("calibration")));
    EXPECT_TRUE(step.errorMessage.contains(QStringLiteral("interrupted"))) << step.errorMessage.toStdString();
    EXPECT_EQ(reopened.jobs.first().state, JobState::Succeeded);
    EXPECT_EQ(sha(earlier.jsonPath()), earlierJson);
    expectEveryJobFileWhole(runsRoot);
}

QProcessEnvironment guiWithTheDoubles(const QString &config)
{
    QSettings settings(config + QStringLiteral("/maixcam-workbench/maixcam-workbench.conf"), QSettings::IniFormat);
    settings.setValue(QStringLiteral("toolchain/backend"), QStringLiteral("native"));
    settings.setValue(QStringLiteral("toolchain/toolDirectory"), QStringLiteral(MCW_FAKES_DIR));
    settings.sync();
    EXPECT_EQ(settings.status(), QSettings::NoError);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("MCW_NO_DIALOGS"), QStringLiteral("1"));
    return env;
}

/**
 * killSessionDuringCalibration() for the GUI: `maixcam-workbench --run PROJECT.yaml`
 * (offscreen) opens the project and converts it as Convert → Run does, with the native doubles
 * from its saved toolchain settings. After a double fault the GUI reopens the project the same
 * way, with fast doubles, and is closed once its new run has succeeded (it stays open after a run).
 */
void killGuiDuringCalibration(Killed killed)
{
    const QString gui = Tests::binDir() + QStringLiteral("/maixcam-workbench");
    if (!QFileInfo(gui).isExecutable())
        GTEST_SKIP() << "no GUI in this build (MCW_BUILD_GUI off)";
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    initProject(project);
    const QProcessEnvironment env = guiWithTheDoubles(dir.filePath(QStringLiteral("config")));
    const QString runsRoot = ProjectFile::load(project)->project.workspaceDir;
    killSessionDuringCalibration(project, gui, {QStringLiteral("--run"), project}, env, killed, [&] {
        QProcess again;
        QProcessEnvironment fast = env;
        fast.insert(QStringLiteral("FAKE_TPU_SPEED"), QStringLiteral("0"));
        again.setProcessEnvironment(fast);
        again.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        again.start(gui, {QStringLiteral("--run"), project});
        ASSERT_TRUE(again.waitForStarted());
        EXPECT_TRUE(waitFor([&] { return succeededRuns(runsRoot) == 2; }, 120)) << "the GUI's new run never succeeded";
        again.terminate();
        EXPECT_TRUE(again.waitForFinished(20000));
    });
}

} // namespace

// The session process of the CLI (`maixcam-convert run`) is killed with SIGKILL while a tool
// runs: reopening lists the run as interrupted, every job.json is whole, an earlier run is
// intact, and neither the tool nor the child it started lives on.
TEST(Faults, SessionKilledMidRunIsListedAsInterruptedAndItsToolIsGone)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    initProject(project);
    killSessionDuringCalibration(project, Tests::binDir() + QStringLiteral("/maixcam-convert"),
                                 QStringList{QStringLiteral("run"), project} + s_native,
                                 QProcessEnvironment::systemEnvironment());
}

// A double fault: the guard's watcher is killed, then the session. The tool runs on until the
// project is converted again, whose session ends it (and its child) when it lists the run as
// interrupted.
TEST(Faults, WatcherAndSessionKilledMidRunLeaveTheToolOnlyUntilTheRunsAreReopened)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    initProject(project);
    const QStringList run = QStringList{QStringLiteral("run"), project} + s_native;
    killSessionDuringCalibration(project, Tests::binDir() + QStringLiteral("/maixcam-convert"), run,
                                 QProcessEnvironment::systemEnvironment(), Killed::WatcherAndSession, [&] {
                                     qputenv("FAKE_TPU_SPEED", "0");
                                     const Tests::CliRun again = Tests::runConvert(run);
                                     EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
                                     // The tool (the guard become the double) and its child.
                                     EXPECT_TRUE(again.err.contains(
                                         QStringLiteral(": ended 2 processes the interrupted run had left running.")))
                                         << again.err.toStdString();
                                 });
}

/**
 * The environment of an offscreen GUI whose settings (QSettings:
 * \a config/maixcam-workbench/maixcam-workbench.conf) choose the native doubles, as Convert →
 * Toolchain settings would.
 */

// The same for the GUI, killed with SIGKILL during calibration.
TEST(Faults, GuiKilledMidRunIsListedAsInterruptedAndItsToolIsGone)
{
    killGuiDuringCalibration(Killed::Session);
}

// The double fault in the GUI: its watcher and then the GUI are killed during calibration; the
// tool runs on until the GUI opens the project again, which ends it as it lists the run as
// interrupted (and converts the project once more, as --run asks).
TEST(Faults, GuiAndWatcherKilledMidRunLeaveTheToolOnlyUntilTheGuiOpensTheProjectAgain)
{
    killGuiDuringCalibration(Killed::WatcherAndSession);
}

// The workspace turns read-only while calibration runs (a disk remounted read-only after an
// error): the run fails with a sentence that says so, the earlier run and its files are intact.
TEST(Faults, WorkspaceTurningReadOnlyMidRunFailsTheStepClearlyAndKeepsEarlierRuns)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    initProject(project);
    const QString runsRoot = ProjectFile::load(project)->project.workspaceDir;
    Tests::TmpfsMount workspace(runsRoot, qint64(256) << 20);
    if (!workspace.isMounted())
        GTEST_SKIP() << workspace.skipReason().toStdString();
    const JobRecord earlier = runToTheEnd(project);
    ASSERT_EQ(earlier.state, JobState::Succeeded);
    const QMap<QString, QString> earlierFiles = snapshot(earlier.directory);

    QProcess session;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FAKE_TPU_SPEED"), QStringLiteral("1"));
    env.insert(QStringLiteral("FAKE_TPU_SCENARIO"), QStringLiteral("slow"));
    env.insert(QStringLiteral("FAKE_TPU_SCENARIO_TOOL"), QStringLiteral("run_calibration"));
    session.setProcessEnvironment(env);
    session.start(Tests::binDir() + QStringLiteral("/maixcam-convert"), QStringList{QStringLiteral("run"), project} + s_native);
    ASSERT_TRUE(session.waitForStarted());
    JobRecord running;
    ASSERT_TRUE(waitFor([&] { return !(running = runWithStepRunning(runsRoot, QStringLiteral("calibration"))).directory.isEmpty(); }, 120))
        << "the calibration step never started";
    ASSERT_TRUE(workspace.setReadOnly(true));
    ASSERT_TRUE(session.waitForFinished(120000));
    const QString out = QString::fromUtf8(session.readAllStandardOutput());
    const QString err = QString::fromUtf8(session.readAllStandardError());
    EXPECT_NE(session.exitCode(), 0) << out.toStdString();
    // Named as what it is, not as a model problem ("Re-export or simplify the ONNX model").
    EXPECT_TRUE(err.contains(QStringLiteral("The job folder became read-only: OSError: [Errno 30] Read-only file system")))
        << err.toStdString() << out.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("Make the workspace writable again"))) << err.toStdString();

    EXPECT_EQ(snapshot(earlier.directory), earlierFiles);
    const auto again = JobRecord::load(earlier.directory);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->state, JobState::Succeeded);
    const JobHistory::Result reopened = JobHistory::load(runsRoot);
    EXPECT_TRUE(reopened.errors.isEmpty()) << reopened.errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(reopened.jobs.size(), 2);
    EXPECT_EQ(reopened.jobs.last().state, JobState::Failed);
    expectEveryJobFileWhole(runsRoot);
}

// project.yaml damaged on disk (cut mid-line by a crash of another editor, or overwritten with
// junk): every command refuses it in one sentence naming the file and never writes it.
TEST(Faults, DamagedProjectFileIsOneSentenceAndNeverWritten)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    initProject(project);
    QFile file(project);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();
    file.close();
    // Cut mid-line, cut at a line boundary (still valid YAML, settings missing), junk, empty.
    const QList<QByteArray> damaged{whole.left(whole.size() / 2 + 7), whole.left(whole.indexOf('\n', whole.size() / 2) + 1),
                                    QByteArray("\x00\x01\xff garbage: [", 14), QByteArray()};
    for (const QByteArray &bytes : damaged) {
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();
        for (const QString &command : {QStringLiteral("check"), QStringLiteral("run"), QStringLiteral("export")}) {
            QStringList args{command, project};
            if (command == QLatin1String("run"))
                args += s_native;
            if (command == QLatin1String("export"))
                args += QStringList{QStringLiteral("-o"), dir.filePath(QStringLiteral("bundle.zip"))};
            const Tests::CliRun run = Tests::runConvert(args);
            EXPECT_EQ(run.exitCode, 2) << command.toStdString() << " on " << bytes.size() << " bytes: "
                                       << run.err.toStdString() << run.out.toStdString();
            EXPECT_TRUE(run.err.startsWith(project + QStringLiteral(":"))) << run.err.toStdString();
            EXPECT_EQ(run.err.count(QLatin1Char('\n')), 1) << run.err.toStdString();
            EXPECT_EQ(sha(project), sha256OfBytes(bytes)) << command.toStdString();
        }
    }
}

// A run's job.json damaged on disk: listing the runs names that file in one sentence and goes on,
// the next run (even one that reuses earlier steps) works, and the damaged file is left as it was.
TEST(Faults, DamagedJobFileIsOneSentenceAndNeverOverwritten)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("yolov8n.yaml"));
    initProject(project);
    const QString runsRoot = ProjectFile::load(project)->project.workspaceDir;
    const JobRecord earlier = runToTheEnd(project);
    ASSERT_EQ(earlier.state, JobState::Succeeded);
    QFile json(earlier.jsonPath());
    ASSERT_TRUE(json.open(QIODevice::ReadOnly));
    const QByteArray cut = json.readAll().left(200);
    json.close();
    ASSERT_TRUE(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.write(cut);
    json.close();

    const JobHistory::Result history = JobHistory::load(runsRoot);
    EXPECT_TRUE(history.jobs.isEmpty());
    ASSERT_EQ(history.errors.size(), 1);
    EXPECT_TRUE(history.errors.first().startsWith(earlier.jsonPath() + QStringLiteral(": not a job file (")))
        << history.errors.first().toStdString();

    const Tests::CliRun again = Tests::runConvert(QStringList{QStringLiteral("run"), project, QStringLiteral("--reuse")} + s_native);
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_EQ(sha(earlier.jsonPath()), sha256OfBytes(cut));
    const JobHistory::Result after = JobHistory::load(runsRoot);
    EXPECT_EQ(after.jobs.size(), 1);
    EXPECT_EQ(after.errors, history.errors);
}
