// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/dockerengine.h>
#include <core/run/toolchainsettings.h>

#include <QObject>

#include <functional>
#include <memory>

namespace Mcw::Core {

class ProcessRunner;
struct DockerContext;
struct ProcessOutcome;

/**
 * Checks one Docker engine before it gets work, and on demand ("Test" in the settings, `doctor`):
 * it answers (server version, OS, architecture — arm64 means the x86-64 image runs emulated),
 * the toolchain image is there (its id and the tpu_mlir or Pulsar2 release inside), and which way files
 * reach its containers: an engine on a local unix socket gets a marker file bind-mounted from
 * the runs folder, and only if the container reads it back is mount mode used; otherwise the
 * steps copy their files. Asynchronous, through the docker CLI with argv lists.
 */
class EngineCheck : public QObject
{
    Q_OBJECT

public:
    struct Finding
    {
        enum class Level { Ok, Warning, Error };
        QString title;   // "Engine", "Image", "Files"
        Level level = Level::Ok;
        QString message; // one sentence, with the fix when not Ok
    };

    struct Result
    {
        DockerEngine engine;
        bool reachable = false;
        QString serverVersion;
        QString os;
        QString architecture; // docker's GOARCH: amd64, arm64
        bool imagePresent = false;
        QString imageId;
        QString tpuMlirVersion;
        /** The image checked: tpu-mlir's or Axera's Pulsar2 (setToolchain). */
        Toolchain toolchain = Toolchain::TpuMlir;
        QString pulsar2Version; // "6.0", from `pulsar2 version` inside the image
        /** The Pulsar2 image missing: the engine's images whose name holds "pulsar2". */
        QStringList pulsar2Candidates;
        /** Mount or Copy: how the steps will move files on this engine. */
        DockerEngine::Transfer transfer = DockerEngine::Transfer::Copy;
        QList<Finding> findings;

        /** Steps can run: it answers and has the image. */
        bool usable() const { return reachable && imagePresent; }
        /** The first Error finding's sentence; empty when usable. */
        QString problem() const;
    };

    EngineCheck(ToolchainSettings settings, DockerEngine engine, QObject *parent = nullptr);
    ~EngineCheck() override;

    /** Where the runs go: the mount test bind-mounts a marker file from there. */
    void setRunsDirectory(const QString &dir) { m_runsDirectory = dir; }
    void setTimeout(qint64 ms) { m_timeoutMs = ms; }
    /** Check Pulsar2's image (MaixCAM2 projects) instead of tpu-mlir's. */
    void setToolchain(Toolchain toolchain) { m_toolchain = toolchain; }

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const Result &result() const { return m_result; }

    /** Parses `docker context ls --format '{{json .}}'` into engines (name = context). */
    static QList<DockerEngine> parseContextList(const QString &output);
    /** Reads the docker CLI's contexts synchronously (for the settings and the CLI). */
    static QList<DockerEngine> listContexts(const QString &dockerProgram, int timeoutMs = 10000);

signals:
    void finished();

private:
    void run(const QStringList &args, std::function<void(const ProcessOutcome &, const QString &)> then);
    void checkImage();
    void checkInside();
    void findPulsar2Images(const QString &missing);
    void finish();
    DockerContext dockerContext() const;
    void add(Finding::Level level, const QString &title, const QString &message);

    ToolchainSettings m_settings;
    DockerEngine m_engine;
    Toolchain m_toolchain = Toolchain::TpuMlir;
    QString m_runsDirectory;
    QString m_marker;
    QString m_token;
    std::unique_ptr<ProcessRunner> m_runner;
    Result m_result;
    qint64 m_timeoutMs = 60000;
    bool m_running = false;
};

} // namespace Mcw::Core
