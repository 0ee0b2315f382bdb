// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/run/jobrecord.h>

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QTreeView;

namespace Mcw::Core {
class ConversionJob;
class JobPool;
} // namespace Mcw::Core

namespace Mcw::Widgets {

class JobsModel;
class LogView;

/**
 * The Jobs panel: runs and their steps with progress and elapsed time, the selected step's log
 * (read from disk, then followed live), and Cancel / Retry / Open folder / Copy command, plus
 * Show Results / Compare for finished runs (earlier ones too, listed from the workspace).
 * Emits the diagnostics of finished runs for the Problems list.
 */
class JobsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPanel(Core::JobPool *pool, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    JobsModel *model() const { return m_model; }
    LogView *logView() const { return m_log; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *cancelAllAction() const { return m_cancelAll; }
    QAction *retryAction() const { return m_retry; }
    QAction *openFolderAction() const { return m_openFolder; }
    QAction *copyCommandAction() const { return m_copyCommand; }
    QAction *showResultsAction() const { return m_showResults; }
    QAction *compareAction() const { return m_compare; }

    /**
     * What the selected run's models need on the device, from its device info steps
     * (model_tool --info): cvimodel size, ION, weight and neuron memory, CPU layers; empty
     * when the run has none yet.
     */
    QString deviceNeedsText() const;

    /** Selects a job's row (e.g. after submitting it) and shows its running step's log. */
    void select(Core::ConversionJob *job);

signals:
    /** Every diagnostic of every listed run, whenever one changes (for the Problems list). */
    void diagnosticsChanged(const QList<Mcw::Core::Diagnostic> &diagnostics);
    void openFolderRequested(const QString &path);
    /** "Show Results": make this finished run the one whose accuracy and bundle are shown. */
    void showResultsRequested(const Mcw::Core::JobRecord &run);
    /** "Compare": overlay this finished run on the accuracy chart of the shown one. */
    void compareRequested(const Mcw::Core::JobRecord &run);

private:
    void currentChanged();
    void showStep(Core::ConversionJob *job, const QString &stepId);
    void updateActions();
    void publishDiagnostics();
    void showDeviceNeeds(const Core::ConversionJob *job);
    QString selectedStepId() const;

    QPointer<Core::JobPool> m_pool;
    JobsModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    LogView *m_log = nullptr;
    QLabel *m_logTitle = nullptr;
    QLabel *m_deviceNeeds = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_cancelAll = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_copyCommand = nullptr;
    QAction *m_showResults = nullptr;
    QAction *m_compare = nullptr;
    QPointer<Core::ConversionJob> m_shownJob;
    QString m_shownStep;
    QMetaObject::Connection m_liveConnection;
    int m_loadGeneration = 0;
};

} // namespace Mcw::Widgets
