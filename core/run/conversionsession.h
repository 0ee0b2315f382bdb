// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/project/project.h>
#include <core/result.h>
#include <core/run/enginecheck.h>
#include <core/run/jobrecord.h>
#include <core/run/projectjobfactory.h>
#include <core/run/toolchainprobe.h>
#include <core/run/toolchainsettings.h>
#include <core/toolchain/toolcapabilities.h>

#include <QFutureWatcher>
#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

namespace Mcw::Core {

class ConversionJob;
class JobPool;

/**
 * One conversion session: the toolchain a project converts with and the runs it made. The GUI,
 * `maixcam-convert run` and `rebuild` all start their runs here, so the same project and
 * toolchain give the same plan on every face: the backend chosen from the settings (docker run,
 * docker exec or native, with the step timeout and concurrency), the capabilities the toolchain
 * was probed for (probed before the first run, so a release that lacks a flag never gets it),
 * the engine's image id for the provenance, reuse of unchanged steps, and the run history.
 * With docker run the steps spread over the toolchain's engines: each is checked before its
 * first use (EngineCheck: does it answer, has it the image, can it see our files or must the
 * steps copy them), an engine that fails the check is marked down, and runs start as long as
 * one engine can take them. MaixCAM2 projects run Pulsar2 the same way, from its own image: the
 * engines are checked for that image and the probe asks `pulsar2 version`.
 */
class ConversionSession : public QObject
{
    Q_OBJECT

public:
    struct RunOptions
    {
        /** Where the run folder goes; empty: the project's workspace. */
        QString runsRoot;
        /** Per-layer accuracy: `--compare_all --debug` on the INT8 deploy. */
        bool compareAll = true;
        /** Copies the unchanged steps of this run instead of running them again. */
        std::optional<JobRecord> reuseFrom;
        /** Probe the toolchain first when its capabilities are not known yet. */
        bool probe = true;
        /** A search run: tpu-mlir proposes layers to keep in BF16 instead of converting. */
        std::optional<ConversionPlan::QtableSearch> qtableSearch;
    };

    explicit ConversionSession(QObject *parent = nullptr);
    ~ConversionSession() override; // cancels every run: no orphan process or container

    /** The backend and the pool's limits; capabilities and engine checks of other settings are dropped. */
    void setToolchain(const ToolchainSettings &settings);
    const ToolchainSettings &toolchain() const { return m_toolchain; }
    /** Capabilities known from elsewhere (the set-up dialog's probe, a stored probe). */
    void setCapabilities(const ToolCapabilities &caps);
    /** The capabilities runs are planned with, when known for the current toolchain. */
    const std::optional<ToolCapabilities> &capabilities() const { return m_capabilities; }
    JobPool *pool() const { return m_pool; }

    /**
     * The job options a run of this session gets: the one place where the plan's inputs are
     * put together (ProjectJobFactory builds the steps from them).
     */
    ProjectJobFactory::Options jobOptions(const RunOptions &options) const;

    /**
     * Starts a run of \a project: probes the toolchain when needed (never probed, or the image
     * under the same name has another id than the probe saw), then creates the job folder
     * and copies reused steps off the calling thread, then queues the job. runStarted() or
     * runNotStarted() follows. False while another run is being prepared.
     */
    bool startRun(const Project &project, const RunOptions &options);
    bool startRun(const Project &project);
    /**
     * startRun() for a face without an event loop of its own (the CLI): waits until the job is
     * queued and returns it, or the error why it could not start.
     */
    Expected<ConversionJob *> startRunAndWait(const Project &project, const RunOptions &options);
    bool isPreparing() const { return m_preparing; }
    /** Checks every engine again (on demand: "Test engines", a down engine that is back). */
    void checkEngines();
    bool isCheckingEngines() const { return m_engineChecksRunning > 0; }
    /** The toolchain of the latest run started: tpu-mlir, or Pulsar2 for MaixCAM2 projects. */
    Toolchain activeToolchain() const { return m_activeToolchain; }
    /** The latest check of each engine for the active toolchain's image, by name; engines never checked are missing. */
    const QHash<QString, EngineCheck::Result> &engineResults() const { return m_engineResults; }
    /** docker run on engines (not exec, not native): what EngineCheck applies to. */
    bool usesEngines() const;
    /** A run is being prepared or a job is queued or running. */
    bool isBusy() const;
    void cancelAll();

    /**
     * Lists the earlier runs of \a projectName under \a workspace off the calling thread (which
     * also ends what an interrupted run left running); historyLoaded() follows.
     */
    void loadHistory(const QString &workspace, const QString &projectName);
    /** What the last listing had to say: unreadable job.json files, leftovers it ended. */
    const QList<Diagnostic> &historyProblems() const { return m_historyProblems; }
    /** The newest finished conversion (not a search): of this session, or listed by loadHistory(). */
    const std::optional<JobRecord> &lastJob() const { return m_lastJob; }
    /** Makes \a record the last run (a run chosen in the Jobs panel). */
    void setLastJob(const JobRecord &record) { m_lastJob = record; }
    /**
     * Another model: no reuse or export from the old one; a history listing under way is dropped
     * with what the last one had to say.
     */
    void forgetRuns();

signals:
    void probeChecked(const Mcw::Core::ToolchainProbe::Check &check);
    void capabilitiesProbed(const Mcw::Core::ToolCapabilities &caps);
    void runStarted(Mcw::Core::ConversionJob *job);
    void runNotStarted(const Mcw::Core::Error &error);
    void runFinished(Mcw::Core::ConversionJob *job);
    void engineChecked(const Mcw::Core::EngineCheck::Result &result);
    void engineChecksFinished();
    void historyLoaded(const QList<Mcw::Core::JobRecord> &runs);

private:
    void startProbe();
    void prepareJob();
    void afterEngineChecks();
    void applyEngines();
    ToolchainSettings probeSettings() const;
    /** What the active toolchain was probed for: tpu-mlir's flags or Pulsar2's version. */
    const std::optional<ToolCapabilities> &activeCapabilities() const;

    ToolchainSettings m_toolchain;
    std::optional<ToolCapabilities> m_capabilities;
    /** Pulsar2 has no flags to probe; its version is what runs record. */
    std::optional<ToolCapabilities> m_pulsar2Capabilities;
    Toolchain m_activeToolchain = Toolchain::TpuMlir;
    JobPool *m_pool = nullptr;
    std::unique_ptr<ToolchainProbe> m_probe;
    QHash<QString, EngineCheck::Result> m_engineResults;
    int m_engineChecksRunning = 0;
    bool m_runWaitsForEngines = false;
    /** A prepared run, or none and the image's new id when it is not the one its probe saw. */
    struct Prepared
    {
        std::optional<Expected<JobRecord>> job;
        QString changedImageId;
    };
    QFutureWatcher<Prepared> m_prepareWatcher;
    /** The pending run probed again for a changed image: once per run, never in a loop. */
    bool m_imageRechecked = false;
    bool m_preparing = false;
    Project m_pendingProject;
    RunOptions m_pendingOptions;
    std::optional<JobRecord> m_lastJob;
    int m_historyGeneration = 0;
    QList<Diagnostic> m_historyProblems;
};

} // namespace Mcw::Core
