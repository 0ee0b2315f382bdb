// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <core/accuracy/jobaccuracy.h>
#include <core/bundle/bundleexporter.h>
#include <core/bundle/bundleimporter.h>
#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/project/conversionplan.h>
#include <core/project/imageinput.h>
#include <core/project/preflight.h>
#include <core/project/projectfile.h>
#include <core/project/projectinitializer.h>
#include <core/project/presetcut.h>
#include <core/project/quantizetableedit.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionsession.h>
#include <core/run/jobpool.h>
#include <core/run/toolchainprobe.h>
#include <core/sha256.h>
#include <core/workflow/projectcheck.h>
#include <core/logs/tensornames.h>
#include <widgets/accuracy/accuracywidget.h>
#include <widgets/accuracy/qtableproposalpanel.h>
#include <widgets/jobs/qtablesearchdialog.h>
#include <widgets/preview/previewpanel.h>
#include <widgets/common/stepbar.h>
#include <widgets/common/welcomepage.h>
#include <widgets/document/projectdocument.h>
#include <widgets/forms/labelseditor.h>
#include <widgets/forms/preprocessform.h>
#include <widgets/forms/quantizationform.h>
#include <widgets/graphview/cutlistedit.h>
#include <widgets/jobs/jobspanel.h>
#include <widgets/jobs/setupdoctorwidget.h>
#include <widgets/jobs/setuptoolchaindialog.h>
#include <widgets/problems/problemsmodel.h>
#include <widgets/problems/problemsview.h>
#include <widgets/graphview/findpanel.h>
#include <widgets/graphview/graphexporter.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/graphview.h>
#include <widgets/properties/propertiespanel.h>
#include <widgets/summary/modelsummarywidget.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QShowEvent>
#include <QTimer>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <QUndoStack>
#include <QtConcurrent>

namespace Mcw::App {

static const auto s_recentModelsKey = QStringLiteral("recentModels");
static const auto s_recentProjectsKey = QStringLiteral("recentProjects");
static const auto s_stateKey = QStringLiteral("mainWindow/state");
static const auto s_geometryKey = QStringLiteral("mainWindow/geometry");
static constexpr int s_maxRecent = 10;
// Undo merge id of threshold edits in the Preview (the forms use 100+ and 200+).
static constexpr int s_previewThresholdMerge = 300;

/** The bundled sample, next to the executable in the build tree or under share/ when installed. */
static QString samplePath()
{
    const QString bin = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {bin + QStringLiteral("/../samples/yolov8n.onnx"),
                                     bin + QStringLiteral("/../share/maixcam-workbench/samples/yolov8n.onnx")}) {
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

/** The status bar's text while no model is open. */
static QString startHint()
{
    return MainWindow::tr("Open an ONNX model or a project to start.");
}

static QWidget *scrollable(QWidget *widget)
{
    auto *area = new QScrollArea;
    area->setWidget(widget);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new Widgets::ProjectDocument(this))
{
    setWindowTitle(tr("MaixCAM Model Workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/maixcam-workbench.svg")));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    // Side columns run the full height; Problems and Accuracy sit under the graph only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    resize(1440, 900);

    m_session = new Core::ConversionSession(this);
    {
        QSettings settings;
        setToolchainSettings(Core::ToolchainSettings::load(settings));
    }
    connect(m_session, &Core::ConversionSession::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &Core::ConversionSession::runNotStarted, this, [this](const Core::Error &error) {
        refreshSteps();
        showError(tr("Cannot start the conversion"), error.message);
    });
    connect(m_session, &Core::ConversionSession::runFinished, this, &MainWindow::onJobFinished);
    // The pool announces each change once: down when a step found its engine gone, up after a check.
    connect(m_session->pool(), &Core::JobPool::engineStateChanged, this, [this](const QString &name) {
        for (const Core::JobPool::Engine &e : m_session->pool()->engines()) {
            if (e.name == name) {
                statusBar()->showMessage(
                    e.down ? tr("Engine '%1' stopped answering; its steps can be retried on another engine.").arg(name)
                           : tr("Engine '%1' answers again.").arg(name),
                    15000);
            }
        }
        showEnginesDown();
    });
    // An engine that fails its check before a run is listed down without a state change.
    connect(m_session, &Core::ConversionSession::engineChecksFinished, this, &MainWindow::showEnginesDown);
    // The probe before a first run (or after the image changed) takes seconds: say what it found.
    connect(m_session, &Core::ConversionSession::probeChecked, this, [this](const Core::ToolchainProbe::Check &check) {
        statusBar()->showMessage(tr("Testing the toolchain: %1").arg(check.message));
    });
    connect(m_session, &Core::ConversionSession::capabilitiesProbed, this, [this](const Core::ToolCapabilities &caps) {
        QSettings store;
        Core::ToolchainProbe::storeCapabilities(store, m_session->toolchain(), caps);
    });
    connect(m_session, &Core::ConversionSession::historyLoaded, this, [this] {
        if (m_session->lastJob()) // a workspace may hold searches only
            showRunResults(*m_session->lastJob(), true);
        publishProblems();
        emit runHistoryLoaded();
    });
    connect(&m_accuracyWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onAccuracyReady);
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(150);
    connect(&m_checkTimer, &QTimer::timeout, this, &MainWindow::startProjectCheck);
    connect(&m_checkWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_projectProblems = m_checkWatcher.result();
        // A model loaded meanwhile (a dynamic input pinned) makes the result stale: check again.
        if (m_checkedGraphRevision != m_graphRevision)
            m_checkAgain = true;
        if (m_checkAgain) {
            m_checkAgain = false;
            startProjectCheck();
        }
        publishProblems();
    });
    connect(&m_exportWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Core::Expected<QStringList> files = m_exportWatcher.result();
        m_busy->setVisible(isLoading());
        if (files) {
            m_bundleExported = true;
            refreshSteps();
        }
        emit bundleExportFinished(files);
    });
    connect(&m_importWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onBundleImported);
    connect(&m_comparisonWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onComparisonReady);
    createDocks();
    createActions();

    m_statusLabel = new QLabel(this);
    statusBar()->addWidget(m_statusLabel, 1);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // indeterminate: loading has no measurable progress
    m_busy->setMaximumWidth(160);
    m_busy->setVisible(false);
    statusBar()->addPermanentWidget(m_busy);
    // Stays while an engine is down: the message above gives way to the run's own.
    m_enginesDown = new QLabel(this);
    m_enginesDown->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_enginesDown->setVisible(false);
    statusBar()->addPermanentWidget(m_enginesDown);

    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onLoadFinished);
    m_pinTimer.setSingleShot(true);
    m_pinTimer.setInterval(300);
    connect(&m_pinTimer, &QTimer::timeout, this, &MainWindow::pinInput);
    connect(&m_pinWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onInputPinned);
    connect(m_document, &Widgets::ProjectDocument::projectChanged, this, [this] {
        const QList<qint64> &shape = m_document->project().inputShape;
        if (m_dynamicInput && !m_graph.isNull() && !shape.isEmpty() && shape != m_pinnedShape)
            m_pinTimer.start(); // a dynamic input follows the size set in the Preprocess panel
        const Core::Project &project = m_document->project();
        QStringList kept = project.pulsar2.u16Layers;
        if (project.device != Core::Device::MaixCam2) {
            kept.clear();
            for (const auto &entry : project.quantization.quantizeTable)
                kept.append(entry.first);
        }
        m_accuracy->setKeptInBf16(kept);
        if (project.device == Core::Device::MaixCam2)
            m_accuracy->setPrecisionNames(QStringLiteral("U16"), QStringLiteral("U8"));
        else
            m_accuracy->setPrecisionNames(QStringLiteral("BF16"), QStringLiteral("INT8"));
        m_preview->setProject(m_document->project()); // debounced, runs off the GUI thread
        if (project.device != m_opSupportDevice)
            refreshOpSupport(); // the other device's NPU has another operator table
        refreshProblems();
    });
    connect(m_document, &Widgets::ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Widgets::ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);

    m_defaultState = saveState();
    QSettings settings;
    m_restoredGeometry = restoreGeometry(settings.value(s_geometryKey).toByteArray());
    m_restoredState = restoreState(settings.value(s_stateKey).toByteArray());
    m_fitDocksOnResize = !m_restoredState;
    rebuildRecentMenus();
    refreshSteps();
    // In the label, not a message: a message shown before the window is would sit over the
    // label's text once a project opens without a message of its own.
    m_statusLabel->setText(startHint());
}

MainWindow::~MainWindow()
{
    m_session->cancelAll(); // no orphan tool processes or containers
    m_loadWatcher.waitForFinished();
    m_accuracyWatcher.waitForFinished();
    m_checkWatcher.waitForFinished();
    m_pinWatcher.waitForFinished();
    m_exportWatcher.waitForFinished();
    m_importWatcher.waitForFinished();
    // The document dies with the children, after this destructor: its last signals (the undo
    // stack going clean) must not reach a MainWindow that is already only a QWidget (UBSan).
    m_document->disconnect(this);
}

void MainWindow::setToolchainSettings(const Core::ToolchainSettings &settings)
{
    m_session->setToolchain(settings);
    // What "Test toolchain" found for these settings; otherwise the first run probes.
    QSettings store;
    const Core::ToolCapabilities stored = Core::ToolchainProbe::storedCapabilities(store, settings);
    if (!stored.isEmpty())
        m_session->setCapabilities(stored);
    if (m_stepBar)
        refreshSteps();
    showEnginesDown();
}

void MainWindow::showEnginesDown()
{
    if (!m_enginesDown)
        return;
    QStringList names;
    QStringList reasons;
    for (const Core::JobPool::Engine &e : m_session->pool()->engines()) {
        if (e.down) {
            names.append(e.name);
            reasons.append(e.downReason.isEmpty() ? e.name : e.downReason);
        }
    }
    m_enginesDown->setText(names.isEmpty() ? QString() : tr("Engine down: %1").arg(names.join(QStringLiteral(", "))));
    m_enginesDown->setToolTip(reasons.join(QLatin1Char('\n')));
    m_enginesDown->setVisible(!names.isEmpty());
}

Core::JobPool *MainWindow::jobPool() const
{
    return m_session->pool();
}

const std::optional<Core::JobRecord> &MainWindow::lastJob() const
{
    return m_session->lastJob();
}

QDockWidget *MainWindow::addDock(const QString &title, const QString &name, QWidget *widget,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks()
{
    m_central = new QStackedWidget(this);
    m_welcome = new Widgets::WelcomePage(m_central);
    m_graphView = new Widgets::GraphView(m_central);
    m_central->addWidget(m_welcome);
    m_central->addWidget(m_graphView);
    setCentralWidget(m_central);
    m_welcome->setSampleAvailable(!samplePath().isEmpty());
    m_welcome->setToolchainStatus(tr("Conversions need the tpu-mlir toolchain (Docker image); everything "
                                     "up to the Convert step works without it."),
                                  true);

    m_stepBar = new Widgets::StepBar(this);
    m_summary = new Widgets::ModelSummaryWidget(this);
    m_properties = new Widgets::PropertiesPanel(this);
    m_find = new Widgets::FindPanel(this);
    m_cutList = new Widgets::CutListEdit(m_document, this);
    m_preprocess = new Widgets::PreprocessForm(m_document, this);
    m_labels = new Widgets::LabelsEditor(m_document, this);
    m_quantization = new Widgets::QuantizationForm(m_document, this);
    m_accuracy = new Widgets::AccuracyWidget(this);
    m_proposalPanel = new Widgets::QtableProposalPanel(this);
    m_preview = new Widgets::PreviewPanel(this);
    m_problemList = new Widgets::ProblemsView(this);
    m_jobs = new Widgets::JobsPanel(m_session->pool(), this);

    auto *steps = addDock(tr("Steps"), QStringLiteral("stepsDock"), m_stepBar, Qt::LeftDockWidgetArea);
    steps->setFeatures(QDockWidget::DockWidgetMovable);
    auto *model = addDock(tr("Model"), QStringLiteral("modelSummaryDock"), m_summary, Qt::LeftDockWidgetArea);
    auto *cuts = addDock(tr("Cut Points"), QStringLiteral("cutDock"), m_cutList, Qt::LeftDockWidgetArea);
    auto *properties = addDock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties, Qt::RightDockWidgetArea);
    auto *find = addDock(tr("Find"), QStringLiteral("findDock"), m_find, Qt::RightDockWidgetArea);
    auto *preprocess = addDock(tr("Preprocess"), QStringLiteral("preprocessDock"), scrollable(m_preprocess), Qt::RightDockWidgetArea);
    auto *labels = addDock(tr("Labels"), QStringLiteral("labelsDock"), m_labels, Qt::RightDockWidgetArea);
    auto *calibration = addDock(tr("Calibration"), QStringLiteral("calibrationDock"), scrollable(m_quantization), Qt::RightDockWidgetArea);
    auto *problems = addDock(tr("Problems"), QStringLiteral("problemsDock"), m_problemList, Qt::BottomDockWidgetArea);
    auto *jobs = addDock(tr("Jobs"), QStringLiteral("jobsDock"), m_jobs, Qt::BottomDockWidgetArea);
    auto *accuracy = addDock(tr("Accuracy"), QStringLiteral("accuracyDock"), m_accuracy, Qt::BottomDockWidgetArea);
    auto *preview = addDock(tr("Preview"), QStringLiteral("previewDock"), m_preview, Qt::RightDockWidgetArea);
    auto *proposal = addDock(tr("BF16 Proposal"), QStringLiteral("proposalDock"), m_proposalPanel,
                             Qt::BottomDockWidgetArea);
    // Five tabs (Properties … Calibration) elide in a column a fifth of the window wide; along
    // its edge they read whole.
    setTabPosition(Qt::RightDockWidgetArea, QTabWidget::East);
    tabifyDockWidget(model, cuts);
    tabifyDockWidget(properties, find);
    tabifyDockWidget(properties, preprocess);
    tabifyDockWidget(properties, labels);
    tabifyDockWidget(properties, calibration);
    tabifyDockWidget(properties, preview);
    tabifyDockWidget(problems, jobs);
    tabifyDockWidget(problems, accuracy);
    tabifyDockWidget(problems, proposal);
    model->raise();
    properties->raise();
    problems->raise();
    // Sizes follow the window once it is shown (fitDocksToWindow()).

    m_stepDocks.insert(Core::WorkflowStep::Model, model);
    m_stepDocks.insert(Core::WorkflowStep::Outputs, cuts);
    m_stepDocks.insert(Core::WorkflowStep::PreprocessAndLabels, preprocess);
    m_stepDocks.insert(Core::WorkflowStep::Calibration, calibration);
    m_stepDocks.insert(Core::WorkflowStep::Convert, jobs);
    m_stepDocks.insert(Core::WorkflowStep::Accuracy, accuracy);
    m_stepDocks.insert(Core::WorkflowStep::Export, problems);

    using Widgets::GraphView;
    connect(m_stepBar, &Widgets::StepBar::stepActivated, this, &MainWindow::showStep);
    connect(m_graphView, &GraphView::nodeSelected, m_properties, &Widgets::PropertiesPanel::showNode);
    connect(m_graphView, &GraphView::nodeSelected, this, [properties] { properties->raise(); });
    connect(m_graphView, &GraphView::tensorSelected, m_properties, &Widgets::PropertiesPanel::showTensor);
    connect(m_graphView, &GraphView::cutToggleRequested, m_document, &Widgets::ProjectDocument::toggleCutTensor);
    connect(m_properties, &Widgets::PropertiesPanel::nodeActivated, m_graphView, &GraphView::selectNode);
    connect(m_properties, &Widgets::PropertiesPanel::tensorActivated, m_graphView, &GraphView::selectTensor);
    connect(m_document, &Widgets::ProjectDocument::cutTensorsChanged, m_graphView, &GraphView::setCutTensors);
    connect(m_document, &Widgets::ProjectDocument::cutTensorsChanged, this, &MainWindow::refreshOpSupport);
    connect(m_find, &Widgets::FindPanel::hitHighlighted, m_graphView,
            [this](const Core::FindHit &hit) { m_graphView->highlightNode(hit.displayNode); });
    connect(m_find, &Widgets::FindPanel::hitActivated, m_graphView, [this](const Core::FindHit &hit) {
        if (hit.kind == Core::FindHit::Kind::Tensor && !m_graphView->viewGraph().edgesOfTensor(hit.tensor).isEmpty())
            m_graphView->selectTensor(hit.tensor);
        else
            m_graphView->selectNode(hit.displayNode);
    });
    connect(m_accuracy, &Widgets::AccuracyWidget::tensorActivated, this, [this](const QString &tensor) {
        m_central->setCurrentWidget(m_graphView);
        m_graphView->selectTensor(tensor);
    });
    // Thresholds and the test folder live in the project: one undo step per field and burst.
    connect(m_preview, &Widgets::PreviewPanel::previewSettingsEdited, this,
            [this](const Core::PreviewSettings &settings) {
                Core::Project p = m_document->project();
                const bool folder = p.preview.imagesDir != settings.imagesDir;
                p.preview = settings;
                m_document->edit(p, folder ? tr("Change test image folder") : tr("Change preview thresholds"),
                                 folder ? -1 : s_previewThresholdMerge);
            });
    // A detection selected in the preview shows the output tensor and its producer in the graph.
    connect(m_preview, &Widgets::PreviewPanel::tensorActivated, this, [this](const QString &tensor) {
        m_central->setCurrentWidget(m_graphView);
        m_graphView->selectTensor(tensor);
        const Core::Tensor *t = m_graph.tensor(tensor);
        const int producer = t && t->producer >= 0 ? m_graphView->viewGraph().displayNodeOfOnnxNode(t->producer) : -1;
        if (producer >= 0)
            m_graphView->highlightNode(producer);
    });
    connect(m_proposalPanel, &Widgets::QtableProposalPanel::adoptRequested, this, &MainWindow::adoptQtableProposal);
    connect(m_proposalPanel, &Widgets::QtableProposalPanel::dismissed, this, &MainWindow::clearQtableProposal);
    connect(m_proposalPanel, &Widgets::QtableProposalPanel::layerActivated, this, [this](const QString &layer) {
        const QString tensor = Core::onnxTensorName(layer);
        const Core::Tensor *t = m_graph.tensor(tensor);
        if (!t || t->producer < 0)
            return;
        m_central->setCurrentWidget(m_graphView);
        const int display = m_graphView->viewGraph().displayNodeOfOnnxNode(t->producer);
        if (display >= 0) {
            m_graphView->selectNode(display);
            m_graphView->centerOnNode(display);
        }
    });
    connect(m_accuracy, &Widgets::AccuracyWidget::keepInBf16Requested, this, &MainWindow::keepInBf16);
    connect(m_accuracy, &Widgets::AccuracyWidget::backToInt8Requested, this, &MainWindow::backToInt8);
    connect(m_problemList, &Widgets::ProblemsView::jumpToNode, this, [this](const QString &nodeId) {
        const int node = m_graph.nodeIndex(nodeId);
        const int display = node < 0 ? -1 : m_graphView->viewGraph().displayNodeOfOnnxNode(node);
        if (display < 0)
            return;
        m_central->setCurrentWidget(m_graphView);
        m_graphView->selectNode(display);
    });
    connect(m_jobs, &Widgets::JobsPanel::showResultsRequested, this, [this](const Core::JobRecord &run) {
        if (run.isQtableSearch()) { // a search's result is its proposal
            if (run.state == Core::JobState::Succeeded)
                showQtableProposal(run);
            return;
        }
        showRunResults(run);
        publishProblems();
    });
    connect(m_jobs, &Widgets::JobsPanel::compareRequested, this, &MainWindow::compareWithRun);

    connect(m_welcome, &Widgets::WelcomePage::openModelRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open ONNX Model"), {},
                                                          tr("ONNX models (*.onnx);;All files (*)"));
        if (!path.isEmpty())
            openModel(path);
    });
    connect(m_welcome, &Widgets::WelcomePage::openProjectRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), {},
                                                          tr("Workbench projects (*.yaml *.yml)"));
        if (!path.isEmpty())
            openProject(path);
    });
    connect(m_welcome, &Widgets::WelcomePage::openSampleRequested, this, [this] { openModel(samplePath()); });
    connect(m_welcome, &Widgets::WelcomePage::recentModelActivated, this, &MainWindow::openModel);
    connect(m_welcome, &Widgets::WelcomePage::recentProjectActivated, this, &MainWindow::openProject);
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Model…"), this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open ONNX Model"), {},
                                                          tr("ONNX models (*.onnx);;All files (*)"));
        if (!path.isEmpty())
            openModel(path);
    });
    open->setShortcut(QKeySequence::Open);
    fileMenu->addAction(tr("Open &Project…"), this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), {},
                                                          tr("Workbench projects (*.yaml *.yml)"));
        if (!path.isEmpty())
            openProject(path);
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    fileMenu->addAction(tr("Open the &Sample Model"), this, [this] { openModel(samplePath()); })
        ->setEnabled(!samplePath().isEmpty());
    fileMenu->addAction(tr("&Import Bundle…"), this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Import MaixCAM Bundle"), {},
                                                          tr("MaixCAM bundles (*.mud *.zip)"));
        if (!path.isEmpty())
            importBundle(path);
    });
    m_recentModels = fileMenu->addMenu(tr("Recent &Models"));
    m_recentProjects = fileMenu->addMenu(tr("Recent P&rojects"));
    fileMenu->addSeparator();
    m_save = fileMenu->addAction(tr("&Save Project"), this, &MainWindow::saveProject);
    m_save->setShortcut(QKeySequence::Save);
    fileMenu->addAction(tr("Save Project &As…"), this, [this] { saveProjectAs(); })
        ->setShortcut(QKeySequence::SaveAs);
    fileMenu->addSeparator();
    QAction *exportImage = fileMenu->addAction(tr("&Export Graph Image…"), this, &MainWindow::exportGraphImage);
    exportImage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this);
    redo->setShortcut(QKeySequence::Redo);
    editMenu->addActions({undo, redo});
    editMenu->addSeparator();
    QAction *find = editMenu->addAction(tr("&Find…"), this, [this] {
        m_find->parentWidget()->show();
        m_find->parentWidget()->raise();
        m_find->activate();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addActions(m_graphView->viewActions());
    viewMenu->addSeparator();
    QMenu *panels = viewMenu->addMenu(tr("&Panels"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        panels->addAction(dock->toggleViewAction());
    viewMenu->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);

    QMenu *graphMenu = menuBar()->addMenu(tr("&Graph"));
    m_presetCut = graphMenu->addAction(tr("Apply &Preset Cut"), this, &MainWindow::applyPresetCut);
    m_presetCut->setEnabled(false);
    m_presetCut->setToolTip(tr("Cut at the outputs MaixCAM expects for the detected model family"));
    graphMenu->addAction(tr("&Clear Cut"), this, [this] { m_document->setCutTensors({}, tr("Clear cut points")); });

    QMenu *convertMenu = menuBar()->addMenu(tr("&Convert"));
    m_run = convertMenu->addAction(tr("&Run Conversion"), this, [this] { runConversion(); });
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_run->setToolTip(tr("Convert; steps whose inputs did not change since the last run are reused"));
    m_runFromScratch = convertMenu->addAction(tr("Run Conversion from &Scratch"), this, [this] { runConversion(false); });
    m_runFromScratch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_runFromScratch->setToolTip(tr("Convert and run every step again, even those that could be reused"));
    m_searchQtable = convertMenu->addAction(tr("Find Layers to Keep in &BF16…"), this,
                                            &MainWindow::findLayersToKeepInBf16);
    m_searchQtable->setToolTip(tr("Let tpu-mlir search which layers to keep in BF16 so the INT8 model stays accurate"));
    m_cancel = convertMenu->addAction(tr("&Cancel"), this, [this] { m_session->cancelAll(); });
    m_cancel->setEnabled(false);
    convertMenu->addAction(tr("&Set Up Toolchain…"), this, [this] {
        Widgets::SetupToolchainDialog dialog(this);
        dialog.showEngineResults(m_session->engineResults().values());
        if (dialog.exec() == QDialog::Accepted) {
            QSettings settings;
            setToolchainSettings(Core::ToolchainSettings::load(settings));
        }
    });
    convertMenu->addAction(tr("Check Set-&Up…"), this, [this] {
        // The set-up doctor (core SetupDoctor) on the current toolchain and project.
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Check Set-Up"));
        auto *doctor = new Widgets::SetupDoctorWidget(&dialog);
        Core::SetupDoctor::Input input;
        input.toolchain = m_session->toolchain();
        if (!m_graph.isNull())
            input.project = m_document->project();
        input.runsDirectory = workspaceDir();
        doctor->setInput(input);
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(doctor);
        dialog.resize(1000, 420);
        doctor->startCheck();
        dialog.exec();
    });
    convertMenu->addSeparator();
    m_exportBundle = convertMenu->addAction(tr("&Export Bundle…"), this, [this] {
        const QString dir = QFileDialog::getSaveFileName(
            this, tr("Export MaixCAM Bundle"),
            QFileInfo(m_document->filePath().isEmpty() ? m_graph.filePath() : m_document->filePath())
                .absoluteDir().filePath(m_document->project().name + QStringLiteral("_maixcam")),
            tr("Folder (no extension);;Zip archive (*.zip)"));
        if (dir.isEmpty())
            return;
        bool overwrite = false;
        if (QFileInfo::exists(dir)) {
            overwrite = QMessageBox::question(this, tr("Replace bundle?"),
                                              tr("%1 already exists. Replace it?").arg(dir))
                        == QMessageBox::Yes;
            if (!overwrite)
                return;
        }
        if (exportBundle(dir, overwrite))
            statusBar()->showMessage(tr("Exporting the bundle to %1…").arg(dir));
    });
    connect(this, &MainWindow::bundleExportFinished, this, [this](const Core::Expected<QStringList> &files) {
        if (!files)
            showError(tr("Cannot export"), files.error().message + QLatin1Char(' ') + files.error().details);
        else
            statusBar()->showMessage(tr("Exported %1").arg(files->join(QStringLiteral(", "))), 8000);
    });
    m_exportBundle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *guide = helpMenu->addAction(tr("User &Guide"), this, [this] {
        QMessageBox::information(this, tr("User Guide"),
                                 tr("The user guide is docs/user-guide.md in the source tree, and "
                                    "`maixcam-convert --help` lists the command-line tools."));
    });
    guide->setShortcut(QKeySequence::HelpContents);
    helpMenu->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About MaixCAM Model Workbench"),
                           tr("MaixCAM Model Workbench %1\nTurns ONNX models into MaixCAM bundles.")
                               .arg(QStringLiteral(MCW_VERSION)));
    });

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(open);
    toolBar->addAction(m_save);
    toolBar->addSeparator();
    toolBar->addActions(m_graphView->viewActions().mid(0, 3)); // zoom in/out, fit
    toolBar->addSeparator();
    toolBar->addAction(m_presetCut);
    toolBar->addAction(exportImage);
    toolBar->addSeparator();
    // Mirrors the view's exclusive "Colour by" actions (also in the View menu).
    m_colourBy = new QComboBox(toolBar);
    m_colourBy->setObjectName(QStringLiteral("colourBy"));
    m_colourBy->setToolTip(tr("Colour the graph's nodes by a per-node metric"));
    m_colourBy->addItem(tr("Colour by: none"), int(Widgets::GraphView::ColourBy::None));
    m_colourBy->addItem(tr("Colour by: operator support"), int(Widgets::GraphView::ColourBy::OpSupport));
    m_colourBy->addItem(tr("Colour by: cosine similarity"), int(Widgets::GraphView::ColourBy::Cosine));
    toolBar->addWidget(m_colourBy);
    connect(m_colourBy, &QComboBox::activated, this, [this](int index) {
        m_graphView->setColourBy(Widgets::GraphView::ColourBy(m_colourBy->itemData(index).toInt()));
        // Modes without data fall back to none; show what the view actually does.
        m_colourBy->setCurrentIndex(m_colourBy->findData(int(m_graphView->colourBy())));
    });
    connect(m_graphView, &Widgets::GraphView::colourByChanged, m_colourBy,
            [this](Widgets::GraphView::ColourBy mode) { m_colourBy->setCurrentIndex(m_colourBy->findData(int(mode))); });
    toolBar->addSeparator();
    toolBar->addAction(m_run);
    toolBar->addAction(m_cancel);
    toolBar->addAction(m_exportBundle);
}

void MainWindow::showStep(Core::WorkflowStep step)
{
    m_stepBar->setCurrentStep(step);
    if (!m_graph.isNull())
        m_central->setCurrentWidget(m_graphView);
    if (step == Core::WorkflowStep::Export && m_exportBundle->isEnabled() && isVisible()) {
        m_exportBundle->trigger();
        return;
    }
    QDockWidget *dock = m_stepDocks.value(step);
    if (step == Core::WorkflowStep::Convert || step == Core::WorkflowStep::Accuracy) {
        raiseResultsDock(dock);
    } else if (dock) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::raiseResultsDock(QDockWidget *dock)
{
    if (!dock)
        return;
    dock->show();
    dock->raise();
    // The log and the accuracy chart and tables need more than the compact bottom area the
    // graph is edited with.
    const int wanted = height() * 4 / 10;
    if (dock->height() < wanted)
        resizeDocks({dock}, {wanted}, Qt::Vertical);
}

bool MainWindow::isLoading() const
{
    return m_loadWatcher.isRunning();
}

void MainWindow::openModel(const QString &path)
{
    if (path.isEmpty())
        return;
    if (m_loadWatcher.isRunning()) {
        statusBar()->showMessage(tr("Still loading %1…").arg(m_loadingPath), 3000);
        return;
    }
    m_loadingPath = path;
    m_busy->setVisible(true);
    m_statusLabel->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_loadWatcher.setFuture(QtConcurrent::run([path] {
        LoadResult result;
        result.graph = Core::OnnxLoader::loadFile(path);
        if (result.graph) {
            const auto hash = Core::sha256OfFile(path);
            result.sha256 = hash ? *hash : QString();
        }
        return result;
    }));
}

void MainWindow::openProject(const QString &path)
{
    const auto loaded = Core::ProjectFile::load(path);
    if (!loaded) {
        showError(tr("Cannot open project"), loaded.error().message);
        return;
    }
    m_pendingProjectPath = path;
    m_document->reset(loaded->project, path);
    addRecent(s_recentProjectsKey, path);
    openModel(loaded->project.modelPath);
}

void MainWindow::onLoadFinished()
{
    m_busy->setVisible(false);
    const LoadResult result = m_loadWatcher.result();
    if (!result.graph) {
        m_pendingProjectPath.clear();
        m_statusLabel->setText(m_graph.isNull() ? startHint() : m_graph.filePath());
        emit modelLoadFailed(result.graph.error().message);
        showError(tr("Cannot open model"), result.graph.error().message);
        return;
    }
    m_graph = *result.graph;
    ++m_graphRevision;
    m_pinnedShape.clear();
    const QStringList inputs = m_graph.inputNames();
    const Core::Tensor *input = inputs.isEmpty() ? nullptr : m_graph.tensor(inputs.first());
    m_dynamicInput = input && !input->shape.isStatic();
    if (m_pendingProjectPath.isEmpty())
        m_bundleProblems.clear();
    showGraph();
    m_presetCut->setEnabled(Core::detectFamily(m_graph).family != QLatin1String("unknown"));
    m_central->setCurrentWidget(m_graphView);

    if (m_pendingProjectPath.isEmpty()) {
        startProjectFromModel();
        if (!result.sha256.isEmpty()) {
            Core::Project p = m_document->project();
            p.modelSha256 = result.sha256;
            m_document->reset(p, {}, true);
        }
    } else if (!m_document->project().modelSha256.isEmpty()
               && m_document->project().modelSha256 != result.sha256) {
        statusBar()->showMessage(tr("%1 changed since the project was saved; check the cut and run "
                                    "the conversion again.")
                                     .arg(QFileInfo(m_graph.filePath()).fileName()),
                                 10000);
    }
    if (m_document->project().modelSha256.isEmpty() && !result.sha256.isEmpty()) {
        Core::Project p = m_document->project();
        p.modelSha256 = result.sha256;
        m_document->reset(p, m_document->filePath(), m_document->isModified());
    }
    m_pendingProjectPath.clear();
    m_graphView->setCutTensors(m_document->project().cutTensors);
    refreshOpSupport();
    if (m_dynamicInput && !m_document->project().inputShape.isEmpty())
        pinInput();
    m_statusLabel->setText(tr("%1 — %2 nodes").arg(m_graph.filePath()).arg(m_graph.nodes().size()));
    addRecent(s_recentModelsKey, m_graph.filePath());
    loadRunHistory();
    // A new model: the old model's problems go, and its check need not wait for a pause in typing.
    m_checkTimer.stop();
    m_projectProblems.clear();
    publishProblems();
    startProjectCheck();
    updateTitle();
    emit modelLoaded(m_graph.filePath());
}

QString MainWindow::workspaceDir() const
{
    const Core::Project &project = m_document->project();
    if (!project.workspaceDir.isEmpty())
        return project.workspaceDir;
    const QString base = m_document->filePath().isEmpty() ? m_graph.filePath() : m_document->filePath();
    return Core::ProjectFile::defaultWorkspaceDir(base);
}

void MainWindow::loadRunHistory()
{
    // Results of another model must not linger: no comparison against them, no reuse, no export.
    m_session->forgetRuns();
    m_bundleExported = false;
    m_currentRun.reset();
    m_previousRun.reset();
    m_accuracy->clearComparison();
    m_accuracy->setRun({});
    m_graphView->clearAccuracyRun();
    m_properties->clearAccuracyRun();
    clearQtableProposal();
    m_session->loadHistory(workspaceDir(), m_document->project().name);
}

void MainWindow::showRunResults(const Core::JobRecord &record, bool quiet)
{
    m_session->setLastJob(record);
    m_preview->setRunFolder(record.state == Core::JobState::Succeeded ? record.directory : QString());
    m_jobProblems.clear();
    for (const Core::StepRecord &step : record.steps)
        m_jobProblems += step.diagnostics;
    if (record.state != Core::JobState::Succeeded)
        return;
    m_accuracyWatcher.setFuture(readAccuracy(record, true, quiet));
}

QFuture<MainWindow::AccuracyResult> MainWindow::readAccuracy(const Core::JobRecord &record, bool withCalibration,
                                                             bool quiet) const
{
    const QSet<QString> onnxNames = onnxTensorNames();
    const Core::Project project = m_document->project();
    return QtConcurrent::run([record, project, onnxNames, withCalibration, quiet] {
        AccuracyResult result;
        result.quiet = quiet;
        result.run = Core::accuracyRunFromJob(record, project, false, onnxNames);
        if (withCalibration) {
            // The table the INT8 deploy read: the calibration step's or one adopted from a search.
            if (const QString path = Core::calibrationTableOfJob(record); !path.isEmpty()) {
                if (const auto table = Core::CalibrationTable::read(path))
                    result.calibration = *table;
            }
        }
        return result;
    });
}

void MainWindow::showGraph()
{
    m_summary->setGraph(m_graph);
    m_graphView->setGraph(m_graph);
    m_properties->setGraph(m_graph, m_graphView->viewGraph());
    m_find->setGraph(m_graph, m_graphView->viewGraph());
    m_cutList->setGraph(m_graph);
    m_labels->setGraph(m_graph);
}

void MainWindow::pinInput()
{
    const QList<qint64> shape = m_document->project().inputShape;
    const QStringList inputs = m_graph.inputNames();
    // Already loaded with this size (the project reset of a new model also starts the timer), or
    // a load under way that re-arms the timer when it ends with another size.
    if (shape.isEmpty() || inputs.isEmpty() || shape == m_pinnedShape || m_pinWatcher.isRunning())
        return;
    Core::OnnxLoader::Options options;
    options.inputShapes.insert(inputs.first(), shape);
    const QString path = m_graph.filePath();
    m_busy->setVisible(true);
    m_pinWatcher.setFuture(QtConcurrent::run([path, options, shape] {
        return PinResult{shape, Core::OnnxLoader::loadFile(path, options)};
    }));
}

void MainWindow::onInputPinned()
{
    m_busy->setVisible(isLoading());
    const PinResult result = m_pinWatcher.result();
    if (!result.graph) {
        statusBar()->showMessage(result.graph.error().message, 10000);
        return;
    }
    // The same model with its input fixed: shapes, the cut checks and op support follow it.
    m_graph = *result.graph;
    ++m_graphRevision;
    m_pinnedShape = result.shape;
    showGraph();
    m_graphView->setCutTensors(m_document->project().cutTensors);
    refreshOpSupport();
    refreshProblems();
    if (m_dynamicInput && m_document->project().inputShape != m_pinnedShape)
        m_pinTimer.start(); // changed again while loading
    emit inputPinned();
}

void MainWindow::startProjectFromModel()
{
    Core::ProjectInitializer::Options options;
    options.face = Core::ProjectInitializer::Face::Workbench;
    if (m_dynamicInput) {
        // The GUI pins a dynamic input to a usual size at once; the Preprocess panel changes it.
        const bool detector = Core::detectFamily(m_graph).family.startsWith(QLatin1String("yolo"));
        const Core::Tensor *input = m_graph.tensor(m_graph.inputNames().first());
        options.inputShape = Core::ImageInput::pinned(input->shape.values(), detector ? 640 : 224);
        if (!options.inputShape.isEmpty()) {
            statusBar()->showMessage(tr("The model's input size is not fixed; it is set to %1 — change it in the "
                                        "Preprocess panel.")
                                         .arg(Core::Shape::fromStatic(options.inputShape).toString()),
                                     10000);
        }
    }
    const auto init = Core::ProjectInitializer::initialize(m_graph, m_graph.filePath(), options);
    Core::Project project;
    if (init) {
        project = init->project;
        // Derived at run time from where the project is saved (or the model, while unsaved).
        project.workspaceDir.clear();
        for (const QString &note : init->notes)
            statusBar()->showMessage(note, 8000);
    } else {
        project = Core::ProjectInitializer::bareProject(m_graph, m_graph.filePath());
        statusBar()->showMessage(init.error().message, 8000);
    }
    m_document->reset(project, {}, true);
}

void MainWindow::applyPresetCut()
{
    const Core::FamilyDetection detection = Core::detectFamily(m_graph);
    if (detection.recommendedOutputs.isEmpty()) {
        statusBar()->showMessage(detection.reason, 5000);
        return;
    }
    // The device decides between the families' cuts (MaixCAM2 prefers the per-scale heads).
    const Core::PresetCut cut = Core::PresetCut::forDevice(detection, m_document->project().device);
    m_document->setCutTensors(cut.outputs, tr("Apply the %1 preset cut").arg(detection.family));
    statusBar()->showMessage(cut.note.isEmpty() ? tr("%1: cut at %2").arg(detection.family, cut.outputs.join(QStringLiteral(", ")))
                                                : cut.note,
                             5000);
}

void MainWindow::exportGraphImage()
{
    if (!m_graphView->graphScene()) {
        statusBar()->showMessage(tr("Open a model first."), 3000);
        return;
    }
    const QString base = QFileInfo(m_graph.filePath()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Graph Image"), base + QStringLiteral(".png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Core::Expected<void> result = Widgets::GraphExporter::exportScene(*m_graphView->graphScene(), path);
    QApplication::restoreOverrideCursor();
    if (!result)
        showError(tr("Export failed"), result.error().message);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::refreshProblems()
{
    m_checkTimer.start();
    refreshSteps(); // what the steps need from the project itself is known at once
}

bool MainWindow::isCheckingProject() const
{
    return m_checkTimer.isActive() || m_checkWatcher.isRunning() || m_checkAgain;
}

void MainWindow::startProjectCheck()
{
    if (m_checkWatcher.isRunning()) {
        m_checkAgain = true;
        return;
    }
    const Core::Graph graph = m_graph;
    const Core::Project project = m_document->project();
    m_checkedGraphRevision = m_graphRevision;
    m_checkWatcher.setFuture(QtConcurrent::run([graph, project] {
        return graph.isNull() ? QList<Core::Diagnostic>{} : Core::checkProject(project, graph);
    }));
}

void MainWindow::publishProblems()
{
    m_problems = m_projectProblems;
    m_problems += m_jobProblems;
    m_problems += m_bundleProblems;
    m_problems += m_session->historyProblems();
    m_problemList->problems()->setDiagnostics(m_problems);
    refreshSteps();
    emit problemsChanged();
}

void MainWindow::refreshSteps()
{
    const Core::Project &p = m_document->project();
    Core::WorkflowFacts facts;
    facts.modelLoaded = !m_graph.isNull();
    facts.cutTensorCount = int(p.cutTensors.size());
    facts.labelCount = int(p.labels.size());
    facts.calibrationDatasetSet = !p.quantization.datasetDir.isEmpty();
    facts.toolchainProblem = m_session->toolchain().installProblem(Core::toolchainFor(p.device));
    facts.toolchainReady = facts.toolchainProblem.isEmpty();
    const bool running = m_session->isBusy();
    const std::optional<Core::JobRecord> &lastJob = m_session->lastJob();
    facts.conversionRunning = running;
    facts.conversionSucceeded = lastJob && lastJob->state == Core::JobState::Succeeded;
    facts.conversionFailed = lastJob && lastJob->state == Core::JobState::Failed;
    facts.accuracyAvailable = m_currentRun.has_value();
    facts.accuracyBelowTolerance = m_currentRun && m_currentRun->firstFailing(Core::AccuracyStage::Tpu) >= 0;
    facts.bundleExported = m_bundleExported;
    facts.problems = m_problems;
    if (m_run)
        m_run->setEnabled(facts.modelLoaded && !running);
    if (m_runFromScratch)
        m_runFromScratch->setEnabled(facts.modelLoaded && !running);
    if (m_searchQtable)
        m_searchQtable->setEnabled(facts.modelLoaded && !running && p.quantization.int8);
    if (m_cancel)
        m_cancel->setEnabled(running);
    if (m_exportBundle)
        m_exportBundle->setEnabled(facts.conversionSucceeded);
    // Finding the program is not proof the daemon and image work; the set-up dialog tests that.
    m_welcome->setToolchainStatus(facts.toolchainReady
                                      ? tr("Toolchain: %1 (found; Convert → Set Up Toolchain… tests it).")
                                            .arg(m_session->toolchain().describe())
                                      : facts.toolchainProblem,
                                  facts.toolchainReady);
    m_stepBar->setStatuses(Core::computeWorkflowStatus(facts));
}

void MainWindow::updateTitle()
{
    const QString project = m_document->filePath().isEmpty()
                                ? (m_graph.isNull() ? QString() : tr("Untitled project (%1)").arg(QFileInfo(m_graph.filePath()).fileName()))
                                : QFileInfo(m_document->filePath()).fileName();
    setWindowTitle(project.isEmpty() ? tr("MaixCAM Model Workbench")
                                     : tr("%1[*] — MaixCAM Model Workbench").arg(project));
    // Only a title with the [*] placeholder can show the marker (and Qt warns otherwise).
    setWindowModified(!project.isEmpty() && m_document->isModified());
}

bool MainWindow::saveProject()
{
    if (m_document->filePath().isEmpty())
        return saveProjectAs();
    const auto saved = Core::ProjectFile::save(m_document->project(), m_document->filePath());
    if (!saved) {
        showError(tr("Cannot save project"), saved.error().message);
        return false;
    }
    m_document->markSaved(m_document->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 4000);
    return true;
}

bool MainWindow::saveProjectAs(const QString &path)
{
    QString target = path;
    if (target.isEmpty()) {
        const QString suggestion = QFileInfo(m_graph.filePath()).absoluteDir().filePath(
            (m_document->project().name.isEmpty() ? QStringLiteral("project") : m_document->project().name)
            + QStringLiteral(".yaml"));
        target = QFileDialog::getSaveFileName(this, tr("Save Project"), suggestion,
                                              tr("Workbench projects (*.yaml)"));
    }
    if (target.isEmpty())
        return false;
    const auto saved = Core::ProjectFile::save(m_document->project(), target);
    if (!saved) {
        showError(tr("Cannot save project"), saved.error().message);
        return false;
    }
    m_document->markSaved(target);
    addRecent(s_recentProjectsKey, target);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified() || m_graph.isNull() || qEnvironmentVariableIsSet("MCW_NO_DIALOGS"))
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                              tr("The project has unsaved changes. Save them?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return saveProject();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(s_geometryKey, saveGeometry());
    settings.setValue(s_stateKey, saveState());
    event->accept();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        dock->show();
    fitDocksToWindow();
}

void MainWindow::showAtStart()
{
    if (m_restoredGeometry)
        show();
    else
        showMaximized();
}

void MainWindow::fitDocksToWindow()
{
    const auto dock = [this](const char *name) { return findChild<QDockWidget *>(QLatin1String(name)); };
    QDockWidget *left = dock("modelSummaryDock");
    QDockWidget *right = dock("propertiesDock");
    QDockWidget *bottom = dock("problemsDock");
    if (!left || !right || !bottom)
        return;
    // The model panel shows tensor names of 30+ characters: its column gets a little more.
    const int w = width();
    resizeDocks({left, right}, {qBound(260, w * 22 / 100, 480), qBound(260, w * 20 / 100, 440)}, Qt::Horizontal);
    resizeDocks({bottom}, {qBound(140, height() * 22 / 100, 320)}, Qt::Vertical);
    // The Steps list needs its seven rows; the Model panel below it gets the rest.
    if (QDockWidget *steps = dock("stepsDock")) {
        const int stepsHeight = steps->widget()->sizeHint().height() + 30;
        resizeDocks({steps, left}, {stepsHeight, qMax(200, height() - stepsHeight)}, Qt::Vertical);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    if (!m_fitDocksOnResize)
        return;
    // A window manager maximises some time after the first show; after that, dock sizes
    // are the user's.
    QTimer::singleShot(0, this, &MainWindow::fitDocksToWindow);
    QTimer::singleShot(2000, this, [this] { m_fitDocksOnResize = false; });
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_shownOnce && m_fitDocksOnResize)
        QTimer::singleShot(0, this, &MainWindow::fitDocksToWindow);
}

void MainWindow::addRecent(const QString &key, const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(key).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > s_maxRecent)
        recent.removeLast();
    settings.setValue(key, recent);
    rebuildRecentMenus();
}

void MainWindow::rebuildRecentMenus()
{
    QSettings settings;
    const QStringList models = settings.value(s_recentModelsKey).toStringList();
    const QStringList projects = settings.value(s_recentProjectsKey).toStringList();
    m_recentModels->clear();
    for (const QString &path : models)
        m_recentModels->addAction(QFileInfo(path).fileName(), this, [this, path] { openModel(path); })->setToolTip(path);
    m_recentModels->setEnabled(!models.isEmpty());
    m_recentProjects->clear();
    for (const QString &path : projects)
        m_recentProjects->addAction(QFileInfo(path).fileName(), this, [this, path] { openProject(path); })->setToolTip(path);
    m_recentProjects->setEnabled(!projects.isEmpty());
    m_welcome->setRecentModels(models);
    m_welcome->setRecentProjects(projects);
}

bool MainWindow::importBundle(const QString &path, const QString &modelPath)
{
    if (m_importWatcher.isRunning())
        return false;
    QString extractDir;
    if (path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
        extractDir = QFileInfo(path).absoluteDir().filePath(QFileInfo(path).completeBaseName());
    m_busy->setVisible(true);
    m_statusLabel->setText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    // A zipped bundle is unpacked and every file hashed: off the UI thread.
    m_importWatcher.setFuture(QtConcurrent::run([path, modelPath, extractDir] {
        return ImportResult{path, modelPath, Core::BundleImporter::open(path, extractDir)};
    }));
    return true;
}

void MainWindow::onBundleImported()
{
    m_busy->setVisible(isLoading());
    const ImportResult result = m_importWatcher.result();
    const QString &path = result.path;
    const auto &bundle = result.bundle;
    if (!bundle) {
        m_statusLabel->clear();
        showError(tr("Cannot import bundle"), bundle.error().message);
        return;
    }
    Core::Project project = bundle->project;
    project.workspaceDir.clear();
    if (!result.modelPath.isEmpty())
        project.modelPath = result.modelPath;
    QStringList lines{tr("Model type: %1 %2").arg(project.modelType, project.task),
                      tr("Input: %1, %2 labels").arg(project.preprocess.pixelFormat).arg(project.labels.size())};
    for (const Core::Diagnostic &d : bundle->problems)
        lines.append(QStringLiteral("• ") + d.message);
    if (project.modelPath.isEmpty() || !QFileInfo::exists(project.modelPath)) {
        if (qEnvironmentVariableIsSet("MCW_NO_DIALOGS")) {
            showError(tr("Cannot import bundle"),
                      tr("%1: the ONNX model the bundle was made from is needed to start a project.").arg(path));
            return;
        }
        QMessageBox::information(this, tr("Bundle %1").arg(QFileInfo(path).fileName()),
                                 lines.join(QLatin1Char('\n')) + tr("\n\nChoose the ONNX model it was made from."));
        project.modelPath = QFileDialog::getOpenFileName(this, tr("ONNX Model of the Bundle"), bundle->folder,
                                                         tr("ONNX models (*.onnx)"));
        if (project.modelPath.isEmpty())
            return;
    }
    m_bundleProblems = bundle->problems;
    m_pendingProjectPath = path;
    m_document->reset(project, {}, true);
    openModel(project.modelPath);
}

bool MainWindow::readyToRun()
{
    if (m_graph.isNull() || m_session->isBusy())
        return false;
    const QList<Core::Diagnostic> preflight = Core::Preflight::check(m_document->project(), m_graph);
    if (Core::hasErrors(preflight)) {
        showStep(Core::WorkflowStep::Convert);
        showError(tr("Cannot convert yet"), tr("Fix the errors in the Problems list first."));
        return false;
    }
    if (const QString problem = m_session->toolchain().installProblem(Core::toolchainFor(m_document->project().device));
        !problem.isEmpty()) {
        showError(tr("Toolchain missing"), problem);
        return false;
    }
    return true;
}

void MainWindow::startRun(const Core::ConversionSession::RunOptions &options)
{
    Core::Project project = m_document->project();
    project.workspaceDir = workspaceDir();
    m_session->startRun(project, options);
    refreshSteps();
    statusBar()->showMessage(m_session->capabilities() ? tr("Preparing the run…")
                                                       : tr("Testing the toolchain, then preparing the run…"));
}

bool MainWindow::runConversion(bool reuseEarlierSteps)
{
    if (!readyToRun())
        return false;
    Core::ConversionSession::RunOptions options;
    if (reuseEarlierSteps)
        options.reuseFrom = m_session->lastJob();
    startRun(options);
    return true;
}

bool MainWindow::findLayersToKeepInBf16()
{
    if (!readyToRun())
        return false;
    Widgets::QtableSearchDialog dialog(m_session->capabilities(), m_searchOptions, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    return startQtableSearch(dialog.options());
}

bool MainWindow::startQtableSearch(const Core::ConversionPlan::QtableSearch &search)
{
    if (!readyToRun())
        return false;
    m_searchOptions = search;
    Core::ConversionSession::RunOptions options;
    options.qtableSearch = search;
    // Transform and calibration of the last conversion (or search) are reused when unchanged.
    options.reuseFrom = m_session->lastJob() ? m_session->lastJob() : m_searchJob;
    startRun(options);
    return true;
}

void MainWindow::showQtableProposal(const Core::JobRecord &record)
{
    const auto proposal = Core::QtableProposal::fromJob(record, m_document->project().name);
    if (!proposal) {
        showError(tr("No BF16 proposal"), proposal.error().message);
        return;
    }
    m_searchJob = record;
    m_proposal = *proposal;
    m_proposalPanel->setProposal(*proposal, record.id);
    m_accuracy->setProposedLayers(proposal->layers);
    QStringList tensors;
    for (const QString &layer : proposal->layers)
        tensors.append(Core::onnxTensorName(layer));
    m_graphView->setProposedTensors(tensors);
    raiseResultsDock(findChild<QDockWidget *>(QStringLiteral("proposalDock")));
}

void MainWindow::clearQtableProposal()
{
    m_proposal.reset();
    m_proposalPanel->clear();
    m_accuracy->setProposedLayers({});
    m_graphView->setProposedTensors({});
}

bool MainWindow::adoptQtableProposal()
{
    if (!m_proposal || !m_searchJob || m_session->isBusy())
        return false;
    Core::Project p = m_document->project();
    QString keptTable;
    if (!m_proposal->calibrationTable.isEmpty()) {
        // Kept in the workspace: run folders may be cleaned up, the adopted table must stay.
        const auto kept = m_proposal->keepCalibrationTable(workspaceDir(), p.name);
        if (!kept) {
            showError(tr("Cannot adopt the proposal"), kept.error().message);
            return false;
        }
        keptTable = *kept;
    }
    const Core::QtableProposal::Adoption adoption = m_proposal->adoptInto(p, keptTable);
    if (adoption.newLayers > 0 || adoption.tableChanged)
        m_document->edit(p, tr("Adopt %n BF16 layer(s) from the search", nullptr, adoption.newLayers));
    const Core::JobRecord search = *m_searchJob;
    clearQtableProposal();
    if (!readyToRun())
        return false;
    // Only what the tables change runs again: the last conversion carries the BF16 deploy too,
    // when its transform is the one the search used; otherwise the search's own steps.
    Core::ConversionSession::RunOptions options;
    options.reuseFrom = search;
    if (const auto &last = m_session->lastJob()) {
        const int mine = last->stepIndex(QStringLiteral("transform"));
        const int its = search.stepIndex(QStringLiteral("transform"));
        if (mine >= 0 && its >= 0 && last->steps.at(mine).inputsKey == search.steps.at(its).inputsKey)
            options.reuseFrom = last;
    }
    startRun(options);
    return true;
}

void MainWindow::onRunStarted(Core::ConversionJob *job)
{
    m_jobProblems.clear();
    m_bundleExported = false;
    m_jobs->select(job);
    raiseResultsDock(m_stepDocks.value(Core::WorkflowStep::Convert));
    const Core::JobRecord &record = job->record();
    QStringList reused;
    for (const Core::StepRecord &step : record.steps) {
        if (!step.reusedFrom.isEmpty())
            reused.append(step.title);
    }
    statusBar()->showMessage(reused.isEmpty() ? tr("Converting %1 in %2…").arg(record.name, record.directory)
                                              : tr("Converting %1 in %2, reusing: %3…")
                                                    .arg(record.name, record.directory, reused.join(QStringLiteral(", "))));
    publishProblems();
}

void MainWindow::onJobFinished(Core::ConversionJob *job)
{
    const bool ok = job->record().state == Core::JobState::Succeeded;
    if (job->record().isQtableSearch()) {
        m_jobProblems.clear();
        for (const Core::StepRecord &step : job->record().steps)
            m_jobProblems += step.diagnostics;
        const QString state = Core::jobStateName(job->record().state);
        statusBar()->showMessage(ok ? tr("Search finished: %1").arg(job->record().directory)
                                    : tr("Search %1; see the Problems list.").arg(state),
                                 10000);
        if (ok)
            showQtableProposal(job->record());
        publishProblems();
        refreshSteps();
        emit qtableSearchFinished(ok);
        return;
    }
    statusBar()->showMessage(ok ? tr("Conversion finished: %1").arg(job->record().directory)
                                : tr("Conversion %1; see the Problems list.").arg(Core::jobStateName(job->record().state)),
                             10000);
    showRunResults(job->record());
    publishProblems();
    emit conversionFinished(ok);
}

QSet<QString> MainWindow::onnxTensorNames() const
{
    QSet<QString> names;
    for (const Core::Tensor &t : m_graph.tensors())
        names.insert(t.name);
    return names;
}

void MainWindow::compareWithRun(const Core::JobRecord &record)
{
    m_comparisonWatcher.setFuture(readAccuracy(record, false, false));
}

void MainWindow::onComparisonReady()
{
    const auto &run = m_comparisonWatcher.result().run;
    if (!run) {
        statusBar()->showMessage(run.error().message, 8000);
        return;
    }
    m_previousRun = *run;
    m_accuracy->setComparisonRun(*run);
    raiseResultsDock(m_stepDocks.value(Core::WorkflowStep::Accuracy));
    emit comparisonUpdated();
}

void MainWindow::onAccuracyReady()
{
    const AccuracyResult result = m_accuracyWatcher.result();
    if (result.calibration)
        m_properties->setCalibrationTable(*result.calibration);
    const auto &run = result.run;
    if (!run) {
        if (!result.quiet)
            statusBar()->showMessage(run.error().message, 8000);
        return;
    }
    if (m_currentRun)
        m_previousRun = m_currentRun;
    m_currentRun = *run;
    m_accuracy->setRun(*m_currentRun);
    if (m_previousRun)
        m_accuracy->setComparisonRun(*m_previousRun);
    m_graphView->setAccuracyRun(*m_currentRun);
    m_properties->setAccuracyRun(*m_currentRun);
    raiseResultsDock(m_stepDocks.value(Core::WorkflowStep::Accuracy));
    refreshSteps();
    emit accuracyUpdated();
}

void MainWindow::refreshOpSupport()
{
    if (m_graph.isNull())
        return;
    // Table look-ups per node: microseconds even for large graphs, fine on the UI thread.
    m_opSupportDevice = m_document->project().device;
    const Core::OpSupportReport report = Core::OpSupportAnalyzer(Core::OpSupportTable::builtin(m_opSupportDevice))
                                             .analyze(m_graph, m_document->project().cutTensors);
    m_graphView->setOpSupportReport(report);
    m_properties->setOpSupportReport(report);
}

void MainWindow::keepInBf16(const QStringList &opNames)
{
    if (opNames.isEmpty())
        return;
    Core::Project p = m_document->project();
    if (Core::QuantizeTableEdit::keepInHigherPrecision(p, opNames) > 0) {
        m_document->edit(p, p.device == Core::Device::MaixCam2 ? tr("Keep %n layer(s) in U16", nullptr, int(opNames.size()))
                                                               : tr("Keep %n layer(s) in BF16", nullptr, int(opNames.size())));
    }
    runConversion();
}

void MainWindow::backToInt8(const QStringList &opNames)
{
    Core::Project p = m_document->project();
    if (Core::QuantizeTableEdit::backToDefaultPrecision(p, opNames) == 0)
        return;
    m_document->edit(p, tr("Quantise %n layer(s) in %1 again", nullptr, int(opNames.size()))
                            .arg(p.device == Core::Device::MaixCam2 ? QStringLiteral("U8") : QStringLiteral("INT8")));
    runConversion();
}

bool MainWindow::exportBundle(const QString &destination, bool overwrite)
{
    if (!m_session->lastJob()) {
        emit bundleExportFinished(Core::makeError(tr("Run a conversion first; there is no model to export.")));
        return false;
    }
    if (m_exportWatcher.isRunning())
        return false;
    Core::BundleExporter::Request request;
    request.project = m_document->project();
    request.projectPath = m_document->filePath();
    request.graph = m_graph;
    request.job = *m_session->lastJob();
    m_busy->setVisible(true);
    // Hashing every calibration image and writing the model take seconds for large sets.
    m_exportWatcher.setFuture(QtConcurrent::run(
        [request, destination, overwrite] { return Core::BundleExporter::exportBundle(request, destination, overwrite); }));
    return true;
}

void MainWindow::showError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, 10000);
    if (!qEnvironmentVariableIsSet("MCW_NO_DIALOGS"))
        QMessageBox::warning(this, title, message);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1)
        return;
    const QString file = urls.first().toLocalFile();
    if (file.endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive) || file.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty())
        return;
    const QString file = urls.first().toLocalFile();
    if (file.endsWith(QLatin1String(".yaml"), Qt::CaseInsensitive))
        openProject(file);
    else
        openModel(file);
}

} // namespace Mcw::App
