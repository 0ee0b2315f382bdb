// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>
#include <widgets/graphview/cutlistedit.h>
#include <widgets/graphview/cutselection.h>
#include <widgets/graphview/findpanel.h>
#include <widgets/graphview/graphexporter.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/graphview.h>
#include <widgets/properties/propertiespanel.h>
#include <widgets/summary/modelsummarywidget.h>

#include <QAction>
#include <QApplication>
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
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <QtConcurrent>

namespace Mcw::App {

static const auto s_recentKey = QStringLiteral("recentModels");
static constexpr int s_maxRecent = 10;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_summary(new Widgets::ModelSummaryWidget(this))
{
    setWindowTitle(tr("MaixCAM Model Workbench"));
    setAcceptDrops(true);
    resize(1280, 800);

    auto *summaryDock = new QDockWidget(tr("Model"), this);
    summaryDock->setObjectName(QStringLiteral("modelSummaryDock"));
    summaryDock->setWidget(m_summary);
    addDockWidget(Qt::LeftDockWidgetArea, summaryDock);

    createGraphDocks();

    m_statusLabel = new QLabel(this);
    statusBar()->addWidget(m_statusLabel, 1);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // indeterminate: loading has no measurable progress
    m_busy->setMaximumWidth(160);
    m_busy->setVisible(false);
    statusBar()->addPermanentWidget(m_busy);

    connect(&m_loadWatcher, &QFutureWatcher<Core::Expected<Core::Graph>>::finished, this,
            &MainWindow::onLoadFinished);
    createActions();
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow()
{
    m_loadWatcher.waitForFinished();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Model…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open ONNX Model"), {},
                                                          tr("ONNX models (*.onnx);;All files (*)"));
        if (!path.isEmpty())
            openModel(path);
    });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    fileMenu->addSeparator();
    QAction *exportImage = fileMenu->addAction(tr("&Export Graph Image…"), this, &MainWindow::exportGraphImage);
    exportImage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_cuts->undoStack()->createUndoAction(this);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_cuts->undoStack()->createRedoAction(this);
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

    QMenu *graphMenu = menuBar()->addMenu(tr("&Graph"));
    m_presetCut = graphMenu->addAction(tr("Apply &Preset Cut"), this, &MainWindow::applyPresetCut);
    m_presetCut->setEnabled(false);
    m_presetCut->setToolTip(tr("Cut at the outputs MaixCAM expects for the detected model family"));
    graphMenu->addAction(tr("&Clear Cut"), this, [this] { m_cuts->setCutTensors({}); });

    QToolBar *toolBar = addToolBar(tr("Graph"));
    toolBar->setObjectName(QStringLiteral("graphToolBar"));
    toolBar->addActions(m_graphView->viewActions().mid(0, 3)); // zoom in/out, fit
    toolBar->addSeparator();
    toolBar->addAction(m_presetCut);
    toolBar->addAction(exportImage);
}

void MainWindow::createGraphDocks()
{
    m_graphView = new Widgets::GraphView(this);
    setCentralWidget(m_graphView);
    m_cuts = new Widgets::CutSelection(this);
    m_properties = new Widgets::PropertiesPanel(this);
    m_find = new Widgets::FindPanel(this);
    m_cutList = new Widgets::CutListEdit(m_cuts, this);
    auto addDock = [this](const QString &title, const QString &name, QWidget *widget, Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(widget);
        addDockWidget(area, dock);
        return dock;
    };
    addDock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties, Qt::RightDockWidgetArea);
    addDock(tr("Find"), QStringLiteral("findDock"), m_find, Qt::RightDockWidgetArea);
    addDock(tr("Cut Points"), QStringLiteral("cutDock"), m_cutList, Qt::LeftDockWidgetArea);

    using Widgets::GraphView;
    connect(m_graphView, &GraphView::nodeSelected, m_properties, &Widgets::PropertiesPanel::showNode);
    connect(m_graphView, &GraphView::tensorSelected, m_properties, &Widgets::PropertiesPanel::showTensor);
    connect(m_graphView, &GraphView::cutToggleRequested, m_cuts, &Widgets::CutSelection::toggleCutTensor);
    connect(m_properties, &Widgets::PropertiesPanel::nodeActivated, m_graphView, &GraphView::selectNode);
    connect(m_properties, &Widgets::PropertiesPanel::tensorActivated, m_graphView, &GraphView::selectTensor);
    connect(m_cuts, &Widgets::CutSelection::changed, m_graphView, &GraphView::setCutTensors);
    connect(m_find, &Widgets::FindPanel::hitHighlighted, m_graphView,
            [this](const Core::FindHit &hit) { m_graphView->highlightNode(hit.displayNode); });
    connect(m_find, &Widgets::FindPanel::hitActivated, m_graphView, [this](const Core::FindHit &hit) {
        if (hit.kind == Core::FindHit::Kind::Tensor && !m_graphView->viewGraph().edgesOfTensor(hit.tensor).isEmpty())
            m_graphView->selectTensor(hit.tensor);
        else
            m_graphView->selectNode(hit.displayNode);
    });
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
        QMessageBox::warning(this, tr("Export failed"), result.error().message);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::applyPresetCut()
{
    const Core::FamilyDetection detection = Core::detectFamily(m_graph);
    if (detection.recommendedOutputs.isEmpty()) {
        statusBar()->showMessage(detection.reason, 5000);
        return;
    }
    m_cuts->setCutTensors(detection.recommendedOutputs);
    statusBar()->showMessage(tr("%1: cut at %2").arg(detection.family, detection.recommendedOutputs.join(QStringLiteral(", "))), 5000);
}

bool MainWindow::isLoading() const
{
    return m_loadWatcher.isRunning();
}

void MainWindow::openModel(const QString &path)
{
    if (m_loadWatcher.isRunning()) {
        statusBar()->showMessage(tr("Still loading %1…").arg(m_loadingPath), 3000);
        return;
    }
    m_loadingPath = path;
    m_busy->setVisible(true);
    m_statusLabel->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_loadWatcher.setFuture(QtConcurrent::run([path] { return Core::OnnxLoader::loadFile(path); }));
}

void MainWindow::onLoadFinished()
{
    m_busy->setVisible(false);
    const Core::Expected<Core::Graph> result = m_loadWatcher.result();
    if (!result) {
        m_statusLabel->setText(m_graph.isNull() ? QString() : m_graph.filePath());
        emit modelLoadFailed(result.error().message);
        if (!qEnvironmentVariableIsSet("MCW_NO_DIALOGS"))
            QMessageBox::warning(this, tr("Cannot open model"), result.error().message);
        return;
    }
    m_graph = *result;
    m_summary->setGraph(m_graph);
    m_cuts->reset();
    m_graphView->setGraph(m_graph);
    m_properties->setGraph(m_graph, m_graphView->viewGraph());
    m_find->setGraph(m_graph, m_graphView->viewGraph());
    m_cutList->setGraph(m_graph);
    m_presetCut->setEnabled(Core::detectFamily(m_graph).family != QLatin1String("unknown"));
    setWindowTitle(tr("%1 — MaixCAM Model Workbench").arg(QFileInfo(m_graph.filePath()).fileName()));
    m_statusLabel->setText(tr("%1 — %2 nodes").arg(m_graph.filePath()).arg(m_graph.nodes().size()));
    addRecentModel(m_graph.filePath());
    emit modelLoaded(m_graph.filePath());
}

void MainWindow::addRecentModel(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(s_recentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > s_maxRecent)
        recent.removeLast();
    settings.setValue(s_recentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(s_recentKey).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openModel(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().toLocalFile().endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty())
        openModel(urls.first().toLocalFile());
}

} // namespace Mcw::App
