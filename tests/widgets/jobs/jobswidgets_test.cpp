// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/linesplitter.h>
#include <core/run/conversionpipeline.h>
#include <core/run/jobpool.h>
#include <core/run/toolchainbackend.h>
#include <widgets/jobs/jobspanel.h>
#include <widgets/jobs/jobsmodel.h>
#include <widgets/jobs/logview.h>
#include <widgets/jobs/setuptoolchaindialog.h>
#include <widgets/jobs/toolchainsettingsform.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace Mcw;

namespace {

Core::ToolInvocation fake(const QStringList &script)
{
    return Core::ToolInvocation{QStringLiteral(MCW_FAKE_TOOL), script, {}, {}};
}

std::shared_ptr<Core::ToolchainBackend> nativeBackend()
{
    Core::ToolchainSettings s;
    s.backend = Core::ToolchainSettings::Backend::Native;
    return Core::ToolchainBackend::create(s);
}

Core::JobRecord makeJob(const QString &root, const QString &name, const QStringList &calibration)
{
    auto dir = Core::ConversionPipeline::makeJobDirectory(root, name);
    auto job = Core::ConversionPipeline::createJob(
        name, *dir,
        Core::ConversionPipeline::standardSteps(fake({QStringLiteral("out:transform done")}), fake(calibration),
                                                fake({QStringLiteral("touch:m.cvimodel:x")})));
    return *job;
}

bool finished(const Core::ConversionJob *job)
{
    return job->state() != Core::JobState::Running && job->state() != Core::JobState::Queued;
}

} // namespace

TEST(JobsModel, TracksJobsAndStepsThroughARun)
{
    QTemporaryDir dir;
    Core::JobPool pool;
    pool.setBackend(nativeBackend());
    Widgets::JobsModel model(&pool);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto *job = pool.submit(makeJob(dir.path(), QStringLiteral("m"),
                                    {QStringLiteral("rawerr:\\rtune op: a:  50%|#####     | 1/2 [00:00<00:00]\\n"),
                                     QStringLiteral("sleep:200")}));
    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex jobIndex = model.index(0, 0);
    ASSERT_EQ(model.rowCount(jobIndex), 3);
    EXPECT_EQ(model.index(1, 0, jobIndex).data(Widgets::JobsModel::StepIdRole).toString(), QStringLiteral("calibration"));
    EXPECT_EQ(model.index(1, 0, jobIndex).data(Widgets::JobsModel::CommandRole).toString(),
              Core::ToolInvocation(job->record().steps.at(1).invocation).toUserOutput());
    ASSERT_TRUE(QTest::qWaitFor([&] { return job->runningStep() == 1; }, 10000));
    EXPECT_EQ(model.index(0, Widgets::JobsModel::StatusColumn).data().toString(), QStringLiteral("running"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished(job); }, 10000));
    EXPECT_EQ(model.index(0, Widgets::JobsModel::StatusColumn).data().toString(), QStringLiteral("succeeded"));
    EXPECT_EQ(model.index(0, 0).data(Widgets::JobsModel::ProgressRole).toInt(), 100);
    EXPECT_EQ(model.index(2, Widgets::JobsModel::StatusColumn, jobIndex).data().toString(), QStringLiteral("succeeded"));
    EXPECT_TRUE(model.index(2, 0, jobIndex).data(Widgets::JobsModel::LogFileRole).toString().endsWith(QStringLiteral("logs/deploy_int8-1.log")));
}

TEST(JobsModel, ShowsStepsCarriedOverFromAnEarlierRunAsReused)
{
    QTemporaryDir dir;
    Core::JobPool pool;
    pool.setBackend(nativeBackend());
    Widgets::JobsModel model(&pool);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Core::JobRecord record = makeJob(dir.path(), QStringLiteral("m"), {QStringLiteral("out:calibrated")});
    // The transform as StepReuse leaves it: succeeded an hour ago, in another run.
    Core::StepRecord &transform = record.steps[0];
    transform.state = Core::StepState::Succeeded;
    transform.reusedFrom = QStringLiteral("20261127-090000-m");
    transform.finishedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    transform.startedAt = transform.finishedAt.addSecs(-600);
    auto *job = pool.submit(record);
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished(job); }, 10000));
    ASSERT_EQ(job->state(), Core::JobState::Succeeded);
    const QModelIndex jobIndex = model.index(0, 0);
    EXPECT_EQ(model.index(0, Widgets::JobsModel::StatusColumn, jobIndex).data().toString(), QStringLiteral("reused"));
    EXPECT_TRUE(model.index(0, Widgets::JobsModel::StatusColumn, jobIndex).data(Qt::ToolTipRole).toString().contains(transform.reusedFrom));
    EXPECT_EQ(model.index(1, Widgets::JobsModel::StatusColumn, jobIndex).data().toString(), QStringLiteral("succeeded"));
    EXPECT_EQ(model.index(0, Widgets::JobsModel::ElapsedColumn, jobIndex).data().toString(), QStringLiteral("0:10:00"));
    // The run itself took seconds, not the ten minutes of the reused transform.
    EXPECT_TRUE(model.index(0, Widgets::JobsModel::ElapsedColumn).data().toString().startsWith(QStringLiteral("0:00:")))
        << model.index(0, Widgets::JobsModel::ElapsedColumn).data().toString().toStdString();
    EXPECT_EQ(job->record().steps.at(0).attempts, 0) << "a reused step is not run";
}

/** Three finished runs (as the history lists them), oldest first. */
static QList<Core::JobRecord> finishedRuns(const QString &root)
{
    QList<Core::JobRecord> runs;
    for (const char *name : {"old", "middle", "new"}) {
        Core::JobRecord run = makeJob(root, QString::fromLatin1(name), {QStringLiteral("out:calibrated")});
        run.state = Core::JobState::Succeeded;
        for (Core::StepRecord &s : run.steps)
            s.state = Core::StepState::Succeeded;
        runs.append(run);
    }
    return runs;
}

TEST(JobsModel, RemovesTheRowsOfJobsThePoolDrops)
{
    QTemporaryDir dir;
    Core::JobPool pool;
    Widgets::JobsModel model(&pool);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    pool.addHistory(finishedRuns(dir.path()));
    ASSERT_EQ(model.rowCount(), 3);
    Core::ConversionJob *newest = pool.jobs().last();
    const QPersistentModelIndex step(model.index(1, Widgets::JobsModel::StatusColumn, model.index(2, 0)));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    pool.setFinishedJobLimit(1);

    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(removed.count(), 2);
    EXPECT_EQ(model.jobAt(model.index(0, 0)), newest);
    // A step row of a job below the dropped ones still points at its own job and step.
    ASSERT_TRUE(step.isValid());
    EXPECT_EQ(step.parent().row(), 0);
    EXPECT_EQ(model.jobAt(step), newest);
    EXPECT_EQ(step.sibling(step.row(), 0).data(Widgets::JobsModel::StepIdRole).toString(), QStringLiteral("calibration"));
    EXPECT_EQ(step.data().toString(), QStringLiteral("succeeded"));
}

TEST(LogView, BatchesLinesAndKeepsOnlyTheCap)
{
    Widgets::LogView view;
    view.setMaximumLines(1000);
    for (int i = 0; i < 20000; ++i)
        view.appendLine(i % 2 ? Core::OutputStream::Stderr : Core::OutputStream::Stdout, QStringLiteral("line %1").arg(i));
    // Nothing is inserted until the batch timer fires.
    EXPECT_EQ(view.pendingLineCount(), 20000);
    EXPECT_TRUE(view.editor()->document()->isEmpty());
    ASSERT_TRUE(QTest::qWaitFor([&] { return view.pendingLineCount() == 0; }, 2000));
    const QTextDocument *doc = view.editor()->document();
    EXPECT_EQ(doc->blockCount(), 1000);
    EXPECT_EQ(doc->firstBlock().text(), QStringLiteral("line 19000"));
    EXPECT_EQ(doc->lastBlock().text(), QStringLiteral("line 19999"));
    // Plain stderr is not an error: not red, only set apart from stdout.
    const QColor err = doc->lastBlock().begin().fragment().charFormat().foreground().color();
    const QColor out = doc->lastBlock().previous().begin().fragment().charFormat().foreground().color();
    EXPECT_NE(err, QColor(0xc6, 0x28, 0x28));
    EXPECT_NE(out, err);
    EXPECT_TRUE(view.find(QStringLiteral("line 19500")));
    EXPECT_EQ(view.editor()->textCursor().selectedText(), QStringLiteral("line 19500"));
    EXPECT_FALSE(view.find(QStringLiteral("line 5")) && view.editor()->textCursor().block().text() == QStringLiteral("line 5"));
}

TEST(LogView, EvictsTheOldestLinesAcrossFlushesAndWhenTheCapShrinks)
{
    Widgets::LogView view;
    view.setMaximumLines(300);
    // Waves smaller than the cap reach the document whole, so the cap is kept by eviction.
    for (int wave = 0; wave < 4; ++wave) {
        for (int i = 0; i < 200; ++i) {
            const int n = wave * 200 + i;
            view.appendLine(n % 3 == 0 ? Core::OutputStream::Stderr : Core::OutputStream::Stdout,
                            n % 3 == 0 ? QStringLiteral("RuntimeError: line %1").arg(n) : QStringLiteral("line %1").arg(n));
        }
        ASSERT_TRUE(QTest::qWaitFor([&] { return view.pendingLineCount() == 0; }, 2000));
    }
    const QTextDocument *doc = view.editor()->document();
    EXPECT_EQ(doc->blockCount(), 300);
    EXPECT_EQ(doc->firstBlock().text(), QStringLiteral("line 500"));
    EXPECT_EQ(doc->lastBlock().text(), QStringLiteral("line 799"));
    // Each kept line keeps its own colour: line 500 is plain, line 501 an error.
    const auto colourOf = [](const QTextBlock &block) { return block.begin().fragment().charFormat().foreground().color(); };
    EXPECT_NE(colourOf(doc->firstBlock()), QColor(0xc6, 0x28, 0x28));
    EXPECT_EQ(colourOf(doc->findBlockByNumber(1)), QColor(0xc6, 0x28, 0x28));
    view.setMaximumLines(10);
    EXPECT_EQ(doc->blockCount(), 10);
    EXPECT_EQ(doc->firstBlock().text(), QStringLiteral("line 790"));
    EXPECT_EQ(doc->lastBlock().text(), QStringLiteral("line 799"));
}

// The bytes tqdm writes on stderr during calibration, cut into pipe-sized chunks at awkward
// places, go through core's splitter as ProcessRunner feeds them.
TEST(LogView, ATqdmBarIsOneUpdatingLineAndOnlyErrorsAreRed)
{
    Widgets::LogView view;
    Core::LineSplitter err;
    Core::LineSplitter out;
    const auto feed = [&view](Core::LineSplitter &splitter, Core::OutputStream stream, const QByteArray &bytes) {
        for (const Core::LineSplitter::Line &line : splitter.feed(bytes))
            view.appendLine(stream, line.text, line.overwrite);
    };
    const auto settle = [&view] { return QTest::qWaitFor([&] { return view.pendingLineCount() == 0; }, 2000); };
    // tqdm starts every redraw with '\r': a state shows once the next one (or '\n') ends it.
    feed(out, Core::OutputStream::Stdout, "calibration start\n");
    feed(err, Core::OutputStream::Stderr, "\r  0%|          | 0/3 [00:00<?, ?it/s]");
    feed(err, Core::OutputStream::Stderr, "\r 33%|\xe2\x96\x88\xe2");
    feed(err, Core::OutputStream::Stderr, "\x96\x8e      | 1/3 [00:00<00:00,  9.8it/s]");
    ASSERT_TRUE(settle());
    const QTextDocument *doc = view.editor()->document();
    ASSERT_EQ(doc->blockCount(), 2) << doc->toPlainText().toStdString();
    EXPECT_EQ(doc->lastBlock().text(), QStringLiteral("  0%|          | 0/3 [00:00<?, ?it/s]"));
    // A stdout line between two redraws does not freeze the bar: it keeps updating in place.
    feed(out, Core::OutputStream::Stdout, "image 2 of 3\n");
    feed(err, Core::OutputStream::Stderr, "\r 67%|\xe2\x96\x88\xe2\x96\x88\xe2\x96\x8b   | 2/3 [00:00<00:00,  9.9it/s]");
    ASSERT_TRUE(settle());
    ASSERT_EQ(doc->blockCount(), 3) << doc->toPlainText().toStdString();
    EXPECT_EQ(doc->findBlockByNumber(1).text(), QStringLiteral(" 33%|█▎      | 1/3 [00:00<00:00,  9.8it/s]"));
    feed(err, Core::OutputStream::Stderr, "\r100%|\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88| 3/3 [00:00<00:00, 10.0it/s]\n"
                                          "Traceback (most recent call last):\n");
    feed(out, Core::OutputStream::Stdout, "ValueError: bad calibration image\n");
    ASSERT_TRUE(settle());
    ASSERT_EQ(doc->blockCount(), 5) << doc->toPlainText().toStdString();
    EXPECT_EQ(doc->findBlockByNumber(0).text(), QStringLiteral("calibration start"));
    EXPECT_EQ(doc->findBlockByNumber(1).text(), QStringLiteral("100%|███| 3/3 [00:00<00:00, 10.0it/s]"));
    EXPECT_EQ(doc->findBlockByNumber(2).text(), QStringLiteral("image 2 of 3"));
    EXPECT_EQ(doc->findBlockByNumber(3).text(), QStringLiteral("Traceback (most recent call last):"));
    EXPECT_EQ(doc->findBlockByNumber(4).text(), QStringLiteral("ValueError: bad calibration image"));
    const auto colourOf = [doc](int n) { return doc->findBlockByNumber(n).begin().fragment().charFormat().foreground().color(); };
    const QColor red(0xc6, 0x28, 0x28);
    EXPECT_NE(colourOf(1), red) << "a progress bar on stderr is not an error";
    EXPECT_NE(colourOf(1), colourOf(0)) << "stderr is a shade apart from stdout";
    EXPECT_EQ(colourOf(3), red);
    EXPECT_EQ(colourOf(4), red) << "an error is red on stdout too";
    // A new bar after the finished one starts a line of its own.
    feed(err, Core::OutputStream::Stderr, "\r  0%|          | 0/2\r 50%|     | 1/2");
    ASSERT_TRUE(settle());
    EXPECT_EQ(doc->blockCount(), 6);
    EXPECT_EQ(doc->lastBlock().text(), QStringLiteral("  0%|          | 0/2"));
    EXPECT_EQ(doc->findBlockByNumber(1).text(), QStringLiteral("100%|███| 3/3 [00:00<00:00, 10.0it/s]"));
}

TEST(ToolchainSettingsForm, RoundTripsThroughQSettings)
{
    QTemporaryDir dir;
    Core::ToolchainSettings s;
    s.backend = Core::ToolchainSettings::Backend::Docker;
    s.image = QStringLiteral("me/tpu:1.15");
    s.container = QStringLiteral("tpu dev");
    s.maxConcurrency = 3;
    s.stepTimeoutMinutes = 90;
    Widgets::ToolchainSettingsForm form;
    QSignalSpy changed(&form, &Widgets::ToolchainSettingsForm::changed);
    form.setSettings(s);
    EXPECT_EQ(changed.count(), 0) << "programmatic changes are not edits";
    EXPECT_EQ(form.settings(), s);
    QSettings store(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    form.settings().save(store);
    EXPECT_EQ(Core::ToolchainSettings::load(store), s);
}

TEST(JobsPanel, CancelStopsTheSelectedRunAndEnablesRetry)
{
    QTemporaryDir dir;
    Core::JobPool pool;
    pool.setBackend(nativeBackend());
    pool.setKillGracePeriod(200);
    Widgets::JobsPanel panel(&pool);
    QSignalSpy problems(&panel, &Widgets::JobsPanel::diagnosticsChanged);
    auto *job = pool.submit(makeJob(dir.path(), QStringLiteral("m"), {QStringLiteral("out:calibrating"), QStringLiteral("sleep:60000")}));
    panel.select(job);
    EXPECT_TRUE(panel.view()->isExpanded(panel.model()->index(0, 0))) << "a selected run shows its steps";
    ASSERT_TRUE(QTest::qWaitFor([&] { return job->runningStep() == 1; }, 10000));
    EXPECT_TRUE(panel.cancelAction()->isEnabled());
    // The live log of the running step shows up in the view.
    ASSERT_TRUE(QTest::qWaitFor([&] { return panel.logView()->editor()->toPlainText().contains(QStringLiteral("calibrating")); }, 5000));
    panel.cancelAction()->trigger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished(job); }, 10000));
    EXPECT_EQ(job->state(), Core::JobState::Cancelled);
    EXPECT_TRUE(panel.retryAction()->isEnabled());
    EXPECT_FALSE(panel.cancelAction()->isEnabled());
    EXPECT_GE(problems.count(), 1);

    // Copy command of a step row.
    const QModelIndex stepIndex = panel.model()->index(1, 0, panel.model()->index(0, 0));
    panel.view()->setCurrentIndex(stepIndex);
    panel.copyCommandAction()->trigger();
    EXPECT_EQ(QGuiApplication::clipboard()->text(), job->record().steps.at(1).invocation.toUserOutput());
    QSignalSpy folder(&panel, &Widgets::JobsPanel::openFolderRequested);
    panel.openFolderAction()->trigger();
    ASSERT_EQ(folder.count(), 1);
    EXPECT_EQ(folder.first().first().toString(), job->record().directory);
}

TEST(JobsPanel, TheSelectedRunStaysListedWhenOlderRunsAreDropped)
{
    QTemporaryDir dir;
    Core::JobPool pool;
    pool.addHistory(finishedRuns(dir.path()));
    Widgets::JobsPanel panel(&pool);
    Core::ConversionJob *oldest = pool.jobs().first();
    Core::ConversionJob *newest = pool.jobs().last();
    panel.select(oldest);

    pool.setFinishedJobLimit(2);

    // The oldest is the one looked at: the middle one goes instead.
    QTreeView *view = panel.view();
    EXPECT_EQ(pool.jobs(), (QList<Core::ConversionJob *>{oldest, newest}));
    EXPECT_EQ(view->model()->rowCount(), 2);
    EXPECT_EQ(view->currentIndex().data(Widgets::JobsModel::JobIdRole).toString(), oldest->id());
}

// The dialog's defaults build the README's image: the pinned tpu_mlir from the index on the
// pinned base, tagged as the default image; a wheel replaces the version.
TEST(SetupToolchainDialog, DefaultsBuildTheReadmesImage)
{
    QSettings().clear();
    Widgets::SetupToolchainDialog dialog;
    const Core::ProvisioningPlan plan = dialog.plan();
    const Core::ProvisioningPlan readme; // the defaults ProvisioningPlan_ReadmeDockerfileAndDefaultsAgree checks
    EXPECT_EQ(plan.imageTag, readme.imageTag);
    EXPECT_EQ(plan.baseImage, readme.baseImage);
    EXPECT_EQ(plan.tpuMlirVersion, readme.tpuMlirVersion);
    EXPECT_TRUE(plan.wheelPath.isEmpty());
    const auto steps = plan.steps();
    ASSERT_TRUE(steps.has_value()) << steps.error().message.toStdString();
    EXPECT_EQ(steps->at(1).invocation.arguments, readme.steps()->at(1).invocation.arguments);

    EXPECT_TRUE(dialog.versionEdit()->isEnabled());
    dialog.wheelEdit()->setText(QStringLiteral("/nowhere/tpu_mlir-1.21.1-py3-none-any.whl"));
    EXPECT_FALSE(dialog.versionEdit()->isEnabled());
    EXPECT_FALSE(dialog.plan().steps().has_value());
}

// A finished run shows what its model needs on the device, from its device info step's file;
// here the model_tool dump published for a cv181x model (tennis_detect).
TEST(JobsPanel, ShowsWhatTheSelectedRunNeedsOnTheDevice)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile published(QStringLiteral(MCW_TEST_DATA_DIR "/logs/real-tennis-detection-model-info.txt"));
    ASSERT_TRUE(published.open(QIODevice::ReadOnly));
    const QByteArray dump = published.readAll();
    QFile info(dir.filePath(QStringLiteral("m_int8.cvimodel.info.txt")));
    ASSERT_TRUE(info.open(QIODevice::WriteOnly));
    info.write(dump);
    info.close();
    QFile model(dir.filePath(QStringLiteral("m_int8.cvimodel")));
    ASSERT_TRUE(model.open(QIODevice::WriteOnly));
    model.write(QByteArray(3 * 1024 * 1024, 'x')); // 3.00 MiB
    model.close();

    auto job = Core::ConversionPipeline::createJob(
        QStringLiteral("m"), dir.path(),
        {{QStringLiteral("device_info"), QStringLiteral("Device needs (INT8)"),
          Core::ToolInvocation{QStringLiteral("model_tool"), {QStringLiteral("--info"), QStringLiteral("m_int8.cvimodel")}, {}, {}},
          {}, QStringLiteral("m_int8.cvimodel.info.txt")}});
    ASSERT_TRUE(job);
    job->state = Core::JobState::Succeeded;
    job->steps[0].state = Core::StepState::Succeeded;
    Core::JobPool pool;
    pool.addHistory({*job});
    Widgets::JobsPanel panel(&pool);
    EXPECT_TRUE(panel.deviceNeedsText().isEmpty());
    panel.select(pool.jobs().first());
    const QString text = panel.deviceNeedsText();
    // The figures of the published dump: ION 11.73 MB, one weight section of 3120192 bytes.
    EXPECT_TRUE(text.contains(QStringLiteral("m_int8.cvimodel: file 3.00 MiB"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("ION 11.73 MB"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("weights %1 MiB").arg(3120192.0 / (1 << 20), 0, 'f', 2))) << text.toStdString();
}
