// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobspanel.h"

#include <core/bundle/cvimodelinfo.h>
#include <core/bundle/cvimodeltensorinfo.h>
#include <core/run/jobpool.h>
#include <core/run/steplog.h>
#include <widgets/jobs/jobsmodel.h>
#include <widgets/jobs/logview.h>
#include <widgets/jobs/progressbardelegate.h>

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Mcw::Widgets {

JobsPanel::JobsPanel(Core::JobPool *pool, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
    , m_model(new JobsModel(pool, this))
    , m_view(new QTreeView(this))
    , m_log(new LogView(this))
    , m_logTitle(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(JobsModel::ProgressColumn, new ProgressBarDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(JobsModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Which engine ran a step matters only once steps run on Docker engines.
    const auto showEngineColumn = [this] { m_view->setColumnHidden(JobsModel::EngineColumn, !m_model->hasEngines()); };
    showEngineColumn();
    connect(m_model, &QAbstractItemModel::rowsInserted, this, showEngineColumn);
    connect(m_model, &QAbstractItemModel::dataChanged, this, showEngineColumn);

    auto *toolbar = new QToolBar(this);
    m_cancel = toolbar->addAction(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the selected run; its running tool and all its processes are killed."));
    m_cancelAll = toolbar->addAction(tr("Cancel all"));
    m_retry = toolbar->addAction(tr("Retry"));
    m_retry->setToolTip(tr("Run the selected (or first failed) step again, and the steps that need it."));
    m_openFolder = toolbar->addAction(tr("Open folder"));
    m_copyCommand = toolbar->addAction(tr("Copy command"));
    m_copyCommand->setToolTip(tr("Copy the selected step as a shell command."));
    toolbar->addSeparator();
    m_showResults = toolbar->addAction(tr("Show Results"));
    m_showResults->setToolTip(tr("Show the selected run's accuracy; Export Bundle then exports it."));
    m_compare = toolbar->addAction(tr("Compare"));
    m_compare->setToolTip(tr("Overlay the selected run on the accuracy chart of the shown run."));

    connect(m_cancel, &QAction::triggered, this, [this] {
        if (Core::ConversionJob *job = m_model->jobAt(m_view->currentIndex()))
            m_pool->cancel(job->id());
    });
    connect(m_cancelAll, &QAction::triggered, this, [this] { m_pool->cancelAll(); });
    connect(m_retry, &QAction::triggered, this, [this] {
        Core::ConversionJob *job = m_model->jobAt(m_view->currentIndex());
        if (!job)
            return;
        QString step = selectedStepId();
        if (step.isEmpty()) {
            for (const Core::StepRecord &s : job->record().steps) {
                if (s.state == Core::StepState::Failed || s.state == Core::StepState::Cancelled) {
                    step = s.id;
                    break;
                }
            }
        }
        if (!step.isEmpty())
            m_pool->retry(job->id(), step);
    });
    connect(m_openFolder, &QAction::triggered, this, [this] {
        const QString dir = m_view->currentIndex().data(JobsModel::DirectoryRole).toString();
        if (dir.isEmpty())
            return;
        emit openFolderRequested(dir);
        if (qEnvironmentVariableIsEmpty("MCW_NO_DIALOGS"))
            QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
    });
    connect(m_copyCommand, &QAction::triggered, this, [this] {
        const QString command = m_view->currentIndex().siblingAtColumn(0).data(JobsModel::CommandRole).toString();
        if (!command.isEmpty())
            QGuiApplication::clipboard()->setText(command);
    });

    connect(m_showResults, &QAction::triggered, this, [this] {
        if (const Core::ConversionJob *job = m_model->jobAt(m_view->currentIndex()))
            emit showResultsRequested(job->record());
    });
    connect(m_compare, &QAction::triggered, this, [this] {
        if (const Core::ConversionJob *job = m_model->jobAt(m_view->currentIndex()))
            emit compareRequested(job->record());
    });

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &JobsPanel::currentChanged);
    connect(pool, &Core::JobPool::jobChanged, this, [this](Core::ConversionJob *job) {
        updateActions();
        // Follow the run: when it moves to its next step, show that step's log.
        if (job == m_shownJob && job->runningStep() >= 0) {
            const QString running = job->record().steps.at(job->runningStep()).id;
            if (running != m_shownStep && selectedStepId().isEmpty())
                showStep(job, running);
        }
    });
    connect(pool, &Core::JobPool::jobFinished, this, [this](Core::ConversionJob *job) {
        publishDiagnostics();
        if (job == m_shownJob)
            showDeviceNeeds(job);
    });

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_deviceNeeds = new QLabel(this);
    m_deviceNeeds->setObjectName(QStringLiteral("deviceNeeds"));
    m_deviceNeeds->setWordWrap(true);
    m_deviceNeeds->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deviceNeeds->hide();
    bottomLayout->addWidget(m_deviceNeeds);
    bottomLayout->addWidget(m_logTitle);
    bottomLayout->addWidget(m_log);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(bottom);
    // The bottom dock (shared with Problems and Accuracy) may be small while the graph is
    // edited: a few rows of each part are enough then.
    m_view->setMinimumHeight(48);
    bottom->setMinimumHeight(90);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter);
    updateActions();
}

QString JobsPanel::selectedStepId() const
{
    return m_view->currentIndex().siblingAtColumn(0).data(JobsModel::StepIdRole).toString();
}

void JobsPanel::select(Core::ConversionJob *job)
{
    const QModelIndex index = m_model->indexOfJob(job);
    if (!index.isValid())
        return;
    // The selected run shows its steps: which ran, which were reused, where it stands.
    m_view->expand(index);
    m_view->setCurrentIndex(index);
    // Also when it was current already (the view may make the first row current unasked).
    if (m_pool)
        m_pool->setKeptJob(job);
}

void JobsPanel::currentChanged()
{
    Core::ConversionJob *job = m_model->jobAt(m_view->currentIndex());
    // The run the user looks at stays listed however many finish after it.
    if (m_pool)
        m_pool->setKeptJob(job);
    QString step = selectedStepId();
    if (job && step.isEmpty()) {
        // A run row shows its running step, else its last step that ran.
        const auto &steps = job->record().steps;
        if (job->runningStep() >= 0) {
            step = steps.at(job->runningStep()).id;
        } else {
            for (const Core::StepRecord &s : steps) {
                if (s.attempts > 0)
                    step = s.id;
            }
        }
    }
    showStep(job, step);
    showDeviceNeeds(job);
    updateActions();
}

static QString kibibytes(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("?")
           : bytes >= (1 << 20) ? QStringLiteral("%1 MiB").arg(double(bytes) / (1 << 20), 0, 'f', 2)
                                : QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
}

void JobsPanel::showDeviceNeeds(const Core::ConversionJob *job)
{
    QStringList lines;
    if (job) {
        const Core::JobRecord &record = job->record();
        for (const Core::StepRecord &step : record.steps) {
            // Device info steps: model_tool --info MODEL, its stdout kept as stdoutFile.
            if (step.stdoutFile.isEmpty() || step.state != Core::StepState::Succeeded
                || step.invocation.arguments.isEmpty())
                continue;
            const QDir dir(record.directory);
            const QString model = step.invocation.arguments.last();
            const auto info = Core::CvimodelInfo::readFile(dir.filePath(step.stdoutFile));
            if (!info) {
                lines.append(info.error().message);
                continue;
            }
            const QString cpu = info->cpuRoutines.isEmpty() ? tr("none") : info->cpuRoutines.join(QStringLiteral(", "));
            lines.append(tr("%1: file %2 · ION %3 MB · weights %4 · neurons %5 · CPU layers: %6")
                             .arg(model, kibibytes(QFileInfo(dir.filePath(model)).size()))
                             .arg(info->ionMegabytes, 0, 'f', 2)
                             .arg(kibibytes(info->weightBytes), kibibytes(info->neuronBytes()), cpu));
            if (const auto tensors = Core::CvimodelTensorInfo::readFile(
                    Core::CvimodelTensorInfo::pathFor(dir.filePath(model))))
                lines.last() += tr(" · tensors: %1").arg(tensors->summary());
        }
    }
    m_deviceNeeds->setText(lines.isEmpty() ? QString()
                                           : tr("On the device — ") + lines.join(QStringLiteral("\n")));
    m_deviceNeeds->setVisible(!lines.isEmpty());
}

QString JobsPanel::deviceNeedsText() const
{
    return m_deviceNeeds->text();
}

void JobsPanel::showStep(Core::ConversionJob *job, const QString &stepId)
{
    disconnect(m_liveConnection);
    m_shownJob = job;
    m_shownStep = stepId;
    m_log->clear();
    const int generation = ++m_loadGeneration;
    if (!job || stepId.isEmpty()) {
        m_logTitle->setText(job ? tr("No step of this run has started yet.") : QString());
        return;
    }
    const Core::StepRecord &step = job->record().steps.at(job->record().stepIndex(stepId));
    m_logTitle->setText(tr("%1 — %2").arg(step.title, step.logFile.isEmpty() ? tr("no log yet") : step.logFile));
    // Live lines queue up behind the part read from disk.
    m_liveConnection = connect(job, &Core::ConversionJob::outputLine, this,
                               [this, stepId, generation](const QString &s, Core::OutputStream stream, const QString &line,
                                                          bool overwrite) {
                                   if (s == stepId && generation == m_loadGeneration)
                                       m_log->appendLine(stream, line, overwrite);
                               });
    if (step.logFile.isEmpty())
        return;
    const QString path = QDir(job->record().directory).filePath(step.logFile);
    const int cap = m_log->maximumLines();
    auto *watcher = new QFutureWatcher<Core::Expected<QList<Core::StepLogLine>>>(this);
    connect(watcher, &QFutureWatcher<Core::Expected<QList<Core::StepLogLine>>>::finished, this,
            [this, watcher, generation] {
                watcher->deleteLater();
                if (generation != m_loadGeneration)
                    return;
                const auto lines = watcher->result();
                if (!lines)
                    return;
                // Lines that streamed in while reading are also in the file: the file wins.
                m_log->setLines(*lines);
            });
    watcher->setFuture(QtConcurrent::run([path, cap] { return Core::readStepLog(path, cap); }));
}

void JobsPanel::updateActions()
{
    const QModelIndex current = m_view->currentIndex();
    Core::ConversionJob *job = m_model->jobAt(current);
    const bool active = job && (job->state() == Core::JobState::Running || job->state() == Core::JobState::Queued);
    m_cancel->setEnabled(active);
    m_cancelAll->setEnabled(m_pool && !m_pool->isIdle());
    m_retry->setEnabled(job && !active && job->state() != Core::JobState::Succeeded);
    m_openFolder->setEnabled(job != nullptr);
    m_copyCommand->setEnabled(!selectedStepId().isEmpty());
    const bool succeeded = job && job->state() == Core::JobState::Succeeded;
    m_showResults->setEnabled(succeeded);
    m_compare->setEnabled(succeeded);
}

void JobsPanel::publishDiagnostics()
{
    QList<Core::Diagnostic> all;
    for (const Core::ConversionJob *job : m_pool->jobs()) {
        for (const Core::StepRecord &s : job->record().steps)
            all += s.diagnostics;
    }
    emit diagnosticsChanged(all);
}

} // namespace Mcw::Widgets
