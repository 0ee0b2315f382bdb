// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <app/workbench/mainwindow.h>

#include <core/accuracy/quantizetable.h>
#include <core/logs/tensornames.h>
#include <core/mud/mudreader.h>
#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <tests/support/testpaths.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionsession.h>
#include <core/run/dockerengine.h>
#include <core/run/jobpool.h>
#include <core/run/leftoverprocesses.h>
#include <core/run/projectjobfactory.h>
#include <core/run/toolchainprobe.h>
#include <core/run/toolchainsettings.h>
#include <core/sha256.h>
#include <widgets/accuracy/accuracychartview.h>
#include <widgets/accuracy/accuracywidget.h>
#include <widgets/accuracy/layermetricsmodel.h>
#include <widgets/accuracy/qtableproposalmodel.h>
#include <widgets/accuracy/qtableproposalpanel.h>
#include <widgets/accuracy/rundeltamodel.h>
#include <widgets/common/stepbar.h>
#include <widgets/properties/propertiespanel.h>
#include <widgets/summary/modelsummarywidget.h>
#include <widgets/document/projectdocument.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/graphview.h>
#include <widgets/graphview/nodeitem.h>
#include <widgets/jobs/jobsmodel.h>
#include <widgets/jobs/jobspanel.h>
#include <widgets/preview/previewpanel.h>

#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include <unistd.h>

using namespace Mcw;

/** Saves a screenshot when MCW_SCREENSHOT_DIR is set (MCW_SCREENSHOT_WIDTH scales it down). */
static void screenshot(QWidget *widget, const QString &name)
{
    if (!qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR"))
        return;
    // Graphics layouts (the chart's legend and title) settle in posted events.
    QTest::qWait(50);
    QImage image = widget->grab().toImage();
    const int width = qEnvironmentVariableIntValue("MCW_SCREENSHOT_WIDTH");
    if (width > 0 && image.width() > width)
        image = image.scaledToWidth(width, Qt::SmoothTransformation);
    image.save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QLatin1Char('/') + name);
}

/** Exports the last run's bundle (off the UI thread) and waits for the result. */
static Core::Expected<QStringList> exportAndWait(App::MainWindow &window, const QString &destination)
{
    std::optional<Core::Expected<QStringList>> result;
    const auto connection = QObject::connect(&window, &App::MainWindow::bundleExportFinished, &window,
                                             [&result](const Core::Expected<QStringList> &files) { result = files; });
    window.exportBundle(destination, false);
    const bool finished = QTest::qWaitFor([&result] { return result.has_value(); }, 60000);
    QObject::disconnect(connection);
    return finished ? *result : Core::makeError(QStringLiteral("the export did not finish"));
}

/** Problems after the debounced project check of the last edit. */
static QList<Core::Diagnostic> settledProblems(App::MainWindow &window)
{
    EXPECT_TRUE(QTest::qWaitFor([&window] { return !window.isCheckingProject(); }, 20000));
    return window.problems();
}

/** The first row of \a table with a cell showing \a text, or -1. */
static int rowShowing(const QTableView *table, const QString &text)
{
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        for (int c = 0; c < table->model()->columnCount(); ++c) {
            if (table->model()->index(r, c).data().toString() == text)
                return r;
        }
    }
    return -1;
}

static bool waitForLayout(App::MainWindow &window)
{
    return QTest::qWaitFor([&] { return !window.isLoading(); }, 20000)
           && QTest::qWaitFor([&] { return window.graphView()->graphScene() != nullptr; }, 20000);
}

TEST(MainWindow, OpeningAModelStartsAProjectWithThePresetCut)
{
    App::MainWindow window;
    window.show();
    screenshot(&window, QStringLiteral("01-welcome.png"));
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(loaded.wait(20000));
    ASSERT_TRUE(waitForLayout(window));
    const Core::Project &p = window.document()->project();
    EXPECT_EQ(p.name, QStringLiteral("yolov8n"));
    EXPECT_EQ(p.modelType, QStringLiteral("yolov8"));
    EXPECT_EQ(p.cutTensors, (QStringList{QStringLiteral("/model.22/dfl/conv/Conv_output_0"),
                                         QStringLiteral("/model.22/Sigmoid_output_0")}));
    EXPECT_EQ(p.labels.size(), 80);
    EXPECT_FALSE(p.modelSha256.isEmpty());
    EXPECT_TRUE(window.isWindowModified());
    QTest::qWait(200);
    screenshot(&window, QStringLiteral("02-model.png"));
}

// The Problems dock took half the height and the empty Properties dock a third of the width.
TEST(MainWindow, TheGraphGetsMostOfTheWindowAtCommonSizes)
{
    for (const QSize size : {QSize(1440, 900), QSize(1920, 1080)}) {
        App::MainWindow window;
        window.resize(size);
        window.show();
        QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
        window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
        ASSERT_TRUE(loaded.wait(20000));
        ASSERT_TRUE(waitForLayout(window));
        QTest::qWait(200);
        const QSize graph = window.graphView()->size();
        EXPECT_GE(graph.width(), size.width() / 2) << size.width();
        EXPECT_GE(graph.height(), size.height() * 6 / 10) << size.height();
        // The model panel is wide enough for a tensor name and its shape side by side.
        auto *summary = window.findChild<Widgets::ModelSummaryWidget *>();
        ASSERT_NE(summary, nullptr);
        EXPECT_GE(summary->width(), 300);
        screenshot(&window, QStringLiteral("02-model-%1x%2.png").arg(size.width()).arg(size.height()));
    }
}

TEST(MainWindow, OpensMaximisedOnTheFirstStartAndAtItsSavedGeometryLater)
{
    QSettings().remove(QStringLiteral("mainWindow"));
    {
        App::MainWindow window;
        window.showAtStart();
        EXPECT_TRUE(window.isMaximized());
    }
    QSize saved;
    {
        App::MainWindow window;
        window.resize(1100, 850);
        window.show();
        QTest::qWait(50);
        saved = window.size(); // the docks' minimum sizes may have grown it
        window.close();        // saves geometry and dock state
    }
    App::MainWindow window;
    window.showAtStart();
    EXPECT_FALSE(window.isMaximized());
    EXPECT_EQ(window.size(), saved);
    QSettings().remove(QStringLiteral("mainWindow"));
}

TEST(MainWindow, CutEditsAndFormEditsShareOneUndoHistory)
{
    App::MainWindow window;
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(loaded.wait(20000));
    const QStringList preset = window.document()->project().cutTensors;
    Core::Project edited = window.document()->project();
    edited.labels = {QStringLiteral("only")};
    window.document()->edit(edited, QStringLiteral("labels"));
    // Problems follow the project: one label for an 80-class model is an error.
    bool labelProblem = false;
    for (const Core::Diagnostic &d : settledProblems(window))
        labelProblem = labelProblem || d.code == QStringLiteral("label_count");
    EXPECT_TRUE(labelProblem);
    window.document()->toggleCutTensor(QStringLiteral("/model.22/Concat_1_output_0"));
    EXPECT_EQ(window.document()->project().cutTensors.size(), 3);
    window.document()->undoStack()->undo();
    EXPECT_EQ(window.document()->project().cutTensors, preset);
    window.document()->undoStack()->undo();
    EXPECT_EQ(window.document()->project().labels.size(), 80);
}

TEST(MainWindow, SavedProjectReopensWithItsSettings)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    {
        App::MainWindow window;
        QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
        window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
        ASSERT_TRUE(loaded.wait(20000));
        Core::Project edited = window.document()->project();
        edited.preprocess.padValue = 114;
        window.document()->edit(edited, QStringLiteral("pad"));
        ASSERT_TRUE(window.saveProjectAs(path));
        EXPECT_FALSE(window.isWindowModified());
    }
    App::MainWindow window;
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openProject(path);
    ASSERT_TRUE(loaded.wait(20000));
    EXPECT_EQ(window.document()->project().preprocess.padValue, 114);
    EXPECT_EQ(window.document()->filePath(), path);
    EXPECT_EQ(window.document()->project().cutTensors.size(), 2);
}

TEST(MainWindow, ABrokenModelKeepsTheCurrentOne)
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.onnx"));
    QFile f(broken);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("garbage");
    f.close();
    App::MainWindow window;
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("classifier")));
    ASSERT_TRUE(loaded.wait(20000));
    QSignalSpy failed(&window, &App::MainWindow::modelLoadFailed);
    window.openModel(broken);
    ASSERT_TRUE(failed.wait(20000));
    EXPECT_TRUE(failed.at(0).at(0).toString().startsWith(broken));
    EXPECT_EQ(window.currentGraph().filePath(), Tests::generatedModel(QStringLiteral("classifier")));
}

// --- The whole journey, offscreen, on the tpu-mlir doubles (issue 8) ----------------------------

namespace {

/** Main window on the bundled-sample-shaped YOLOv8n, pointed at the test doubles. */
struct Journey
{
    QTemporaryDir dir;
    App::MainWindow window;

    Journey()
    {
        // As on a first start: no probe stored by an earlier test of this process, whose fakes
        // may have said another tpu-mlir version (FAKE_TPU_VERSION).
        QSettings().remove(QStringLiteral("toolchain/capabilities"));
        Core::ToolchainSettings settings;
        settings.backend = Core::ToolchainSettings::Backend::Native;
        settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
        window.setToolchainSettings(settings);
        qputenv("FAKE_TPU_SPEED", "0");
        window.resize(1440, 900);
        window.show();
    }

    bool open()
    {
        QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
        window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
        return loaded.wait(20000) && waitForLayout(window);
    }

    /** Fills the forms as a user would: buttons, line edits and spin boxes of the real panels. */
    void configure()
    {
        QAction *preset = action(QStringLiteral("Apply &Preset Cut"));
        ASSERT_NE(preset, nullptr);
        window.document()->setCutTensors({});
        preset->trigger();
        ASSERT_EQ(window.document()->project().cutTensors.size(), 2);

        QPushButton *fromModel = button(QStringLiteral("From model"));
        ASSERT_NE(fromModel, nullptr);
        QTest::mouseClick(fromModel, Qt::LeftButton);
        ASSERT_EQ(window.document()->project().labels.size(), 80);

        auto *dataset = window.findChild<QLineEdit *>(QStringLiteral("datasetFolder"));
        ASSERT_NE(dataset, nullptr);
        dataset->setFocus();
        dataset->setText(Tests::photoDir());
        QTest::keyClick(dataset, Qt::Key_Return);
        ASSERT_EQ(window.document()->project().quantization.datasetDir, Tests::photoDir());
        auto *count = dataset->parentWidget()->findChild<QSpinBox *>();
        ASSERT_NE(count, nullptr);
        count->setValue(5);

        auto *testImage = window.findChild<QLineEdit *>(QStringLiteral("testImage"));
        ASSERT_NE(testImage, nullptr);
        testImage->setFocus();
        testImage->setText(Tests::photoDir() + QStringLiteral("/astronaut.png"));
        QTest::keyClick(testImage, Qt::Key_Return);
        ASSERT_FALSE(window.document()->project().testImage.isEmpty());
        ASSERT_TRUE(window.saveProjectAs(dir.filePath(QStringLiteral("yolov8n.yaml"))));
    }

    QAction *action(const QString &text) const
    {
        for (QAction *a : window.findChildren<QAction *>()) {
            if (a->text() == text)
                return a;
        }
        return nullptr;
    }

    QPushButton *button(const QString &text) const
    {
        for (QPushButton *b : window.findChildren<QPushButton *>()) {
            if (b->text() == text)
                return b;
        }
        return nullptr;
    }

    /** Convert → Run Conversion, then wait for the job to end. */
    bool convert()
    {
        QSignalSpy finished(&window, &App::MainWindow::conversionFinished);
        QAction *run = action(QStringLiteral("&Run Conversion"));
        if (!run || !run->isEnabled())
            return false;
        run->trigger();
        return finished.wait(120000) && finished.at(0).at(0).toBool();
    }
};

} // namespace

TEST(Journey, FromOnnxToBundleWithOneLayerKeptInBf16)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    screenshot(&j.window, QStringLiteral("03-configured.png"));
    EXPECT_FALSE(Core::hasErrors(settledProblems(j.window)));

    QSignalSpy accuracy(&j.window, &App::MainWindow::accuracyUpdated);
    ASSERT_TRUE(j.convert());
    ASSERT_TRUE(accuracy.wait(30000));
    EXPECT_TRUE(j.window.hasAccuracy());
    screenshot(&j.window, QStringLiteral("04-accuracy.png"));

    // The first conv's calibration threshold shows in the properties panel, as the table says.
    QFile caliTable(QDir(j.window.lastJob()->directory).filePath(QStringLiteral("yolov8n_cali_table")));
    ASSERT_TRUE(caliTable.open(QIODevice::ReadOnly));
    QString threshold;
    for (const QByteArray &line : caliTable.readAll().split('\n')) {
        if (line.startsWith("/model.0/conv/Conv_output_0_Conv "))
            threshold = QString::number(line.split(' ').at(1).toDouble(), 'g', 8);
    }
    ASSERT_FALSE(threshold.isEmpty());
    const int conv = j.window.currentGraph().nodeIndex(QStringLiteral("/model.0/conv/Conv"));
    j.window.graphView()->selectNode(j.window.graphView()->viewGraph().displayNodeOfOnnxNode(conv));
    auto *panel = j.window.findChild<Widgets::PropertiesPanel *>();
    ASSERT_NE(panel, nullptr);
    QTreeWidget *tree = panel->tree();
    EXPECT_FALSE(tree->findItems(threshold, Qt::MatchExactly | Qt::MatchRecursive, 1).isEmpty())
        << threshold.toStdString();

    // Select a layer in the accuracy table and press "Keep in BF16": the quantize table lands in
    // the project and a new run starts.
    const QString layer = QStringLiteral("/model.0/conv/Conv_output_0_Conv");
    auto *table = j.window.findChild<QTableView *>(QStringLiteral("layerTable"));
    ASSERT_NE(table, nullptr);
    int row = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        for (int c = 0; c < table->model()->columnCount() && row < 0; ++c) {
            if (table->model()->index(r, c).data().toString() == layer)
                row = r;
        }
    }
    ASSERT_GE(row, 0);
    table->selectRow(row);
    auto *accuracyWidget = j.window.findChild<Widgets::AccuracyWidget *>();
    ASSERT_NE(accuracyWidget, nullptr);
    ASSERT_TRUE(accuracyWidget->keepInBf16Action()->isEnabled());
    QSignalSpy rerun(&j.window, &App::MainWindow::conversionFinished);
    const Core::JobRecord firstRun = *j.window.lastJob();
    accuracyWidget->keepInBf16Action()->trigger();
    ASSERT_EQ(j.window.document()->project().quantization.quantizeTable.size(), 1);
    ASSERT_TRUE(rerun.wait(120000));
    ASSERT_TRUE(rerun.at(0).at(0).toBool());
    ASSERT_TRUE(accuracy.wait(30000));
    QFile qtable(QDir(j.window.lastJob()->directory).filePath(QStringLiteral("yolov8n_qtable")));
    ASSERT_TRUE(qtable.open(QIODevice::ReadOnly));
    EXPECT_TRUE(qtable.readAll().contains(layer.toUtf8() + " BF16"));
    // Only the INT8 deploy (and its device figures) ran again: the transform and the calibration
    // came from the first run.
    const Core::JobRecord secondRun = *j.window.lastJob();
    ASSERT_NE(secondRun.id, firstRun.id);
    for (const Core::StepRecord &step : secondRun.steps) {
        const bool deploy = step.id == QLatin1String("deploy_int8") || step.id == QLatin1String("device_info");
        EXPECT_EQ(step.reusedFrom, deploy ? QString() : firstRun.id) << step.id.toStdString();
        EXPECT_EQ(step.state, Core::StepState::Succeeded) << step.id.toStdString();
    }
    screenshot(&j.window, QStringLiteral("05-rerun.png"));
    if (auto *jobs = j.window.findChild<Widgets::JobsPanel *>(); jobs && qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR")) {
        for (QWidget *w = jobs; w; w = w->parentWidget()) {
            if (auto *dock = qobject_cast<QDockWidget *>(w))
                dock->raise();
        }
        jobs->select(j.window.jobPool()->jobs().last());
        screenshot(&j.window, QStringLiteral("05b-jobs.png"));
    }

    // "Run Conversion from Scratch" runs every step again.
    QAction *fromScratch = nullptr;
    for (QAction *action : j.window.findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R))
            fromScratch = action;
    }
    ASSERT_NE(fromScratch, nullptr);
    ASSERT_TRUE(fromScratch->isEnabled());
    fromScratch->trigger();
    ASSERT_TRUE(rerun.wait(120000));
    ASSERT_TRUE(rerun.last().at(0).toBool());
    ASSERT_TRUE(accuracy.wait(30000));
    const Core::JobRecord scratchRun = *j.window.lastJob();
    for (const Core::StepRecord &step : scratchRun.steps) {
        EXPECT_TRUE(step.reusedFrom.isEmpty()) << step.id.toStdString();
        EXPECT_EQ(step.attempts, 1) << step.id.toStdString();
    }

    const QString bundle = j.dir.filePath(QStringLiteral("bundle"));
    const auto files = exportAndWait(j.window, bundle);
    ASSERT_TRUE(files) << files.error().message.toStdString();
    EXPECT_EQ(QDir(bundle).entryList(QDir::Files, QDir::Name),
              (QStringList{QStringLiteral("yolov8n.cvimodel"), QStringLiteral("yolov8n.mud"),
                           QStringLiteral("yolov8n.provenance.yaml")}));
    QFile mud(bundle + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud.open(QIODevice::ReadOnly));
    const QByteArray text = mud.readAll();
    EXPECT_TRUE(text.startsWith("[basic]\ntype = cvimodel\nmodel = yolov8n.cvimodel\n")) << text.constData();
    EXPECT_TRUE(text.contains("model_type = yolov8\n"));
    EXPECT_TRUE(text.contains("scale = 0.00392156862745098, 0.00392156862745098, 0.00392156862745098\n"));
    EXPECT_TRUE(text.contains("labels = person, bicycle, car,"));
    screenshot(&j.window, QStringLiteral("06-exported.png"));

    // The bundle opens again as a project with every setting (from its provenance file).
    App::MainWindow reopened;
    QSignalSpy loaded(&reopened, &App::MainWindow::modelLoaded);
    ASSERT_TRUE(reopened.importBundle(bundle + QStringLiteral("/yolov8n.mud")));
    ASSERT_TRUE(loaded.wait(20000));
    const Core::Project &imported = reopened.document()->project();
    EXPECT_EQ(imported.cutTensors, j.window.document()->project().cutTensors);
    EXPECT_EQ(imported.quantization.quantizeTable, j.window.document()->project().quantization.quantizeTable);
    EXPECT_EQ(imported.labels.size(), 80);
    EXPECT_EQ(imported.modelSha256, j.window.document()->project().modelSha256);
}

TEST(Journey, MaixCam2FromOnnxToBundleWithOneLayerKeptInU16)
{
    Journey j;
    qputenv("FAKE_PULSAR2_SPEED", "0");
    ASSERT_TRUE(j.open());
    j.configure();
    // The device picker in the project form, then the per-scale heads Sipeed's MaixCAM2 page cuts at.
    auto *device = j.window.findChild<QComboBox *>(QStringLiteral("device"));
    ASSERT_NE(device, nullptr);
    const int maixcam2 = device->findData(QStringLiteral("maixcam2"));
    device->setCurrentIndex(maixcam2);
    emit device->activated(maixcam2);
    ASSERT_EQ(j.window.document()->project().device, Core::Device::MaixCam2);
    j.window.document()->setCutTensors({QStringLiteral("/model.22/Concat_1_output_0"), QStringLiteral("/model.22/Concat_2_output_0"),
                                        QStringLiteral("/model.22/Concat_3_output_0")});
    EXPECT_FALSE(Core::hasErrors(settledProblems(j.window)));
    screenshot(&j.window, QStringLiteral("maixcam2-01-configured.png"));

    QSignalSpy accuracy(&j.window, &App::MainWindow::accuracyUpdated);
    ASSERT_TRUE(j.convert());
    const Core::JobRecord firstRun = *j.window.lastJob();
    ASSERT_EQ(firstRun.steps.size(), 2);
    EXPECT_EQ(firstRun.steps[0].id, QStringLiteral("build_npu"));
    EXPECT_EQ(firstRun.steps[1].id, QStringLiteral("build_vnpu"));
    ASSERT_TRUE(accuracy.wait(30000));
    EXPECT_TRUE(j.window.hasAccuracy());
    screenshot(&j.window, QStringLiteral("maixcam2-02-precision.png"));

    // The precision table's operator names are the layers "keep in higher precision" selects.
    const QString layer = QStringLiteral("/model.0/conv/Conv");
    auto *table = j.window.findChild<QTableView *>(QStringLiteral("layerTable"));
    ASSERT_NE(table, nullptr);
    const int row = rowShowing(table, layer);
    ASSERT_GE(row, 0);
    table->selectRow(row);
    auto *accuracyWidget = j.window.findChild<Widgets::AccuracyWidget *>();
    ASSERT_NE(accuracyWidget, nullptr);
    EXPECT_EQ(accuracyWidget->keepInBf16Action()->text(), QStringLiteral("Keep in U16"));
    QSignalSpy rerun(&j.window, &App::MainWindow::conversionFinished);
    accuracyWidget->keepInBf16Action()->trigger();
    EXPECT_EQ(j.window.document()->project().pulsar2.u16Layers, QStringList{layer});
    EXPECT_TRUE(j.window.document()->project().quantization.quantizeTable.isEmpty());
    ASSERT_TRUE(rerun.wait(120000));
    ASSERT_TRUE(rerun.at(0).at(0).toBool());
    const Core::JobRecord secondRun = *j.window.lastJob();
    ASSERT_NE(secondRun.id, firstRun.id);
    QFile config(QDir(secondRun.directory).filePath(QStringLiteral("yolov8n.npu.json")));
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    EXPECT_TRUE(config.readAll().contains("\"layer_names\": [\"/model.0/conv/Conv\"]"));

    const QString bundle = j.dir.filePath(QStringLiteral("bundle"));
    const auto files = exportAndWait(j.window, bundle);
    ASSERT_TRUE(files) << files.error().message.toStdString();
    EXPECT_EQ(QDir(bundle).entryList(QDir::Files, QDir::Name),
              (QStringList{QStringLiteral("yolov8n.mud"), QStringLiteral("yolov8n.provenance.yaml"),
                           QStringLiteral("yolov8n_npu.axmodel"), QStringLiteral("yolov8n_vnpu.axmodel")}));
    const auto mud = Core::MudReader::readFile(bundle + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud);
    EXPECT_EQ(mud->modelFormat, QStringLiteral("axmodel"));
    EXPECT_TRUE(mud->diagnostics.isEmpty()) << mud->diagnostics.value(0).message.toStdString();
    screenshot(&j.window, QStringLiteral("maixcam2-03-exported.png"));
}

/** Opens \a projectPath in \a window, as after a restart, and waits until its runs are listed. */
static bool openProjectAndItsRuns(App::MainWindow &window, const QString &projectPath)
{
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    QSignalSpy history(&window, &App::MainWindow::runHistoryLoaded);
    window.openProject(projectPath);
    return loaded.wait(20000) && (history.count() > 0 || history.wait(20000));
}

TEST(Journey, AReopenedProjectListsItsRunsAndReusesThem)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    ASSERT_TRUE(j.convert());
    const Core::JobRecord first = *j.window.lastJob();
    const QString projectPath = j.window.document()->filePath();

    // As after a restart: a new window with its own job pool opens the saved project.
    App::MainWindow restarted;
    Core::ToolchainSettings settings;
    settings.backend = Core::ToolchainSettings::Backend::Native;
    settings.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
    restarted.setToolchainSettings(settings);
    QSignalSpy accuracy(&restarted, &App::MainWindow::accuracyUpdated);
    ASSERT_TRUE(openProjectAndItsRuns(restarted, projectPath));
    ASSERT_EQ(restarted.jobPool()->jobs().size(), 1);
    const Core::ConversionJob *listed = restarted.jobPool()->jobs().first();
    EXPECT_EQ(listed->id(), first.id);
    EXPECT_EQ(listed->state(), Core::JobState::Succeeded);
    auto *jobsView = restarted.findChild<Widgets::JobsPanel *>();
    ASSERT_NE(jobsView, nullptr);
    EXPECT_EQ(jobsView->model()->rowCount(), 1);
    // Its accuracy is back without converting again, and its bundle can be exported.
    ASSERT_TRUE(accuracy.wait(30000));
    EXPECT_TRUE(restarted.hasAccuracy());
    ASSERT_TRUE(restarted.lastJob());
    EXPECT_EQ(restarted.lastJob()->id, first.id);
    EXPECT_TRUE(exportAndWait(restarted, j.dir.filePath(QStringLiteral("bundle"))));

    // Nothing changed: converting again copies every step from the earlier run.
    QSignalSpy finished(&restarted, &App::MainWindow::conversionFinished);
    ASSERT_TRUE(restarted.runConversion());
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_TRUE(finished.at(0).at(0).toBool());
    const Core::JobRecord again = *restarted.lastJob();
    for (const Core::StepRecord &step : again.steps)
        EXPECT_EQ(step.reusedFrom, first.id) << step.id.toStdString();
}

TEST(Journey, AReopenedProjectNamesItsUnreadableRunAndEndsWhatAnInterruptedRunLeftRunning)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    ASSERT_TRUE(j.convert());
    const Core::JobRecord first = *j.window.lastJob();
    const QDir runs = QFileInfo(first.directory).dir();

    // A run the app was killed in, its tool still running with no session or watcher left.
    Core::JobRecord interrupted = first;
    interrupted.id = QStringLiteral("interrupted-run");
    interrupted.directory = runs.filePath(interrupted.id);
    interrupted.createdAt = first.createdAt.addSecs(1);
    interrupted.state = Core::JobState::Running;
    ASSERT_TRUE(QDir().mkpath(interrupted.directory));
    ASSERT_TRUE(interrupted.save());
    QProcess tool;
    QProcessEnvironment env = Core::LeftoverProcesses::marked(QProcessEnvironment::systemEnvironment(),
                                                              interrupted.directory);
    env.insert(QStringLiteral("MCW_SESSION"), QStringLiteral("0:0")); // no such session
    tool.setProcessEnvironment(env);
    tool.setChildProcessModifier([] { ::setsid(); });
    tool.start(QStringLiteral("sleep"), {QStringLiteral("600")});
    ASSERT_TRUE(tool.waitForStarted());
    // A run whose job.json a full disk cut short.
    const QString damaged = runs.filePath(QStringLiteral("damaged-run/job.json"));
    ASSERT_TRUE(QDir().mkpath(QFileInfo(damaged).path()));
    QFile original(first.jsonPath());
    ASSERT_TRUE(original.open(QIODevice::ReadOnly));
    QFile cut(damaged);
    ASSERT_TRUE(cut.open(QIODevice::WriteOnly));
    cut.write(original.read(200));
    cut.close();

    App::MainWindow restarted;
    restarted.resize(1440, 900);
    restarted.show();
    ASSERT_TRUE(openProjectAndItsRuns(restarted, j.window.document()->filePath()));

    // Its end may have been seen while the history loaded (then waitForFinished says false).
    EXPECT_TRUE(tool.state() == QProcess::NotRunning || tool.waitForFinished(5000))
        << "the interrupted run's tool still runs";
    ASSERT_EQ(restarted.jobPool()->jobs().size(), 2);
    const Core::ConversionJob *listed = restarted.jobPool()->job(interrupted.id);
    ASSERT_NE(listed, nullptr);
    EXPECT_EQ(listed->state(), Core::JobState::Failed);
    QStringList unreadable;
    QStringList ended;
    for (const Core::Diagnostic &d : restarted.problems()) {
        if (d.stage != QStringLiteral("runs"))
            continue;
        (d.severity == Core::Diagnostic::Severity::Warning ? unreadable : ended).append(d.message);
        EXPECT_NE(d.severity, Core::Diagnostic::Severity::Error) << d.message.toStdString();
    }
    ASSERT_EQ(unreadable.size(), 1);
    EXPECT_TRUE(unreadable.first().contains(damaged)) << unreadable.first().toStdString();
    EXPECT_EQ(ended, QStringList{QDir::toNativeSeparators(interrupted.directory)
                                 + QStringLiteral(": ended 1 process the interrupted run had left running.")});
    // Opened without a message of its own: the status bar shows one text, not two over each other.
    const QList<QLabel *> statusLabels = restarted.statusBar()->findChildren<QLabel *>();
    EXPECT_FALSE(!restarted.statusBar()->currentMessage().isEmpty()
                 && std::any_of(statusLabels.cbegin(), statusLabels.cend(), [](const QLabel *label) {
                        return label->isVisible() && !label->text().isEmpty();
                    }))
        << restarted.statusBar()->currentMessage().toStdString();
    auto *problemsDock = restarted.findChild<QDockWidget *>(QStringLiteral("problemsDock"));
    ASSERT_NE(problemsDock, nullptr);
    problemsDock->raise();
    screenshot(&restarted, QStringLiteral("reopened-with-damaged-and-interrupted-runs.png"));
    // The damaged file is left as it was.
    QFile kept(damaged);
    ASSERT_TRUE(kept.open(QIODevice::ReadOnly));
    EXPECT_EQ(kept.size(), 200);
}

TEST(Journey, AnyEarlierRunCanBeShownOrCompared)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    ASSERT_TRUE(j.convert());
    const Core::JobRecord first = *j.window.lastJob();
    QSignalSpy finished(&j.window, &App::MainWindow::conversionFinished);
    ASSERT_TRUE(j.window.runConversion(false));
    ASSERT_TRUE(finished.wait(60000));
    const Core::JobRecord second = *j.window.lastJob();
    ASSERT_NE(first.id, second.id);

    auto *jobs = j.window.findChild<Widgets::JobsPanel *>();
    ASSERT_NE(jobs, nullptr);
    const QModelIndex firstRow = jobs->model()->index(0, 0);
    ASSERT_EQ(firstRow.data(Widgets::JobsModel::JobIdRole).toString(), first.id);
    jobs->view()->setCurrentIndex(firstRow);
    ASSERT_TRUE(jobs->compareAction()->isEnabled());
    ASSERT_TRUE(jobs->showResultsAction()->isEnabled());

    // Compare: the first run is overlaid on the second's chart, which stays the shown run.
    QSignalSpy compared(&j.window, &App::MainWindow::comparisonUpdated);
    jobs->compareAction()->trigger();
    ASSERT_TRUE(compared.wait(30000));
    auto *accuracy = j.window.findChild<Widgets::AccuracyWidget *>();
    ASSERT_NE(accuracy, nullptr);
    EXPECT_GT(accuracy->deltaModel()->rowCount(), 0);
    EXPECT_TRUE(accuracy->chartView()->chart()->title().contains(first.id)) << qPrintable(accuracy->chartView()->chart()->title());
    EXPECT_EQ(j.window.lastJob()->id, second.id);

    // Show Results: the first run becomes the shown one (its chart; Export Bundle exports it).
    QSignalSpy shown(&j.window, &App::MainWindow::accuracyUpdated);
    jobs->showResultsAction()->trigger();
    ASSERT_TRUE(shown.wait(30000));
    EXPECT_EQ(j.window.lastJob()->id, first.id);
    EXPECT_TRUE(accuracy->chartView()->chart()->title().startsWith(QStringLiteral("INT8 ") + first.id))
        << qPrintable(accuracy->chartView()->chart()->title());
    const QString bundle = j.dir.filePath(QStringLiteral("first-bundle"));
    ASSERT_TRUE(exportAndWait(j.window, bundle));
    EXPECT_EQ(*Core::sha256OfFile(bundle + QStringLiteral("/yolov8n.cvimodel")),
              *Core::sha256OfFile(QDir(first.directory).filePath(QStringLiteral("yolov8n_int8.cvimodel"))));
}

TEST(Journey, ALayerKeptInBf16GoesBackToInt8WithADeployOnly)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    QSignalSpy accuracy(&j.window, &App::MainWindow::accuracyUpdated);
    ASSERT_TRUE(j.convert());
    ASSERT_TRUE(accuracy.wait(30000));
    const QString layer = QStringLiteral("/model.0/conv/Conv_output_0_Conv");
    auto *accuracyWidget = j.window.findChild<Widgets::AccuracyWidget *>();
    ASSERT_NE(accuracyWidget, nullptr);
    const auto selectLayer = [&] {
        for (int r = 0; r < accuracyWidget->model()->rowCount(); ++r) {
            if (accuracyWidget->model()->layer(r).tensorName == layer) {
                accuracyWidget->activateLayer(r);
                return true;
            }
        }
        return false;
    };
    QSignalSpy finished(&j.window, &App::MainWindow::conversionFinished);
    ASSERT_TRUE(selectLayer());
    ASSERT_EQ(accuracyWidget->keepInBf16Action()->text(), QStringLiteral("Keep in BF16"));
    accuracyWidget->keepInBf16Action()->trigger();
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_TRUE(accuracy.wait(30000));
    const Core::JobRecord withBf16 = *j.window.lastJob();

    ASSERT_TRUE(selectLayer());
    ASSERT_EQ(accuracyWidget->keepInBf16Action()->text(), QStringLiteral("Back to INT8"));
    accuracyWidget->keepInBf16Action()->trigger();
    EXPECT_TRUE(j.window.document()->project().quantization.quantizeTable.isEmpty());
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_TRUE(finished.last().at(0).toBool());
    const Core::JobRecord back = *j.window.lastJob();
    for (const Core::StepRecord &step : back.steps) {
        const bool deploy = step.id == QLatin1String("deploy_int8") || step.id == QLatin1String("device_info");
        EXPECT_EQ(step.reusedFrom.isEmpty(), deploy) << step.id.toStdString();
    }
    EXPECT_FALSE(back.steps.at(back.stepIndex(QStringLiteral("deploy_int8"))).executedCommand.contains(QStringLiteral("--quantize_table")));
    EXPECT_NE(back.id, withBf16.id);
}

TEST(Journey, MissingCalibrationTableIsNamedInOneSentence)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    qputenv("FAKE_TPU_SCENARIO", "missing_cali_table");
    const bool ok = j.convert();
    qunsetenv("FAKE_TPU_SCENARIO");
    EXPECT_FALSE(ok);
    QStringList sentences;
    for (const Core::Diagnostic &d : j.window.problems()) {
        if (d.code == QStringLiteral("missing_calibration_table"))
            sentences.append(d.message);
    }
    ASSERT_EQ(sentences.size(), 1);
    EXPECT_TRUE(sentences.first().endsWith(QLatin1Char('.')));
    EXPECT_EQ(sentences.first().count(QStringLiteral(". ")), 0) << sentences.first().toStdString();
    screenshot(&j.window, QStringLiteral("07-failed-calibration.png"));
}

// The cut's one home: Ctrl+clicks on the graph become the project's cut and, through the session,
// the `--output_names` of the transform step recorded in the job.
TEST(Journey, ClicksOnTheGraphBecomeTheOutputNamesOfTheRecordedJob)
{
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    j.window.document()->setCutTensors({});
    Widgets::GraphView *view = j.window.graphView();
    view->setZoom(1.0);
    const QStringList clicked{QStringLiteral("/model.22/Sigmoid_output_0"), QStringLiteral("/model.22/dfl/conv/Conv_output_0")};
    for (const QString &onnxNode : {QStringLiteral("/model.22/Sigmoid"), QStringLiteral("/model.22/dfl/conv/Conv")}) {
        const int display = view->viewGraph().displayNodeOfOnnxNode(j.window.currentGraph().nodeIndex(onnxNode));
        ASSERT_GE(display, 0) << onnxNode.toStdString();
        const QPointF centre = view->graphScene()->nodeItem(display)->box().center();
        view->centerOn(centre);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, view->mapFromScene(centre));
    }
    ASSERT_EQ(j.window.document()->project().cutTensors, clicked);
    EXPECT_EQ(j.window.document()->undoStack()->undoText(), QStringLiteral("Add cut point /model.22/dfl/conv/Conv_output_0"));
    ASSERT_TRUE(j.convert());
    const auto recorded = Core::JobRecord::load(j.window.lastJob()->directory);
    ASSERT_TRUE(recorded.has_value());
    const QStringList args = recorded->steps.at(recorded->stepIndex(QStringLiteral("transform"))).invocation.arguments;
    const qsizetype at = args.indexOf(QStringLiteral("--output_names"));
    ASSERT_GE(at, 0);
    EXPECT_EQ(args.at(at + 1), clicked.join(QLatin1Char(',')));
}

// The GUI plans with what the toolchain accepts: tpu-mlir 1.7 has no --cali_method, so a project
// asking for use_mse must not pass it (the run would stop on a usage error). The recorded steps
// are the ones ProjectJobFactory builds from an independent probe of the same toolchain.
TEST(Journey, RunsArePlannedWithTheProbedCapabilities)
{
    qputenv("FAKE_TPU_VERSION", "1.7");
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    Core::Project project = j.window.document()->project();
    project.quantization.calibrationMethod = QStringLiteral("use_mse");
    j.window.document()->edit(project, QStringLiteral("method"));
    QStringList shown;
    QObject::connect(j.window.statusBar(), &QStatusBar::messageChanged, j.window.statusBar(),
                     [&](const QString &message) { shown.append(message); });
    const bool converted = j.convert();
    ASSERT_TRUE(j.window.lastJob().has_value());
    const auto recorded = Core::JobRecord::load(j.window.lastJob()->directory);
    qunsetenv("FAKE_TPU_VERSION");
    ASSERT_TRUE(recorded.has_value());
    EXPECT_TRUE(converted) << recorded->steps.at(1).errorMessage.toStdString();

    Core::ToolchainProbe probe(j.window.session()->toolchain());
    qputenv("FAKE_TPU_VERSION", "1.7");
    QSignalSpy probed(&probe, &Core::ToolchainProbe::finished);
    probe.start();
    ASSERT_TRUE(probed.wait(30000));
    qunsetenv("FAKE_TPU_VERSION");
    ASSERT_TRUE(probe.result().has_value());
    EXPECT_FALSE(probe.result()->accepts(QStringLiteral("run_calibration"), QStringLiteral("--cali_method")));
    // While the first run tested the toolchain, the status bar said what each check found.
    for (const Core::ToolchainProbe::Check &check : probe.checks())
        EXPECT_TRUE(shown.contains(QStringLiteral("Testing the toolchain: ") + check.message)) << check.message.toStdString();
    Core::ProjectJobFactory::Options options;
    options.capabilities = *probe.result();
    options.toolchain = j.window.session()->toolchain().describe();
    project = j.window.document()->project();
    project.workspaceDir = j.dir.filePath(QStringLiteral("independent"));
    const auto planned = Core::ProjectJobFactory::createJob(project, project.workspaceDir, options);
    ASSERT_TRUE(planned.has_value());
    ASSERT_EQ(planned->steps.size(), recorded->steps.size());
    for (qsizetype i = 0; i < planned->steps.size(); ++i) {
        EXPECT_EQ(planned->steps.at(i).invocation.program, recorded->steps.at(i).invocation.program);
        EXPECT_EQ(planned->steps.at(i).invocation.arguments, recorded->steps.at(i).invocation.arguments)
            << planned->steps.at(i).id.toStdString();
    }
    const QStringList calibration = recorded->steps.at(recorded->stepIndex(QStringLiteral("calibration"))).invocation.arguments;
    EXPECT_FALSE(calibration.contains(QStringLiteral("--cali_method")));
}

// A dynamic input (1×3×height×width) is pinned in the GUI at once; the graph, the cut checks and
// op support follow the pinned model, and a size typed in the Preprocess panel pins it again.
// A lost engine is said once in the status bar and stays noted until it answers again.
TEST(MainWindow, SaysWhenAnEngineStopsAnswering)
{
    App::MainWindow window;
    window.show();
    Core::ToolchainSettings settings;
    Core::DockerEngine gpu;
    gpu.name = QStringLiteral("gpu-box");
    gpu.address = QStringLiteral("tcp://gpu-box:2376");
    settings.engines = {Core::DockerEngine::local(), gpu};
    window.setToolchainSettings(settings);
    const auto downNote = [&window]() -> QLabel * {
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
            if (label->text().startsWith(QStringLiteral("Engine down")))
                return label;
        }
        return nullptr;
    };
    EXPECT_EQ(downNote(), nullptr);
    window.jobPool()->setEngineDown(QStringLiteral("gpu-box"), QStringLiteral("Docker engine 'gpu-box' stopped answering."));
    EXPECT_EQ(window.statusBar()->currentMessage(),
              QStringLiteral("Engine 'gpu-box' stopped answering; its steps can be retried on another engine."));
    ASSERT_NE(downNote(), nullptr);
    EXPECT_TRUE(downNote()->isVisible());
    EXPECT_EQ(downNote()->text(), QStringLiteral("Engine down: gpu-box"));
    EXPECT_EQ(downNote()->toolTip(), QStringLiteral("Docker engine 'gpu-box' stopped answering."));
    window.jobPool()->setEngineUp(QStringLiteral("gpu-box"));
    EXPECT_EQ(window.statusBar()->currentMessage(), QStringLiteral("Engine 'gpu-box' answers again."));
    EXPECT_EQ(downNote(), nullptr);
}

TEST(MainWindow, ADynamicInputIsPinnedAndFollowsThePreprocessSize)
{
    App::MainWindow window;
    QSignalSpy pinned(&window, &App::MainWindow::inputPinned);
    window.openModel(QStringLiteral(MCW_PROJECT_MODELS_DIR "/classifier_dynamic.onnx"));
    ASSERT_TRUE(pinned.wait(20000));
    EXPECT_EQ(window.document()->project().inputShape, (QList<qint64>{1, 3, 224, 224}));
    const QString input = window.currentGraph().inputNames().first();
    EXPECT_EQ(window.currentGraph().tensor(input)->shape.values(), (QList<qint64>{1, 3, 224, 224}));
    for (const QString &output : window.currentGraph().outputNames())
        EXPECT_TRUE(window.currentGraph().tensor(output)->shape.isStatic()) << output.toStdString();
    // The checks see the pinned shapes: the class count comes from the output shape.
    bool classesFromShape = false;
    for (const Core::Diagnostic &d : settledProblems(window)) {
        classesFromShape = classesFromShape || d.message.contains(QStringLiteral("imply 10 classes"));
        EXPECT_FALSE(d.message.contains(QStringLiteral("dynamic"))) << d.message.toStdString();
    }
    EXPECT_TRUE(classesFromShape);

    auto *width = window.findChild<QSpinBox *>(QStringLiteral("inputWidth"));
    ASSERT_NE(width, nullptr);
    width->setValue(320);
    ASSERT_TRUE(pinned.wait(20000));
    EXPECT_EQ(window.document()->project().inputShape, (QList<qint64>{1, 3, 224, 320}));
    EXPECT_EQ(window.currentGraph().tensor(input)->shape.values(), (QList<qint64>{1, 3, 224, 320}));
}

// The Preview dock runs the opened model at once; a detection selected there selects the output
// tensor that decided it in the graph and highlights the node that produces it.
TEST(MainWindow, PreviewDetectionSelectsItsTensorAndProducerInTheGraph)
{
    App::MainWindow window;
    window.resize(1440, 900);
    window.show();
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(loaded.wait(20000));
    ASSERT_TRUE(waitForLayout(window));
    auto *preview = window.findChild<Widgets::PreviewPanel *>();
    ASSERT_NE(preview, nullptr);
    QSignalSpy updated(preview, &Widgets::PreviewPanel::previewUpdated);
    preview->setImage(Tests::binaryDir() + QStringLiteral("/models/preview/preview_identity.ppm"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return updated.count() > 0 && !preview->isBusy(); }, 60000));
    // The sample's random weights give class scores around 0.5: some objects always pass.
    ASSERT_FALSE(preview->detections().isEmpty()) << preview->statusText().toStdString();
    auto *list = preview->findChild<QTreeWidget *>();
    ASSERT_NE(list, nullptr);
    list->setCurrentItem(list->topLevelItem(0));
    const QString tensor = QStringLiteral("/model.22/Sigmoid_output_0"); // scheme 2: the class scores
    EXPECT_EQ(window.graphView()->graphScene()->selectedTensor(), tensor);
    const auto graph = Core::OnnxLoader::loadFile(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(graph);
    const Core::Tensor *t = graph->tensor(tensor);
    ASSERT_NE(t, nullptr);
    const int producer = window.graphView()->viewGraph().displayNodeOfOnnxNode(t->producer);
    ASSERT_GE(producer, 0);
    EXPECT_TRUE(window.graphView()->graphScene()->nodeItem(producer)->isHighlighted());
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("previewDock")))
        dock->raise();
    QTest::qWait(200);
    screenshot(&window, QStringLiteral("08-preview.png"));
}

// Convert → Find Layers to Keep in BF16: tpu-mlir's search runs as a job, its proposal is
// listed and marked on the graph and the chart, and one click adopts it (one undo step) and
// converts again with only what the tables change.
TEST(Journey, SearchProposesBf16LayersAndOneClickAdoptsThem)
{
    qputenv("FAKE_TPU_VERSION", "1.28.1");
    Journey j;
    ASSERT_TRUE(j.open());
    j.configure();
    QSignalSpy accuracy(&j.window, &App::MainWindow::accuracyUpdated);
    ASSERT_TRUE(j.convert());
    ASSERT_TRUE(accuracy.wait(30000));
    const Core::JobRecord converted = *j.window.lastJob();

    QSignalSpy searched(&j.window, &App::MainWindow::qtableSearchFinished);
    Core::ConversionPlan::QtableSearch search;
    search.expectedCos = 0.985;
    search.maxFloatLayers = 3;
    ASSERT_TRUE(j.window.startQtableSearch(search));
    ASSERT_TRUE(searched.wait(120000));
    ASSERT_TRUE(searched.at(0).at(0).toBool());
    // The search is no conversion: export and reuse still see the last conversion.
    EXPECT_EQ(j.window.lastJob()->id, converted.id);

    // The newest job in the pool is the search; its files are the truth the panel must show.
    const Core::JobRecord searchRun = j.window.jobPool()->jobs().last()->record();
    ASSERT_TRUE(searchRun.isQtableSearch());
    for (const Core::StepRecord &step : searchRun.steps) {
        if (step.id != QLatin1String("search_qtable")) {
            EXPECT_EQ(step.reusedFrom, converted.id) << step.id.toStdString();
        }
    }
    const auto table = Core::QuantizeTable::read(QDir(searchRun.directory).filePath(QStringLiteral("yolov8n_search_qtable")));
    ASSERT_TRUE(table);
    QStringList proposed;
    for (const Core::QuantizeTable::Entry &e : table->entries())
        proposed.append(e.opName);
    ASSERT_FALSE(proposed.isEmpty());
    ASSERT_LE(proposed.size(), 3);

    Widgets::QtableProposalPanel *panel = j.window.proposalPanel();
    ASSERT_EQ(panel->model()->rowCount(), proposed.size());
    for (int r = 0; r < proposed.size(); ++r)
        EXPECT_EQ(panel->model()->index(r, 0).data().toString(), proposed.at(r));
    // Marked on the chart (rows of those layers) and on the graph (their producers).
    auto *accuracyWidget = j.window.findChild<Widgets::AccuracyWidget *>();
    QStringList chartMarked;
    for (int row : accuracyWidget->chartView()->proposedRows())
        chartMarked.append(accuracyWidget->chartView()->layers().at(row).tensorName);
    chartMarked.sort();
    QStringList sortedProposed = proposed;
    sortedProposed.sort();
    EXPECT_EQ(chartMarked, sortedProposed);
    // On the graph: the producers of those of them the ONNX model has (the doubles' synthetic
    // net names some tensors the generated model does not).
    QSet<int> producers;
    for (const QString &layer : proposed) {
        const Core::Tensor *t = j.window.currentGraph().tensor(Core::onnxTensorName(layer));
        if (t && t->producer >= 0)
            producers.insert(j.window.graphView()->viewGraph().displayNodeOfOnnxNode(t->producer));
    }
    ASSERT_FALSE(producers.isEmpty());
    QSet<int> graphMarked;
    for (const Widgets::NodeItem *item : j.window.graphView()->graphScene()->nodeItems()) {
        if (item->hasProposalMarker())
            graphMarked.insert(item->displayIndex());
    }
    EXPECT_EQ(graphMarked, producers);
    screenshot(&j.window, QStringLiteral("12-bf16-proposal.png"));
    if (auto *accuracyDock = j.window.findChild<QDockWidget *>(QStringLiteral("accuracyDock"))) {
        accuracyDock->raise();
        screenshot(&j.window, QStringLiteral("12b-bf16-proposal-chart.png"));
    }

    // One click: the layers and the search's calibration table become the project's, in one
    // undo step, and the conversion runs again from the search's steps.
    QSignalSpy finished(&j.window, &App::MainWindow::conversionFinished);
    const int undoSteps = j.window.document()->undoStack()->count();
    QTest::mouseClick(panel->adoptButton(), Qt::LeftButton);
    const Core::Project &p = j.window.document()->project();
    QStringList adopted;
    for (const auto &entry : p.quantization.quantizeTable)
        adopted.append(entry.first);
    EXPECT_EQ(adopted, proposed);
    ASSERT_FALSE(p.quantization.calibrationTable.isEmpty());
    const auto keptHash = Core::sha256OfFile(p.quantization.calibrationTable);
    const auto searchHash = Core::sha256OfFile(QDir(searchRun.directory).filePath(QStringLiteral("new_cali_table.txt")));
    ASSERT_TRUE(keptHash && searchHash);
    EXPECT_EQ(*keptHash, *searchHash);
    EXPECT_EQ(j.window.document()->undoStack()->count(), undoSteps + 1);
    EXPECT_EQ(panel->model()->rowCount(), 0);
    ASSERT_TRUE(finished.wait(120000));
    ASSERT_TRUE(finished.last().at(0).toBool());
    const Core::JobRecord again = *j.window.lastJob();
    EXPECT_LT(again.stepIndex(QStringLiteral("calibration")), 0); // the adopted table replaces it
    for (const Core::StepRecord &step : again.steps) {
        // The transform (and a BF16 deploy) read neither table.
        const bool readsATable = step.id == QLatin1String("deploy_int8") || step.id == QLatin1String("device_info");
        EXPECT_EQ(step.reusedFrom, readsATable ? QString() : converted.id) << step.id.toStdString();
    }
    // The Calibration form says which table the deploy reads.
    const auto *adoptedLabel = j.window.findChild<QLabel *>(QStringLiteral("adoptedCalibrationTable"));
    ASSERT_NE(adoptedLabel, nullptr);
    EXPECT_TRUE(adoptedLabel->text().contains(QFileInfo(p.quantization.calibrationTable).fileName()))
        << adoptedLabel->text().toStdString();
    // Undo gives the project back as it was before the adoption.
    j.window.document()->undoStack()->undo();
    EXPECT_TRUE(j.window.document()->project().quantization.quantizeTable.isEmpty());
    EXPECT_TRUE(j.window.document()->project().quantization.calibrationTable.isEmpty());
    qunsetenv("FAKE_TPU_VERSION");
}
