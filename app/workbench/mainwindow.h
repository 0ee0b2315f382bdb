// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/result.h>

#include <QFutureWatcher>
#include <QMainWindow>

class QLabel;
class QMenu;
class QProgressBar;

namespace Mcw::Widgets {
class CutListEdit;
class CutSelection;
class FindPanel;
class GraphView;
class ModelSummaryWidget;
class PropertiesPanel;
}

namespace Mcw::App {

/** The workbench's main window: menus, docks and the wiring between core and widgets. */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Starts loading \a path off the UI thread; the current model stays until it succeeds. */
    void openModel(const QString &path);
    Core::Graph currentGraph() const { return m_graph; }
    Widgets::GraphView *graphView() const { return m_graphView; }
    Widgets::CutSelection *cutSelection() const { return m_cuts; }
    bool isLoading() const;

signals:
    void modelLoaded(const QString &path);
    void modelLoadFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createGraphDocks();
    void exportGraphImage();
    void applyPresetCut();
    void onLoadFinished();
    void addRecentModel(const QString &path);
    void rebuildRecentMenu();

    Core::Graph m_graph;
    QString m_loadingPath;
    QFutureWatcher<Core::Expected<Core::Graph>> m_loadWatcher;
    Widgets::ModelSummaryWidget *m_summary = nullptr;
    Widgets::GraphView *m_graphView = nullptr;
    Widgets::CutSelection *m_cuts = nullptr;
    Widgets::PropertiesPanel *m_properties = nullptr;
    Widgets::FindPanel *m_find = nullptr;
    Widgets::CutListEdit *m_cutList = nullptr;
    QAction *m_presetCut = nullptr;
    QMenu *m_recentMenu = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_statusLabel = nullptr;
};

} // namespace Mcw::App
