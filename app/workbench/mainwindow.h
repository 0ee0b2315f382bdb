// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>
#include <core/accuracy/calibrationtable.h>
#include <core/bundle/bundleimporter.h>
#include <core/logs/diagnostic.h>
#include <core/run/conversionsession.h>
#include <core/run/jobrecord.h>
#include <core/run/toolchainsettings.h>
#include <core/onnx/graph.h>
#include <core/project/conversionplan.h>
#include <core/workflow/qtableproposal.h>
#include <core/result.h>
#include <core/workflow/workflowstatus.h>

#include <QFutureWatcher>
#include <QMainWindow>
#include <QSet>
#include <QTimer>

#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace Mcw::Core {
class ConversionJob;
class ConversionSession;
class JobPool;
} // namespace Mcw::Core

namespace Mcw::Widgets {
class AccuracyWidget;
class PreviewPanel;
class CutListEdit;
class FindPanel;
class GraphView;
class LabelsEditor;
class ModelSummaryWidget;
class PreprocessForm;
class JobsPanel;
class ProblemsView;
class ProjectDocument;
class PropertiesPanel;
class QtableProposalPanel;
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
    /** Shows the window at its saved geometry, or maximised on the first start. */
    void showAtStart();
    /**
     * Gives the docks their first-start share of the window (side columns about a fifth of
     * the width each, the bottom area a quarter of the height) so the graph gets most of it.
     */
    void fitDocksToWindow();
    /** Loads a project file and its model; the current state stays when either fails. */
    void openProject(const QString &path);
    /** Opens an existing bundle (.mud or .zip), shows its settings and starts a project from it. */
    bool importBundle(const QString &path, const QString &modelPath = {});
    bool saveProject();
    bool saveProjectAs(const QString &path = {});

    Core::Graph currentGraph() const { return m_graph; }
    bool isLoading() const;
    Widgets::ProjectDocument *document() const { return m_document; }
    Widgets::GraphView *graphView() const { return m_graphView; }
    Widgets::StepBar *stepBar() const { return m_stepBar; }
    /** Problems shown in the Problems list (pre-flight, operator support, jobs). */
    QList<Core::Diagnostic> problems() const { return m_problems; }
    /** The project check (pre-flight, operator support) is waiting or running after an edit. */
    bool isCheckingProject() const;
    /** Shows the panel that belongs to \a step. */
    void showStep(Core::WorkflowStep step);

    /**
     * Starts transform → calibration → deploy for the current project (pre-flight must pass).
     * With \a reuseEarlierSteps, steps whose inputs are unchanged since the last run are copied
     * from it instead of run again (Core::StepReuse).
     */
    bool runConversion(bool reuseEarlierSteps = true);
    /**
     * Convert → Find Layers to Keep in BF16…: asks for the search's knobs (those the probed
     * release has) and starts tpu-mlir's search; false when cancelled or it cannot start.
     */
    bool findLayersToKeepInBf16();
    /**
     * Starts tpu-mlir's mixed-precision search for cv181x as a background job (progress, cancel
     * and logs like a conversion; transform and calibration reused when unchanged). When it
     * ends, qtableSearchFinished() follows and its proposal is shown.
     */
    bool startQtableSearch(const Core::ConversionPlan::QtableSearch &search);
    /**
     * Adopts the shown proposal into the project (one undoable edit: the layers, and the
     * search's calibration table when it wrote one) and converts again, reusing the steps of
     * the search run that did not change. False when there is nothing to adopt.
     */
    bool adoptQtableProposal();
    Widgets::QtableProposalPanel *proposalPanel() const { return m_proposalPanel; }
    /** Marks \a opNames to stay in BF16 (quantize table) and converts again. */
    void keepInBf16(const QStringList &opNames);
    /** Takes \a opNames out of the quantize table and converts again. */
    void backToInt8(const QStringList &opNames);
    /**
     * Writes the bundle of the newest successful run to \a destination (folder or .zip) off the
     * UI thread (it hashes every calibration image); bundleExportFinished() follows. False when
     * there is nothing to export or an export is under way.
     */
    bool exportBundle(const QString &destination, bool overwrite);
    bool isExporting() const { return m_exportWatcher.isRunning(); }
    /** Backend used for conversions (QSettings by default; tests point it at the doubles). */
    void setToolchainSettings(const Core::ToolchainSettings &settings);
    Core::JobPool *jobPool() const;
    Core::ConversionSession *session() const { return m_session; }
    /** The newest finished run: of this session, or listed from the workspace when the project opened. */
    const std::optional<Core::JobRecord> &lastJob() const;
    bool hasAccuracy() const { return m_currentRun.has_value(); }

signals:
    void modelLoaded(const QString &path);
    void modelLoadFailed(const QString &message);
    void problemsChanged();
    void conversionFinished(bool succeeded);
    /** A search run ended; on success its proposal is shown (graph, chart, proposal panel). */
    void qtableSearchFinished(bool succeeded);
    void accuracyUpdated();
    /** A run chosen in the Jobs panel is overlaid on the accuracy chart. */
    void comparisonUpdated();
    /** Earlier runs of the opened project were found in its workspace and listed. */
    void runHistoryLoaded();
    /** A model with a dynamic input was loaded again with the input size of the project. */
    void inputPinned();
    /** The written files, or why the bundle could not be written. */
    void bundleExportFinished(const Mcw::Core::Expected<QStringList> &files);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /** Shows the Jobs or Accuracy dock with room for a log or a chart (40 % of the height). */
    void raiseResultsDock(QDockWidget *dock);
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
    /** Checks the project again, debounced and off the UI thread, then publishes the problems. */
    void refreshProblems();
    void startProjectCheck();
    /** Shows the project check's problems with those of the last run and an imported bundle. */
    void publishProblems();
    void onBundleImported();
    /** Hands m_graph to every view that shows it. */
    void showGraph();
    /** Loads the model again with its dynamic input fixed to the project's input shape. */
    void pinInput();
    void onInputPinned();
    /** Analyses operator support for the current cut and hands it to the view and properties. */
    void refreshOpSupport();
    void refreshSteps();
    /** The permanent "Engine down" note in the status bar, from the pool's engines. */
    void showEnginesDown();
    void updateTitle();
    bool maybeSave();
    void addRecent(const QString &key, const QString &path);
    void rebuildRecentMenus();
    void resetLayout();
    void showError(const QString &title, const QString &message);
    void onRunStarted(Core::ConversionJob *job);
    void onJobFinished(Core::ConversionJob *job);
    /** Pre-flight and toolchain checks before any run; false after saying what is wrong. */
    bool readyToRun();
    /** Starts a run of the current project with \a options (the session does the rest). */
    void startRun(const Core::ConversionSession::RunOptions &options);
    /** Reads the proposal of the finished search \a record and marks it on the graph and chart. */
    void showQtableProposal(const Core::JobRecord &record);
    void clearQtableProposal();
    /** Where runs go: the project's workspace, or `workspace/` next to the project (or model). */
    QString workspaceDir() const;
    /** Lists the project's earlier runs (job.json under the workspace) and shows the newest. */
    void loadRunHistory();
    /**
     * Makes \a record the last run: its problems, and its per-layer accuracy when it succeeded.
     * With \a quiet, a run without per-layer data says nothing (it was not just started).
     */
    void showRunResults(const Core::JobRecord &record, bool quiet = false);
    void onAccuracyReady();
    /** Overlays \a record's per-layer accuracy (read off the UI thread) on the chart. */
    void compareWithRun(const Core::JobRecord &record);
    void onComparisonReady();
    QSet<QString> onnxTensorNames() const;

    Core::Graph m_graph;
    QString m_loadingPath;
    QString m_pendingProjectPath; // a project whose model is being loaded
    QFutureWatcher<LoadResult> m_loadWatcher;
    QList<Core::Diagnostic> m_problems;
    QList<Core::Diagnostic> m_projectProblems; // the last project check
    QTimer m_checkTimer;                       // typing restarts it: one check per pause
    QFutureWatcher<QList<Core::Diagnostic>> m_checkWatcher;
    bool m_checkAgain = false;                 // the project changed while a check ran
    int m_graphRevision = 0;                   // counts the models m_graph held (loads, pins)
    int m_checkedGraphRevision = -1;           // the one the running or last check saw
    QFutureWatcher<Core::Expected<QStringList>> m_exportWatcher;
    bool m_dynamicInput = false;       // the model file leaves an input dimension open
    QList<qint64> m_pinnedShape;       // the input shape m_graph was loaded with; empty: the file's
    Core::Device m_opSupportDevice = Core::Device::MaixCam; // the table the op-support overlay used
    QTimer m_pinTimer;                 // a size being typed pins once
    struct PinResult
    {
        QList<qint64> shape;
        Core::Expected<Core::Graph> graph = Core::makeError(QString());
    };
    QFutureWatcher<PinResult> m_pinWatcher;
    struct ImportResult
    {
        QString path;
        QString modelPath;
        Core::Expected<Core::BundleImporter::Bundle> bundle = Core::makeError(QString());
    };
    QFutureWatcher<ImportResult> m_importWatcher;
    QList<Core::Diagnostic> m_jobProblems; // from the last run's failure classification
    QList<Core::Diagnostic> m_bundleProblems; // what the strict reader found in an imported bundle
    Core::ConversionSession *m_session = nullptr;
    bool m_bundleExported = false;
    std::optional<Core::AccuracyRun> m_currentRun;
    Core::ConversionPlan::QtableSearch m_searchOptions; // the knobs last asked for
    std::optional<Core::JobRecord> m_searchJob;          // the search whose proposal is shown
    std::optional<Core::QtableProposal> m_proposal;
    QComboBox *m_colourBy = nullptr;
    std::optional<Core::AccuracyRun> m_previousRun;
    struct AccuracyResult
    {
        Core::Expected<Core::AccuracyRun> run = Core::makeError(QString());
        std::optional<Core::CalibrationTable> calibration; // absent for BF16-only runs
        bool quiet = false; // a run listed from the workspace: no per-layer data is no news
    };
    /** Per-layer accuracy of \a record (and its calibration table), read on a worker thread. */
    QFuture<AccuracyResult> readAccuracy(const Core::JobRecord &record, bool withCalibration, bool quiet) const;
    QFutureWatcher<AccuracyResult> m_accuracyWatcher;
    QFutureWatcher<AccuracyResult> m_comparisonWatcher;
    QByteArray m_defaultState; // dock layout before any saved state was restored
    bool m_restoredGeometry = false;
    bool m_restoredState = false;
    /** No saved layout: the docks follow the window's size until shortly after the first show. */
    bool m_fitDocksOnResize = false;
    bool m_shownOnce = false;

    Widgets::ProjectDocument *m_document = nullptr;
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
    Widgets::QtableProposalPanel *m_proposalPanel = nullptr;
    Widgets::PreviewPanel *m_preview = nullptr;
    Widgets::ProblemsView *m_problemList = nullptr;
    Widgets::JobsPanel *m_jobs = nullptr;
    QHash<Core::WorkflowStep, QDockWidget *> m_stepDocks;
    QAction *m_presetCut = nullptr;
    QAction *m_save = nullptr;
    QAction *m_run = nullptr;
    QAction *m_runFromScratch = nullptr;
    QAction *m_searchQtable = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_exportBundle = nullptr;
    QMenu *m_recentModels = nullptr;
    QMenu *m_recentProjects = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_enginesDown = nullptr; // permanent while the pool has an engine marked down
};

} // namespace Mcw::App
