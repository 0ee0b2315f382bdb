// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversionsession.h"

#include <core/backgroundtask.h>
#include <core/run/conversionjob.h>
#include <core/run/dockerimageid.h>
#include <core/run/dockerrunbackend.h>
#include <core/run/jobhistory.h>
#include <core/run/jobpool.h>
#include <core/run/toolchainbackend.h>

#include <QDir>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>

namespace Mcw::Core {

ConversionSession::ConversionSession(QObject *parent)
    : QObject(parent)
    , m_pool(new JobPool(this))
{
    setToolchain(m_toolchain);
    connect(&m_prepareWatcher, &QFutureWatcherBase::finished, this, [this] {
        const Prepared prepared = m_prepareWatcher.result();
        if (!prepared.job) {
            // Re-pulled or rebuilt under the same name since the probe: its tools may take
            // other flags. Probe again, then prepare the run anew.
            emit probeChecked({tr("Image"), true,
                               tr("The image %1 changed since its tools were checked (now %2); checking them again.")
                                   .arg(m_toolchain.imageFor(m_activeToolchain), prepared.changedImageId.left(19))});
            m_imageRechecked = true;
            startProbe();
            return;
        }
        m_preparing = false;
        const Expected<JobRecord> &job = *prepared.job;
        if (!job) {
            emit runNotStarted(job.error());
            return;
        }
        emit runStarted(m_pool->submit(*job));
    });
    connect(m_pool, &JobPool::jobFinished, this, [this](ConversionJob *job) {
        // A search builds no model: the last conversion stays the one to export and show.
        if (!job->record().isQtableSearch())
            m_lastJob = job->record();
        emit runFinished(job);
    });
}

ConversionSession::~ConversionSession()
{
    m_prepareWatcher.waitForFinished();
    if (m_probe)
        m_probe->cancel();
    m_pool->cancelAll();
}

void ConversionSession::setToolchain(const ToolchainSettings &settings)
{
    if (!(settings == m_toolchain)) {
        m_capabilities.reset();
        m_pulsar2Capabilities.reset();
        m_engineResults.clear();
    }
    m_toolchain = settings;
    m_pool->setStepTimeout(qint64(settings.stepTimeoutMinutes) * 60 * 1000);
    m_pool->setCapabilities(m_capabilities.value_or(ToolCapabilities{}));
    applyEngines();
}

bool ConversionSession::usesEngines() const
{
    return m_toolchain.backend == ToolchainSettings::Backend::Docker && !m_toolchain.usesDockerExec();
}

void ConversionSession::applyEngines()
{
    m_pool->setMaxConcurrency(m_toolchain.totalSlots());
    if (!usesEngines()) {
        m_pool->setBackend(ToolchainBackend::create(m_toolchain));
        return;
    }
    QList<JobPool::Engine> engines;
    for (const DockerEngine &e : std::as_const(m_toolchain.engines)) {
        JobPool::Engine pooled;
        pooled.name = e.name;
        pooled.capacity = qMax(1, e.maxConcurrentSteps);
        // Until checked: presumed from the address; after: what the check found.
        const auto checked = m_engineResults.constFind(e.name);
        const DockerEngine::Transfer transfer = checked != m_engineResults.cend() && checked->reachable
                                                    ? checked->transfer
                                                    : e.presumedTransfer();
        pooled.backend = std::make_shared<DockerRunBackend>(m_toolchain, e, transfer);
        if (checked != m_engineResults.cend() && !checked->usable()) {
            pooled.down = true;
            pooled.downReason = checked->problem();
        }
        engines.append(pooled);
    }
    m_pool->setEngines(engines);
    for (const DockerEngine &e : std::as_const(m_toolchain.engines)) {
        const auto checked = m_engineResults.constFind(e.name);
        if (checked != m_engineResults.cend() && checked->usable())
            m_pool->setEngineUp(e.name);
    }
}

void ConversionSession::checkEngines()
{
    if (!usesEngines() || m_engineChecksRunning > 0)
        return;
    m_engineChecksRunning = int(m_toolchain.engines.size());
    for (const DockerEngine &e : std::as_const(m_toolchain.engines)) {
        auto *check = new EngineCheck(m_toolchain, e, this);
        check->setToolchain(m_activeToolchain);
        const QString runs = m_pendingOptions.runsRoot.isEmpty() ? m_pendingProject.workspaceDir
                                                                 : m_pendingOptions.runsRoot;
        if (!runs.isEmpty())
            check->setRunsDirectory(runs);
        connect(check, &EngineCheck::finished, this, [this, check] {
            const EngineCheck::Result result = check->result();
            check->deleteLater();
            m_engineResults.insert(result.engine.name, result);
            emit engineChecked(result);
            if (--m_engineChecksRunning > 0)
                return;
            applyEngines();
            emit engineChecksFinished();
            if (m_runWaitsForEngines) {
                m_runWaitsForEngines = false;
                afterEngineChecks();
            }
        });
        check->start();
    }
}

void ConversionSession::afterEngineChecks()
{
    QStringList problems;
    bool anyUsable = false;
    for (const DockerEngine &e : std::as_const(m_toolchain.engines)) {
        const EngineCheck::Result &r = m_engineResults[e.name];
        anyUsable = anyUsable || r.usable();
        if (!r.usable())
            problems.append(r.problem());
    }
    if (!anyUsable) {
        m_preparing = false;
        const QString message = problems.size() == 1 ? problems.first()
                                                     : tr("No Docker engine can run the steps: %1").arg(problems.join(QLatin1Char(' ')));
        emit runNotStarted(Error::make(Error::Code::Unsupported, message));
        return;
    }
    if (m_pendingOptions.probe && !activeCapabilities())
        startProbe();
    else
        prepareJob();
}

ToolchainSettings ConversionSession::probeSettings() const
{
    // The probe and the image id come from the first engine that passed its check.
    ToolchainSettings settings = m_toolchain;
    if (!usesEngines())
        return settings;
    for (const DockerEngine &e : std::as_const(m_toolchain.engines)) {
        const auto checked = m_engineResults.constFind(e.name);
        if (checked != m_engineResults.cend() && checked->usable()) {
            settings.engines = {e};
            return settings;
        }
    }
    return settings;
}

void ConversionSession::setCapabilities(const ToolCapabilities &caps)
{
    m_capabilities = caps;
    m_pool->setCapabilities(caps);
}

const std::optional<ToolCapabilities> &ConversionSession::activeCapabilities() const
{
    return m_activeToolchain == Toolchain::Pulsar2 ? m_pulsar2Capabilities : m_capabilities;
}

ProjectJobFactory::Options ConversionSession::jobOptions(const RunOptions &options) const
{
    ProjectJobFactory::Options job;
    job.compareAll = options.compareAll;
    job.capabilities = activeCapabilities().value_or(ToolCapabilities{});
    job.toolchain = m_toolchain.describe(m_activeToolchain);
    job.reuseFrom = options.reuseFrom;
    job.qtableSearch = options.qtableSearch;
    return job;
}

bool ConversionSession::startRun(const Project &project, const RunOptions &options)
{
    if (m_preparing)
        return false;
    m_preparing = true;
    m_imageRechecked = false;
    m_pendingProject = project;
    m_pendingOptions = options;
    const Toolchain toolchain = toolchainFor(project.device);
    if (toolchain != m_activeToolchain) {
        // The engines were checked for the other toolchain's image.
        m_activeToolchain = toolchain;
        m_engineResults.clear();
    }
    const bool unchecked = std::any_of(m_toolchain.engines.cbegin(), m_toolchain.engines.cend(),
                                       [this](const DockerEngine &e) { return !m_engineResults.contains(e.name); });
    if (m_pendingOptions.probe && usesEngines() && unchecked) {
        m_runWaitsForEngines = true;
        if (m_engineChecksRunning == 0)
            checkEngines();
        return true;
    }
    if (m_pendingOptions.probe && !activeCapabilities())
        startProbe();
    else
        prepareJob();
    return true;
}

bool ConversionSession::startRun(const Project &project)
{
    return startRun(project, RunOptions{});
}

Expected<ConversionJob *> ConversionSession::startRunAndWait(const Project &project, const RunOptions &options)
{
    ConversionJob *started = nullptr;
    std::optional<Error> notStarted;
    QEventLoop preparing;
    connect(this, &ConversionSession::runStarted, &preparing, [&](ConversionJob *job) {
        started = job;
        preparing.quit();
    });
    connect(this, &ConversionSession::runNotStarted, &preparing, [&](const Error &error) {
        notStarted = error;
        preparing.quit();
    });
    if (!startRun(project, options))
        return makeError(QStringLiteral("Another run is being prepared."));
    preparing.exec();
    if (!started)
        return Unexpected(notStarted.value_or(Error::make(Error::Code::Generic, QStringLiteral("The run could not start."))));
    return started;
}

void ConversionSession::startProbe()
{
    m_probe = std::make_unique<ToolchainProbe>(probeSettings());
    m_probe->setToolchain(m_activeToolchain);
    m_probe->setWorkingDirectory(QDir::tempPath());
    connect(m_probe.get(), &ToolchainProbe::checkFinished, this, &ConversionSession::probeChecked);
    connect(m_probe.get(), &ToolchainProbe::finished, this, [this] {
        const Expected<ToolCapabilities> caps = m_probe->result();
        m_probe.release()->deleteLater();
        if (!caps) {
            m_preparing = false;
            emit runNotStarted(caps.error());
            return;
        }
        if (m_activeToolchain == Toolchain::Pulsar2) {
            m_pulsar2Capabilities = *caps;
            prepareJob();
            return;
        }
        setCapabilities(*caps);
        emit capabilitiesProbed(*caps);
        prepareJob();
    });
    m_probe->start();
}

void ConversionSession::prepareJob()
{
    const ToolchainSettings settings = probeSettings();
    const Project project = m_pendingProject;
    const QString runsRoot = m_pendingOptions.runsRoot.isEmpty() ? project.workspaceDir : m_pendingOptions.runsRoot;
    ProjectJobFactory::Options options = jobOptions(m_pendingOptions);
    // Off the calling thread: the engine may take a moment to name the image, and copying the
    // outputs of unchanged steps reads them whole.
    const Toolchain toolchain = m_activeToolchain;
    const bool recheck = m_pendingOptions.probe && !m_imageRechecked;
    m_prepareWatcher.setFuture(runInBackground([settings, project, runsRoot, options, toolchain, recheck]() mutable {
        if (settings.backend == ToolchainSettings::Backend::Docker) {
            // For the provenance; a failure here surfaces when the steps run.
            if (const auto id = queryDockerImageId(settings, toolchain)) {
                const QString probed = options.capabilities.imageId;
                if (recheck && !probed.isEmpty() && *id != probed)
                    return Prepared{std::nullopt, *id};
                options.toolchainImageId = *id;
            }
        }
        return Prepared{ProjectJobFactory::createJob(project, runsRoot, options), {}};
    }));
}

bool ConversionSession::isBusy() const
{
    return m_preparing || !m_pool->isIdle();
}

void ConversionSession::cancelAll()
{
    m_pool->cancelAll();
}

void ConversionSession::loadHistory(const QString &workspace, const QString &projectName)
{
    const int generation = ++m_historyGeneration;
    auto *watcher = new QFutureWatcher<JobHistory::Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const JobHistory::Result history = watcher->result();
        watcher->deleteLater();
        // Another model opened meanwhile, or nothing to list or say.
        if (generation != m_historyGeneration)
            return;
        m_historyProblems = history.diagnostics();
        if (history.jobs.isEmpty() && m_historyProblems.isEmpty())
            return;
        const QList<JobRecord> &runs = history.jobs;
        m_pool->addHistory(runs);
        for (auto run = runs.crbegin(); !m_lastJob && run != runs.crend(); ++run) {
            if (!run->isQtableSearch()) // a run finished meanwhile is newer
                m_lastJob = *run;
        }
        emit historyLoaded(runs);
    });
    // A workspace used for months holds hundreds of job.json files.
    watcher->setFuture(runInBackground([workspace, projectName] { return JobHistory::load(workspace, projectName); }));
}

void ConversionSession::forgetRuns()
{
    m_lastJob.reset();
    m_historyProblems.clear();
    ++m_historyGeneration;
}

} // namespace Mcw::Core
