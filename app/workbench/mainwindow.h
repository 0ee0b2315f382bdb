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
class ModelSummaryWidget;
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
    bool isLoading() const;

signals:
    void modelLoaded(const QString &path);
    void modelLoadFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void onLoadFinished();
    void addRecentModel(const QString &path);
    void rebuildRecentMenu();

    Core::Graph m_graph;
    QString m_loadingPath;
    QFutureWatcher<Core::Expected<Core::Graph>> m_loadWatcher;
    Widgets::ModelSummaryWidget *m_summary = nullptr;
    QMenu *m_recentMenu = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_statusLabel = nullptr;
};

} // namespace Mcw::App
