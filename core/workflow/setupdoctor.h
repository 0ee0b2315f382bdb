// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/run/enginecheck.h>
#include <core/run/toolchainsettings.h>

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace Mcw::Core {

class Graph;

/** One answer of the set-up doctor: what was checked, the verdict in one sentence, the fix. */
struct DoctorFinding
{
    enum class Level { Ok, Info, Warning, Error };
    QString id;      // stable: "process_guard", "docker_cli", "engine", "architecture", "image", "release", "disk", "path", "firmware"
    QString title;   // "Docker CLI", "Engine default"
    Level level = Level::Ok;
    QString message; // one sentence
    QString fix;     // one sentence, empty when Ok

    bool operator==(const DoctorFinding &other) const = default;
};

QString doctorLevelName(DoctorFinding::Level level); // "ok", "info", "warning", "error"

/**
 * Diagnoses the set-up before anything runs (issue 18), for `maixcam-convert doctor`, the GUI's
 * Toolchain page and the start of `run`: the docker CLI on PATH; per engine (EngineCheck) that
 * it answers, the socket permission, its architecture (arm64 emulates the x86-64 image), the
 * image and the tpu-mlir release in it against the supported range; free disk space for the
 * run; project paths the engine cannot mount (Windows and WSL spellings, ':' and non-ASCII);
 * and the MaixPy firmware the model class needs. Asynchronous because of the engines; the
 * local checks are static functions, pure apart from the file-system queries they name.
 */
class SetupDoctor : public QObject
{
    Q_OBJECT

public:
    struct Input
    {
        ToolchainSettings toolchain;
        std::optional<Project> project;
        QString runsDirectory;       // where jobs are written (disk space, mount test)
        qint64 activationBytes = 0;  // float32 bytes of all tensors of one forward pass, 0 = unknown
        int inferenceNum = 0;        // samples a mixed-precision search runs (0 = no search)
        bool checkEngines = true;    // false: only the local checks (`run` probes the engine itself)
    };

    explicit SetupDoctor(Input input, QObject *parent = nullptr);
    ~SetupDoctor() override;

    void start();
    bool isRunning() const { return m_running; }
    /** All findings so far, in check order. */
    const QList<DoctorFinding> &findings() const { return m_findings; }
    bool hasErrors() const;

    // The local checks, one finding each (or none when there is nothing to say).
    /**
     * Whether tools start through maixcam-process-guard (\a guardProgram, empty when it was not
     * found): without it a killed workbench leaves its tools' children and containers running.
     */
    static DoctorFinding checkProcessGuard(const QString &guardProgram);
    static DoctorFinding checkDockerCli(const QString &dockerProgram);
    static QList<DoctorFinding> checkPaths(const QStringList &paths);
    /**
     * Bytes a conversion writes into its job folder: the MLIR and TPU weights, the two cvimodels
     * and the ONNX copy (about 4 × the ONNX file), the per-tensor dumps that --compare_all
     * --debug keep (top, TPU and model outputs: 3 × \a activationBytes), and one float32 input
     * per calibration and search sample (\a inputBytes × (input_num + inference_num)).
     */
    static qint64 estimateRunBytes(qint64 modelBytes, qint64 activationBytes, qint64 inputBytes, int inputNum,
                                   int inferenceNum);
    static DoctorFinding checkDiskSpace(const QString &directory, qint64 neededBytes, qint64 availableBytes);
    static std::optional<DoctorFinding> checkFirmware(const Project &project);
    /** The Pulsar2 release an engine's image holds (`pulsar2 version`) against the known ones. */
    static DoctorFinding checkPulsar2Release(const QString &engineName, const QString &version);
    static DoctorFinding checkRelease(const QString &engineName, const QString &version);
    /** The engine check's findings as doctor findings (architecture, image, release). */
    static QList<DoctorFinding> fromEngine(const EngineCheck::Result &result);

    /** Float32 bytes of every tensor one forward pass computes (static shapes only). */
    static qint64 activationBytes(const Graph &graph);

    /** The MaixPy release a MaixPy model class needs on the device; empty when any will do. */
    static QString minimumMaixPy(const QString &modelType);

signals:
    void findingAdded(const Mcw::Core::DoctorFinding &finding);
    void finished();

private:
    void add(const DoctorFinding &finding);
    void checkNextEngine();

    Input m_input;
    QList<DoctorFinding> m_findings;
    QList<DockerEngine> m_pendingEngines;
    std::unique_ptr<EngineCheck> m_engineCheck;
    bool m_running = false;
};

} // namespace Mcw::Core
