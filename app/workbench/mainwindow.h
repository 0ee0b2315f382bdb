// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/onnx/graph.h>
#include <core/result.h>
#include <core/workflow/workflowstatus.h>

#include <QFutureWatcher>
#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTreeWidget;

namespace Mcw::Widgets {
class AccuracyWidget;
class CutListEdit;
class CutSelection;
class FindPanel;
class GraphView;
class LabelsEditor;
class ModelSummaryWidget;
class PreprocessForm;
class ProjectDocument;
class PropertiesPanel;
class QuantizationForm;
class StepBar;
class WelcomePage;
} // namespace Mcw::Widgets

namespace Mcw::App {

/**
 * The workbench's main window: one guided flow (step bar) over the graph, the project forms,
 * the problems, jobs and accuracy docks. It only wires core and widgets together.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Loads \a path off the UI thread; on success a new project is started from it. */
    void openModel(const QString &path);
    /** Loads a project file and its model; the current state stays when either fails. */
    void openProject(const QString &path);
    bool saveProject();
    bool saveProjectAs(const QString &path = {});

    Core::Graph currentGraph() const { return m_graph; }
    bool isLoading() const;
    Widgets::ProjectDocument *document() const { return m_document; }
    Widgets::GraphView *graphView() const { return m_graphView; }
    Widgets::CutSelection *cutSelection() const { return m_cuts; }
    Widgets::StepBar *stepBar() const { return m_stepBar; }
    /** Problems shown in the Problems list (pre-flight, operator support, jobs). */
    QList<Core::Diagnostic> problems() const { return m_problems; }
    /** Shows the panel that belongs to \a step. */
    void showStep(Core::WorkflowStep step);

signals:
    void modelLoaded(const QString &path);
    void modelLoadFailed(const QString &message);
    void problemsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct LoadResult
    {
        Core::Expected<Core::Graph> graph = Core::makeError(QString());
        QString sha256;
    };

    void createDocks();
    void createActions();
    QDockWidget *addDock(const QString &title, const QString &name, QWidget *widget,
                         Qt::DockWidgetArea area);
    void onLoadFinished();
    void startProjectFromModel();
    void applyPresetCut();
    void exportGraphImage();
    void refreshProblems();
    void refreshSteps();
    void updateTitle();
    bool maybeSave();
    void addRecent(const QString &key, const QString &path);
    void rebuildRecentMenus();
    void resetLayout();
    void showError(const QString &title, const QString &message);

    Core::Graph m_graph;
    QString m_loadingPath;
    QString m_pendingProjectPath; // a project whose model is being loaded
    QFutureWatcher<LoadResult> m_loadWatcher;
    QList<Core::Diagnostic> m_problems;
    QByteArray m_defaultState; // dock layout before any saved state was restored

    Widgets::ProjectDocument *m_document = nullptr;
    Widgets::CutSelection *m_cuts = nullptr;
    QStackedWidget *m_central = nullptr;
    Widgets::WelcomePage *m_welcome = nullptr;
    Widgets::GraphView *m_graphView = nullptr;
    Widgets::StepBar *m_stepBar = nullptr;
    Widgets::ModelSummaryWidget *m_summary = nullptr;
    Widgets::PropertiesPanel *m_properties = nullptr;
    Widgets::FindPanel *m_find = nullptr;
    Widgets::CutListEdit *m_cutList = nullptr;
    Widgets::PreprocessForm *m_preprocess = nullptr;
    Widgets::LabelsEditor *m_labels = nullptr;
    Widgets::QuantizationForm *m_quantization = nullptr;
    Widgets::AccuracyWidget *m_accuracy = nullptr;
    QTreeWidget *m_problemList = nullptr;
    QHash<Core::WorkflowStep, QDockWidget *> m_stepDocks;
    QAction *m_presetCut = nullptr;
    QAction *m_save = nullptr;
    QMenu *m_recentModels = nullptr;
    QMenu *m_recentProjects = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_statusLabel = nullptr;
};

} // namespace Mcw::App
