// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Docker engines in the toolchain settings (EnginesModel, EnginesEditor, the form and the
// dialog) and the engine column of the Jobs panel. Engine tests run against the fake docker CLI.
#include <core/run/conversionjob.h>
#include <core/run/dockerengine.h>
#include <core/run/enginecheck.h>
#include <core/run/jobpool.h>
#include <core/run/toolchainsettings.h>
#include <widgets/jobs/engineseditor.h>
#include <widgets/jobs/enginesmodel.h>
#include <widgets/jobs/jobsmodel.h>
#include <widgets/jobs/jobspanel.h>
#include <widgets/jobs/setuptoolchaindialog.h>
#include <widgets/jobs/toolchainsettingsform.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::DockerEngine;
using Widgets::EnginesModel;

namespace {

DockerEngine engine(const QString &name, const QString &address, int steps = 1,
                    DockerEngine::Transfer transfer = DockerEngine::Transfer::Auto)
{
    DockerEngine e;
    e.name = name;
    e.address = address;
    e.maxConcurrentSteps = steps;
    e.transfer = transfer;
    return e;
}

QList<DockerEngine> twoEngines()
{
    return {DockerEngine::local(2), engine(QStringLiteral("gpu-box"), QStringLiteral("tcp://gpu-box:2376"), 3)};
}

/** Points the docker CLI at the fake and keeps its state in a temporary folder. */
class FakeDocker
{
public:
    FakeDocker()
    {
        qputenv("FAKE_DOCKER_STATE", m_state.path().toUtf8());
        qputenv("FAKE_DOCKER_IMAGES", Core::ToolchainSettings::DefaultImage);
        qunsetenv("FAKE_DOCKER_ARCH");
        qunsetenv("FAKE_DOCKER_MODE");
        qunsetenv("DOCKER_HOST"); // the default engine is a local socket: the mount test runs
    }
    ~FakeDocker()
    {
        for (const char *v : {"FAKE_DOCKER_STATE", "FAKE_DOCKER_IMAGES", "FAKE_DOCKER_ARCH", "FAKE_DOCKER_MODE",
                              "FAKE_DOCKER_CONTEXTS"})
            qunsetenv(v);
    }
    Core::ToolchainSettings settings(const QList<DockerEngine> &engines) const
    {
        Core::ToolchainSettings s;
        s.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
        s.engines = engines;
        return s;
    }

private:
    QTemporaryDir m_state;
};

Core::JobRecord recordWithEngines(const QString &directory)
{
    Core::JobRecord r;
    r.id = QStringLiteral("20260101-000000-m");
    r.name = QStringLiteral("m");
    r.directory = directory;
    r.state = Core::JobState::Succeeded;
    r.backend = QStringLiteral("docker run maixcam-workbench/tpu-mlir:v3.4 on 2 engines");
    for (const char *id : {"transform", "calibration", "deploy_int8"}) {
        Core::StepRecord s;
        s.id = QString::fromLatin1(id);
        s.title = s.id;
        s.state = Core::StepState::Succeeded;
        s.engine = s.id == QLatin1String("calibration") ? QStringLiteral("gpu-box") : QStringLiteral("local");
        r.steps.append(s);
    }
    return r;
}

} // namespace

TEST(EnginesModel, AddsEditsAndRemovesRowsWithinTheEngineRules)
{
    EnginesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy refused(&model, &EnginesModel::editRefused);
    model.setEngines({DockerEngine::local()});
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, EnginesModel::AddressColumn).data().toString(), QStringLiteral("docker default"));
    EXPECT_EQ(model.index(0, EnginesModel::AddressColumn).data(Qt::EditRole).toString(), QString());
    EXPECT_EQ(model.index(0, EnginesModel::TransferColumn).data().toString(), QStringLiteral("auto"));
    EXPECT_EQ(model.index(0, EnginesModel::StatusColumn).data().toString(), QStringLiteral("not tested"));
    EXPECT_FALSE(model.flags(model.index(0, EnginesModel::StatusColumn)) & Qt::ItemIsEditable);

    EXPECT_EQ(model.addEngine(engine(model.freeName(QStringLiteral("engine")), QStringLiteral("gpu-box"))), QString());
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.engineAt(1).name, QStringLiteral("engine"));
    EXPECT_EQ(model.freeName(QStringLiteral("engine")), QStringLiteral("engine-2"));

    // Edits that keep the list usable go through.
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::NameColumn), QStringLiteral("gpu")));
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::AddressColumn), QStringLiteral("ssh://me@gpu-box")));
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::StepsColumn), 4));
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::TransferColumn), QStringLiteral("copy")));
    EXPECT_EQ(model.engineAt(1), engine(QStringLiteral("gpu"), QStringLiteral("ssh://me@gpu-box"), 4, DockerEngine::Transfer::Copy));
    EXPECT_EQ(refused.count(), 0);

    // Edits that break it are refused, with the sentence of DockerEngine's rules.
    EXPECT_FALSE(model.setData(model.index(1, EnginesModel::AddressColumn), QStringLiteral("ftp://gpu-box")));
    ASSERT_EQ(refused.count(), 1);
    EXPECT_TRUE(refused.last().first().toString().contains(QStringLiteral("ssh://user@host"))) << refused.last().first().toString().toStdString();
    EXPECT_FALSE(model.setData(model.index(1, EnginesModel::AddressColumn), QStringLiteral("not a context")));
    EXPECT_FALSE(model.setData(model.index(1, EnginesModel::NameColumn), QStringLiteral("local")));
    EXPECT_TRUE(refused.last().first().toString().contains(QStringLiteral("Two engines are named 'local'")));
    EXPECT_FALSE(model.setData(model.index(1, EnginesModel::NameColumn), QStringLiteral("  ")));
    EXPECT_FALSE(model.setData(model.index(1, EnginesModel::StepsColumn), 0));
    EXPECT_FALSE(model.setData(model.index(1, EnginesModel::TransferColumn), QStringLiteral("rsync")));
    EXPECT_EQ(refused.count(), 6);
    EXPECT_EQ(model.engineAt(1), engine(QStringLiteral("gpu"), QStringLiteral("ssh://me@gpu-box"), 4, DockerEngine::Transfer::Copy));
    EXPECT_EQ(model.addEngine(engine(QStringLiteral("gpu"), QString())).isEmpty(), false) << "a duplicate name is not added";
    EXPECT_EQ(model.rowCount(), 2);

    // The default engine's shown text, typed back, is the default.
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::AddressColumn), QStringLiteral("docker default")));
    EXPECT_TRUE(model.engineAt(1).isDefault());

    EXPECT_EQ(model.removeEngine(0), QString());
    ASSERT_EQ(model.rowCount(), 1);
    const QString last = model.removeEngine(0);
    EXPECT_TRUE(last.contains(QStringLiteral("only one"))) << last.toStdString();
    EXPECT_TRUE(last.contains(DockerEngine::listProblem({}))) << last.toStdString();
    EXPECT_EQ(model.rowCount(), 1);
}

TEST(EnginesModel, AddsOnlyContextsNotListed)
{
    EnginesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEngines({DockerEngine::local(), engine(QStringLiteral("pi"), QStringLiteral("pi"))});
    // "default" is what the engine without an address reaches; "pi" is listed already.
    const int added = model.addMissing({engine(QStringLiteral("default"), QStringLiteral("default")),
                                        engine(QStringLiteral("pi"), QStringLiteral("pi")),
                                        engine(QStringLiteral("gpu-box"), QStringLiteral("gpu-box"))});
    EXPECT_EQ(added, 1);
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.engineAt(2).address, QStringLiteral("gpu-box"));
    EXPECT_EQ(model.addMissing({engine(QStringLiteral("gpu-box"), QStringLiteral("gpu-box"))}), 0);
}

TEST(EnginesModel, ShowsTheCheckAndForgetsItWhenTheEngineChanges)
{
    EnginesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEngines(twoEngines());
    Core::EngineCheck::Result r;
    r.engine = twoEngines().at(1);
    r.reachable = true;
    r.serverVersion = QStringLiteral("24.0.7");
    r.os = QStringLiteral("linux");
    r.architecture = QStringLiteral("amd64");
    r.imagePresent = true;
    r.tpuMlirVersion = QStringLiteral("1.28.1");
    r.transfer = DockerEngine::Transfer::Copy;
    r.findings = {{QStringLiteral("Engine"), Core::EngineCheck::Finding::Level::Ok, QStringLiteral("Docker answers.")}};
    model.setTesting(QStringLiteral("gpu-box"), true);
    EXPECT_EQ(model.index(1, EnginesModel::StatusColumn).data().toString(), QStringLiteral("Testing…"));
    model.setCheckResult(r);
    const QModelIndex status = model.index(1, EnginesModel::StatusColumn);
    EXPECT_EQ(status.data().toString(), QStringLiteral("Docker 24.0.7 linux/amd64 · tpu_mlir 1.28.1 · copies files"));
    EXPECT_EQ(status.data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("ok"));
    EXPECT_TRUE(status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("✓ Engine: Docker answers.")));
    EXPECT_FALSE(status.data(Qt::DecorationRole).value<QIcon>().isNull());

    // Renamed: still the same engine. Another address: another engine, not tested.
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::NameColumn), QStringLiteral("gpu")));
    EXPECT_TRUE(model.checkResult(1).has_value());
    EXPECT_TRUE(model.setData(model.index(1, EnginesModel::AddressColumn), QStringLiteral("tcp://other:2376")));
    EXPECT_FALSE(model.checkResult(1).has_value());
    EXPECT_EQ(model.index(1, EnginesModel::StatusColumn).data().toString(), QStringLiteral("not tested"));

    // An unusable engine shows the sentence of its first error.
    Core::EngineCheck::Result down;
    down.engine = model.engineAt(0);
    down.findings = {{QStringLiteral("Engine"), Core::EngineCheck::Finding::Level::Error, QStringLiteral("Nobody answers.")}};
    model.setCheckResult(down);
    EXPECT_EQ(model.index(0, EnginesModel::StatusColumn).data().toString(), QStringLiteral("Nobody answers."));
    EXPECT_EQ(model.index(0, EnginesModel::StatusColumn).data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("error"));
}

TEST(ToolchainSettingsForm, CarriesTwoEnginesThroughQSettings)
{
    QTemporaryDir dir;
    Core::ToolchainSettings s;
    s.engines = twoEngines();
    s.engines[1].transfer = DockerEngine::Transfer::Copy;
    s.maxConcurrency = 2;
    Widgets::ToolchainSettingsForm form;
    QSignalSpy changed(&form, &Widgets::ToolchainSettingsForm::changed);
    form.setSettings(s);
    EXPECT_EQ(changed.count(), 0) << "programmatic changes are not edits";
    EXPECT_EQ(form.enginesEditor()->model()->rowCount(), 2);
    EXPECT_EQ(form.settings(), s);
    QSettings store(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    form.settings().save(store);
    const Core::ToolchainSettings loaded = Core::ToolchainSettings::load(store);
    EXPECT_EQ(loaded.engines, s.engines);
    EXPECT_EQ(loaded, s);

    // An edit in the table is an edit of the settings.
    auto *model = form.enginesEditor()->model();
    EXPECT_TRUE(model->setData(model->index(1, EnginesModel::StepsColumn), 5));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(form.settings().engines.at(1).maxConcurrentSteps, 5);
    EXPECT_EQ(form.settings().totalSlots(), 2 + 5);
}

TEST(ToolchainSettingsForm, ShowsEnginesForDockerRunAndRunsAtOnceOtherwise)
{
    Widgets::ToolchainSettingsForm form;
    form.resize(800, 600);
    form.show();
    Core::ToolchainSettings s;
    form.setSettings(s);
    EXPECT_TRUE(form.enginesEditor()->isVisible());
    EXPECT_FALSE(form.concurrencySpinBox()->isVisible()) << "engines have their own steps at once";
    s.container = QStringLiteral("tpu");
    form.setSettings(s);
    EXPECT_FALSE(form.enginesEditor()->isVisible()) << "docker exec runs in one container here";
    EXPECT_TRUE(form.concurrencySpinBox()->isVisible());
    s.container.clear();
    s.backend = Core::ToolchainSettings::Backend::Native;
    form.setSettings(s);
    EXPECT_FALSE(form.enginesEditor()->isVisible());
    EXPECT_TRUE(form.concurrencySpinBox()->isVisible());
}

TEST(EnginesEditor, RefusesToRemoveTheLastEngineAndSaysWhy)
{
    Widgets::EnginesEditor editor;
    editor.show();
    editor.setEngines({DockerEngine::local()});
    EXPECT_FALSE(editor.removeButton()->isEnabled()) << "nothing selected";
    editor.view()->selectRow(0);
    ASSERT_TRUE(editor.removeButton()->isEnabled());
    editor.removeButton()->click();
    EXPECT_EQ(editor.engines().size(), 1);
    EXPECT_TRUE(editor.messageLabel()->isVisible());
    EXPECT_TRUE(editor.messageLabel()->text().contains(QStringLiteral("only one"))) << editor.messageLabel()->text().toStdString();

    // Add names a new engine and opens its address for typing; a bad one is refused aloud.
    editor.addButton()->click();
    ASSERT_EQ(editor.engines().size(), 2);
    EXPECT_EQ(editor.engines().at(1).name, QStringLiteral("engine"));
    EXPECT_FALSE(editor.messageLabel()->isVisible());
    auto *model = editor.model();
    EXPECT_FALSE(model->setData(model->index(1, EnginesModel::AddressColumn), QStringLiteral("http://gpu-box")));
    EXPECT_TRUE(editor.messageLabel()->isVisible());
    EXPECT_TRUE(editor.messageLabel()->text().contains(QStringLiteral("http://gpu-box")));
    editor.view()->selectRow(1);
    editor.removeButton()->click();
    EXPECT_EQ(editor.engines(), QList<DockerEngine>{DockerEngine::local()});
}

TEST(EnginesEditor, AddsTheDockerContextsNotListed)
{
    FakeDocker docker;
    qputenv("FAKE_DOCKER_CONTEXTS", "default,gpu-box,pi");
    Widgets::EnginesEditor editor;
    editor.setToolchain(docker.settings({}));
    editor.setEngines({DockerEngine::local(), engine(QStringLiteral("pi"), QStringLiteral("pi"))});
    QSignalSpy added(&editor, &Widgets::EnginesEditor::contextsAdded);
    editor.addContextsButton()->click();
    ASSERT_TRUE(added.wait(10000));
    EXPECT_EQ(added.first().first().toInt(), 1);
    ASSERT_EQ(editor.engines().size(), 3);
    EXPECT_EQ(editor.engines().at(2), engine(QStringLiteral("gpu-box"), QStringLiteral("gpu-box")));
    EXPECT_EQ(editor.engines().at(2).cliArguments(), (QStringList{QStringLiteral("--context"), QStringLiteral("gpu-box")}));
    editor.addContextsButton()->click();
    ASSERT_TRUE(added.wait(10000));
    EXPECT_EQ(added.last().first().toInt(), 0);
    EXPECT_TRUE(editor.messageLabel()->text().contains(QStringLiteral("listed already"))) << editor.messageLabel()->text().toStdString();
}

TEST(EnginesEditor, TestShowsEachEnginesCheckInTheStatusColumn)
{
    FakeDocker docker;
    Widgets::EnginesEditor editor;
    editor.setToolchain(docker.settings(twoEngines()));
    editor.setEngines(twoEngines());
    EXPECT_EQ(editor.testButton()->text(), QStringLiteral("Test All"));
    QSignalSpy done(&editor, &Widgets::EnginesEditor::testsFinished);
    editor.testButton()->click();
    EXPECT_TRUE(editor.isBusy());
    EXPECT_FALSE(editor.testButton()->isEnabled());
    EXPECT_FALSE(editor.cancelButton()->isHidden());
    EXPECT_EQ(editor.model()->index(0, EnginesModel::StatusColumn).data().toString(), QStringLiteral("Testing…"));
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(editor.isBusy());
    EXPECT_TRUE(editor.cancelButton()->isHidden());

    const auto statusOf = [&editor](int row) { return editor.model()->index(row, EnginesModel::StatusColumn).data().toString(); };
    const QString local = statusOf(0);
    const QString remote = statusOf(1);
    // The default engine is on this machine's socket and the fake sees our files; the tcp one
    // is elsewhere, so its steps copy.
    EXPECT_TRUE(local.startsWith(QStringLiteral("Docker 24.0.7 linux/amd64 · tpu_mlir "))) << local.toStdString();
    EXPECT_TRUE(local.endsWith(QStringLiteral(" · mounts files"))) << local.toStdString();
    EXPECT_TRUE(remote.endsWith(QStringLiteral(" · copies files"))) << remote.toStdString();
    EXPECT_EQ(editor.model()->index(1, EnginesModel::StatusColumn).data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("ok"));
    EXPECT_TRUE(editor.model()->index(1, EnginesModel::StatusColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Image")));

    // An arm64 engine answers and works, with the warning that the image runs emulated.
    qputenv("FAKE_DOCKER_ARCH", "arm64");
    editor.view()->selectRow(1);
    EXPECT_EQ(editor.testButton()->text(), QStringLiteral("Test Selected"));
    editor.testButton()->click();
    ASSERT_TRUE(done.wait(30000));
    const QModelIndex arm = editor.model()->index(1, EnginesModel::StatusColumn);
    EXPECT_EQ(arm.data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("warning"));
    const QStringList armLines = arm.data().toString().split(QLatin1Char('\n'));
    ASSERT_EQ(armLines.size(), 2) << arm.data().toString().toStdString();
    EXPECT_TRUE(armLines.at(0).startsWith(QStringLiteral("Docker 24.0.7 linux/arm64 · "))) << armLines.at(0).toStdString();
    EXPECT_TRUE(armLines.at(0).endsWith(QStringLiteral(" · copies files"))) << armLines.at(0).toStdString();
    EXPECT_TRUE(armLines.at(1).contains(QStringLiteral("emulated"))) << armLines.at(1).toStdString();
    EXPECT_TRUE(armLines.at(1).contains(QStringLiteral("add an x86-64 engine")));
    EXPECT_TRUE(arm.data(Qt::ToolTipRole).toString().contains(QStringLiteral("⚠ Architecture")));
    EXPECT_EQ(statusOf(0), local) << "only the selected engine was tested";

    // A missing image is the engine's error.
    qunsetenv("FAKE_DOCKER_ARCH");
    qputenv("FAKE_DOCKER_IMAGES", "someone/else:1");
    editor.view()->clearSelection();
    editor.testButton()->click();
    ASSERT_TRUE(done.wait(30000));
    EXPECT_EQ(editor.model()->index(0, EnginesModel::StatusColumn).data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("error"));
    EXPECT_TRUE(statusOf(0).contains(QStringLiteral("maixcam-workbench/tpu-mlir:v3.4"))) << statusOf(0).toStdString();
    EXPECT_EQ(editor.model()->checkResult(0)->problem(), statusOf(0));
}

TEST(EnginesEditor, CancelStopsATestThatHangs)
{
    // A docker CLI that never answers (an ssh engine behind a dead network).
    QTemporaryDir dir;
    const QString hanging = dir.filePath(QStringLiteral("docker"));
    {
        QFile script(hanging);
        ASSERT_TRUE(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nexec sleep 60\n");
    }
    QFile::setPermissions(hanging, QFile::permissions(hanging) | QFileDevice::ExeOwner);
    Core::ToolchainSettings settings;
    settings.dockerProgram = hanging;
    Widgets::EnginesEditor editor;
    editor.setToolchain(settings);
    editor.setEngines(twoEngines());
    QSignalSpy done(&editor, &Widgets::EnginesEditor::testsFinished);
    editor.testButton()->click();
    ASSERT_TRUE(editor.isBusy());
    QTest::qWait(200);
    EXPECT_TRUE(done.isEmpty());
    EXPECT_FALSE(editor.cancelButton()->isHidden());
    editor.cancelButton()->click();
    ASSERT_TRUE(done.wait(10000));
    EXPECT_FALSE(editor.isBusy());
    for (int row = 0; row < 2; ++row) {
        const QModelIndex status = editor.model()->index(row, EnginesModel::StatusColumn);
        EXPECT_EQ(status.data().toString(), QStringLiteral("not tested"));
        EXPECT_EQ(status.data(EnginesModel::StatusLevelRole).toString(), QString());
    }
    EXPECT_TRUE(editor.messageLabel()->text().contains(QStringLiteral("cancelled")));
}

TEST(SetupToolchainDialog, ShowsTwoTestedEngines)
{
    FakeDocker docker;
    QSettings().clear();
    {
        QSettings store;
        docker.settings(twoEngines()).save(store);
    }
    Widgets::SetupToolchainDialog dialog;
    dialog.resize(900, 720);
    dialog.show();
    Widgets::EnginesEditor *editor = dialog.form()->enginesEditor();
    ASSERT_EQ(editor->engines(), twoEngines());
    qputenv("FAKE_DOCKER_ARCH", "arm64"); // the second engine is a Mac: its warning shows
    QSignalSpy done(editor, &Widgets::EnginesEditor::testsFinished);
    editor->view()->selectRow(1);
    editor->testButton()->click();
    ASSERT_TRUE(done.wait(30000));
    qunsetenv("FAKE_DOCKER_ARCH");
    editor->view()->selectRow(0);
    editor->testButton()->click();
    ASSERT_TRUE(done.wait(30000));
    editor->view()->clearSelection();
    EXPECT_EQ(editor->model()->index(0, EnginesModel::StatusColumn).data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("ok"));
    EXPECT_EQ(editor->model()->index(1, EnginesModel::StatusColumn).data(EnginesModel::StatusLevelRole).toString(), QStringLiteral("warning"));
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR")) {
        QTest::qWait(50);
        dialog.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/toolchain-engines.png"));
    }
    // What the dialog saves is what the form shows: both engines.
    dialog.saveSettings();
    QSettings store;
    EXPECT_EQ(Core::ToolchainSettings::load(store).engines, twoEngines());
}

// MaixCAM2: the dialog explains where Axera's archive comes from, loads it with `docker load`
// as a job and takes the name docker printed as the Pulsar2 image (here pulsar2:7.0, not the default).
TEST(SetupToolchainDialog, LoadsThePulsar2ArchiveAndTakesTheLoadedName)
{
    FakeDocker docker;
    QSettings().clear();
    {
        QSettings store;
        docker.settings({DockerEngine::local()}).save(store);
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // A docker save layout: manifest.json names the tag the image loads under.
    QFile manifest(dir.filePath(QStringLiteral("manifest.json")));
    ASSERT_TRUE(manifest.open(QIODevice::WriteOnly));
    manifest.write(R"([{"Config":"c.json","RepoTags":["pulsar2:7.0"],"Layers":[]}])");
    manifest.close();
    const QString archive = dir.filePath(QStringLiteral("ax_pulsar2_7.0.tar.gz"));
    ASSERT_EQ(QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), archive, QStringLiteral("-C"), dir.path(),
                                                       QStringLiteral("manifest.json")}),
              0);

    Widgets::SetupToolchainDialog dialog;
    dialog.setRunsRoot(dir.filePath(QStringLiteral("runs")));
    dialog.resize(900, 860);
    dialog.show();
    EXPECT_EQ(dialog.form()->pulsar2ImageEdit()->text(), QStringLiteral("pulsar2:6.0"));
    dialog.pulsar2ArchiveEdit()->setText(dir.filePath(QStringLiteral("missing.tar.gz")));
    dialog.loadPulsar2Button()->click();
    EXPECT_TRUE(dialog.statusLabel()->text().startsWith(QStringLiteral("The Pulsar2 image archive '"))) << dialog.statusLabel()->text().toStdString();

    dialog.pulsar2ArchiveEdit()->setText(archive);
    dialog.loadPulsar2Button()->click();
    ASSERT_NE(dialog.buildJob(), nullptr);
    EXPECT_TRUE(QTest::qWaitFor([&] { return dialog.buildJob()->state() == Core::JobState::Succeeded; }, 30000))
        << dialog.statusLabel()->text().toStdString();
    EXPECT_EQ(dialog.form()->pulsar2ImageEdit()->text(), QStringLiteral("pulsar2:7.0"));
    EXPECT_EQ(dialog.statusLabel()->text(), QStringLiteral("Image pulsar2:7.0 is loaded; press Test Pulsar2."));
    EXPECT_EQ(dialog.buildJob()->record().steps.first().invocation.arguments,
              (QStringList{QStringLiteral("load"), QStringLiteral("-i"), archive}));
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR")) {
        QTest::qWait(50);
        dialog.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/toolchain-pulsar2.png"));
    }
    dialog.saveSettings();
    QSettings store;
    EXPECT_EQ(Core::ToolchainSettings::load(store).pulsar2Image, QStringLiteral("pulsar2:7.0"));
}

TEST(JobsModel, ShowsTheEngineEachStepRanOn)
{
    QTemporaryDir dir;
    Core::JobPool pool;
    Widgets::JobsPanel panel(&pool);
    EXPECT_TRUE(panel.view()->isColumnHidden(Widgets::JobsModel::EngineColumn)) << "no engine yet: no column";
    Widgets::JobsModel *model = panel.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    pool.addHistory({recordWithEngines(dir.path())});
    ASSERT_EQ(model->rowCount(), 1);
    const QModelIndex job = model->index(0, 0);
    ASSERT_EQ(model->rowCount(job), 3);
    EXPECT_EQ(model->headerData(Widgets::JobsModel::EngineColumn, Qt::Horizontal).toString(), QStringLiteral("Engine"));
    EXPECT_EQ(model->index(0, Widgets::JobsModel::EngineColumn, job).data().toString(), QStringLiteral("local"));
    EXPECT_EQ(model->index(1, Widgets::JobsModel::EngineColumn, job).data().toString(), QStringLiteral("gpu-box"));
    EXPECT_EQ(model->index(1, 0, job).data(Widgets::JobsModel::EngineRole).toString(), QStringLiteral("gpu-box"));
    EXPECT_TRUE(model->index(1, Widgets::JobsModel::EngineColumn, job).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("Ran on Docker engine 'gpu-box'")));
    EXPECT_EQ(model->index(0, Widgets::JobsModel::EngineColumn).data().toString(), QStringLiteral("local, gpu-box"));
    EXPECT_FALSE(panel.view()->isColumnHidden(Widgets::JobsModel::EngineColumn));
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR")) {
        panel.resize(900, 360);
        panel.view()->expandAll();
        panel.show();
        QTest::qWait(50);
        panel.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/jobs-engines.png"));
    }
}
