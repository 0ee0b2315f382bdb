// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <core/onnx/onnxloader.h>
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

    auto *placeholder = new QLabel(tr("Open an ONNX model (File → Open, or drop a file here)."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);

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
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
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
