// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "setupdoctor.h"

#include <core/onnx/graph.h>
#include <core/run/processguard.h>
#include <core/toolchain/toolrelease.h>

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStorageInfo>

namespace Mcw::Core {

QString doctorLevelName(DoctorFinding::Level level)
{
    switch (level) {
    case DoctorFinding::Level::Ok: return QStringLiteral("ok");
    case DoctorFinding::Level::Info: return QStringLiteral("info");
    case DoctorFinding::Level::Warning: return QStringLiteral("warning");
    case DoctorFinding::Level::Error: break;
    }
    return QStringLiteral("error");
}

static QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

SetupDoctor::SetupDoctor(Input input, QObject *parent)
    : QObject(parent)
    , m_input(std::move(input))
{}

SetupDoctor::~SetupDoctor() = default;

bool SetupDoctor::hasErrors() const
{
    return std::any_of(m_findings.cbegin(), m_findings.cend(),
                       [](const DoctorFinding &f) { return f.level == DoctorFinding::Level::Error; });
}

void SetupDoctor::add(const DoctorFinding &finding)
{
    m_findings.append(finding);
    emit findingAdded(finding);
}

DoctorFinding SetupDoctor::checkProcessGuard(const QString &guardProgram)
{
    if (guardProgram.isEmpty()) {
        const QStringList folders = ProcessGuard::searchedFolders();
        return {QStringLiteral("process_guard"), tr("Process guard"), DoctorFinding::Level::Warning,
                tr("maixcam-process-guard is neither in %1 nor in %2, so if the workbench is killed the processes "
                   "and containers its tools started keep running.")
                    .arg(QDir::toNativeSeparators(folders.at(0)), QDir::toNativeSeparators(folders.at(1))),
                tr("Reinstall the workbench package (or build the maixcam-process-guard target).")};
    }
    return {QStringLiteral("process_guard"), tr("Process guard"), DoctorFinding::Level::Ok,
            tr("Tools start through %1, which stops them and their containers if the workbench is killed.")
                .arg(QDir::toNativeSeparators(guardProgram)),
            QString()};
}

DoctorFinding SetupDoctor::checkDockerCli(const QString &dockerProgram)
{
    const QString program = dockerProgram.isEmpty() ? QStringLiteral("docker") : dockerProgram;
    const QString found = QFileInfo(program).isAbsolute()
                              ? (QFileInfo(program).isExecutable() ? program : QString())
                              : QStandardPaths::findExecutable(program);
    if (found.isEmpty()) {
        return {QStringLiteral("docker_cli"), tr("Docker CLI"), DoctorFinding::Level::Error,
                tr("The docker command '%1' is not on PATH.").arg(program),
                tr("Install Docker Engine (Linux) or Docker Desktop, then open a new terminal.")};
    }
    return {QStringLiteral("docker_cli"), tr("Docker CLI"), DoctorFinding::Level::Ok,
            tr("The docker command is %1.").arg(found), QString()};
}

QList<DoctorFinding> SetupDoctor::checkPaths(const QStringList &paths)
{
    static const QRegularExpression windowsDrive(QStringLiteral("^[A-Za-z]:([\\\\/]|$)"));
    static const QRegularExpression wslDrive(QStringLiteral("^/mnt/[A-Za-z](/|$)"));
    QList<DoctorFinding> out;
    for (const QString &path : paths) {
        if (path.isEmpty())
            continue;
        const auto problem = [&out, &path](DoctorFinding::Level level, const QString &message, const QString &fix) {
            out.append({QStringLiteral("path"), tr("Path"), level, message, fix});
        };
        if (windowsDrive.match(path).hasMatch() || path.startsWith(QLatin1String("\\\\"))
            || path.contains(QLatin1Char('\\'))) {
            problem(DoctorFinding::Level::Error,
                    tr("%1 is a Windows path; the Linux containers of the toolchain cannot mount it.").arg(path),
                    tr("Keep the project in the Linux (WSL) file system, e.g. under /home, and open it from there."));
        } else if (path.contains(QLatin1Char(':'))) {
            problem(DoctorFinding::Level::Error,
                    tr("%1 contains ':', which docker's -v option takes as a separator, so it cannot be mounted.")
                        .arg(path),
                    tr("Rename the folder or file without ':'."));
        } else if (wslDrive.match(path).hasMatch()) {
            problem(DoctorFinding::Level::Warning,
                    tr("%1 is a Windows drive seen through WSL: Docker Desktop mounts it slowly and an engine "
                       "inside WSL may not see it at all.")
                        .arg(path),
                    tr("Copy the project into the WSL file system (~/…)."));
        } else if (std::any_of(path.cbegin(), path.cend(), [](QChar c) { return c.unicode() > 127; })) {
            problem(DoctorFinding::Level::Warning,
                    tr("%1 contains non-ASCII characters, which tpu-mlir's tools in the container (C locale) "
                       "may fail to open.")
                        .arg(path),
                    tr("Use a folder and file names with ASCII letters, digits, '-', '_' and '.' only."));
        }
    }
    if (out.isEmpty()) {
        out.append({QStringLiteral("path"), tr("Paths"), DoctorFinding::Level::Ok,
                    tr("The project's paths can be mounted into the toolchain's containers."), QString()});
    }
    return out;
}

qint64 SetupDoctor::estimateRunBytes(qint64 modelBytes, qint64 activationBytes, qint64 inputBytes, int inputNum,
                                     int inferenceNum)
{
    return 4 * std::max<qint64>(0, modelBytes) + 3 * std::max<qint64>(0, activationBytes)
           + std::max<qint64>(0, inputBytes) * (std::max(0, inputNum) + std::max(0, inferenceNum));
}

DoctorFinding SetupDoctor::checkDiskSpace(const QString &directory, qint64 neededBytes, qint64 availableBytes)
{
    DoctorFinding f{QStringLiteral("disk"), tr("Disk space"), DoctorFinding::Level::Ok, {}, {}};
    if (availableBytes < 0) {
        f.level = DoctorFinding::Level::Warning;
        f.message = tr("The free space of %1 cannot be read.").arg(directory);
        f.fix = tr("Make sure the runs folder exists and is on a writable disk.");
    } else if (neededBytes <= 0) {
        f.message = tr("%1 has %2 free.").arg(directory, bytesText(availableBytes));
    } else if (availableBytes < neededBytes) {
        f.level = DoctorFinding::Level::Error;
        f.message = tr("%1 has %2 free but a run needs about %3.")
                        .arg(directory, bytesText(availableBytes), bytesText(neededBytes));
        f.fix = tr("Free space or choose a runs folder on another disk.");
    } else if (availableBytes < 2 * neededBytes) {
        f.level = DoctorFinding::Level::Warning;
        f.message = tr("%1 has %2 free, enough for one run of about %3 but not for two.")
                        .arg(directory, bytesText(availableBytes), bytesText(neededBytes));
        f.fix = tr("Delete old runs (they keep every tensor dump) or free space.");
    } else {
        f.message = tr("%1 has %2 free; a run needs about %3.")
                        .arg(directory, bytesText(availableBytes), bytesText(neededBytes));
    }
    return f;
}

qint64 SetupDoctor::activationBytes(const Graph &graph)
{
    qint64 total = 0;
    for (const Tensor &t : graph.tensors()) {
        if (t.isInitializer || t.isConstant)
            continue;
        const qint64 n = t.shape.elementCount();
        if (n > 0)
            total += 4 * n;
    }
    return total;
}

QString SetupDoctor::minimumMaixPy(const QString &modelType)
{
    // nn.YOLO26 arrived in MaixPy 4.12.5 (issue 18; maixpy-mud.md §2: MaixCDK PR #121, 2026-01).
    if (modelType == QLatin1String("yolo26"))
        return QStringLiteral("4.12.5");
    return {};
}

std::optional<DoctorFinding> SetupDoctor::checkFirmware(const Project &project)
{
    const QString minimum = minimumMaixPy(project.modelType);
    if (minimum.isEmpty())
        return std::nullopt;
    return DoctorFinding{QStringLiteral("firmware"), tr("MaixPy firmware"), DoctorFinding::Level::Info,
                         tr("A %1 model needs MaixPy %2 or newer on the MaixCAM.").arg(project.modelType, minimum),
                         tr("Check the MaixPy version on the device (Settings → Device info) and update it with "
                            "MaixVision if it is older.")};
}

DoctorFinding SetupDoctor::checkRelease(const QString &engineName, const QString &version)
{
    DoctorFinding f{QStringLiteral("release"), tr("tpu-mlir release"), DoctorFinding::Level::Ok, {}, {}};
    const auto release = ToolRelease::fromVersion(version);
    if (!release) {
        f.level = DoctorFinding::Level::Warning;
        f.message = tr("The tpu-mlir release on engine '%1' cannot be read ('%2').").arg(engineName, version);
        f.fix = tr("Install a released wheel (pip install tpu_mlir==1.28.1) in the image.");
    } else if (*release < ToolRelease::oldestSupported()) {
        f.level = DoctorFinding::Level::Warning;
        f.message = tr("Engine '%1' has tpu-mlir %2, older than %3, the oldest release the workbench's commands "
                       "are written for.")
                        .arg(engineName, release->toString(), ToolRelease::oldestSupported().toString());
        f.fix = tr("Rebuild the image with tpu_mlir 1.28.1 (Sipeed's pin) or newer.");
    } else if (*release > ToolRelease::newestKnown()) {
        f.level = DoctorFinding::Level::Info;
        f.message = tr("Engine '%1' has tpu-mlir %2, newer than %3, the newest release checked; the probed flags "
                       "decide the commands.")
                        .arg(engineName, release->toString(), ToolRelease::newestKnown().toString());
    } else {
        f.message = tr("Engine '%1' has tpu-mlir %2, a supported release.").arg(engineName, release->toString());
    }
    return f;
}

QList<DoctorFinding> SetupDoctor::fromEngine(const EngineCheck::Result &result)
{
    QList<DoctorFinding> out;
    const QString name = result.engine.name;
    for (const EngineCheck::Finding &e : result.findings) {
        DoctorFinding f;
        f.id = e.title == QLatin1String("Architecture") ? QStringLiteral("architecture")
               : e.title == QLatin1String("Image")      ? QStringLiteral("image")
               : e.title == QLatin1String("Files")      ? QStringLiteral("mount")
                                                        : QStringLiteral("engine");
        f.title = tr("%1 (%2)").arg(e.title, name);
        f.level = e.level == EngineCheck::Finding::Level::Ok        ? DoctorFinding::Level::Ok
                  : e.level == EngineCheck::Finding::Level::Warning ? DoctorFinding::Level::Warning
                                                                    : DoctorFinding::Level::Error;
        f.message = e.message; // EngineCheck's sentences carry their fix
        out.append(f);
    }
    if (result.imagePresent && !result.tpuMlirVersion.isEmpty())
        out.append(checkRelease(name, result.tpuMlirVersion));
    if (result.imagePresent && !result.pulsar2Version.isEmpty())
        out.append(checkPulsar2Release(name, result.pulsar2Version));
    return out;
}

DoctorFinding SetupDoctor::checkPulsar2Release(const QString &engineName, const QString &version)
{
    // Sipeed's MaixCAM2 tools pin 6.0; Axera's current documentation describes 7.0 (maixcam2.md §0).
    DoctorFinding f{QStringLiteral("release"), tr("Pulsar2 release"), DoctorFinding::Level::Ok, {}, {}};
    if (version == QLatin1String("6.0") || version == QLatin1String("7.0")) {
        f.message = tr("Engine '%1' has Pulsar2 %2, a release the workbench's commands are written for.")
                        .arg(engineName, version);
    } else {
        f.level = DoctorFinding::Level::Info;
        f.message = tr("Engine '%1' has Pulsar2 %2; the workbench's commands are written for 6.0 (Sipeed's pin) and "
                       "7.0.")
                        .arg(engineName, version);
        f.fix = tr("If a build fails on a flag or a config key, load ax_pulsar2_6.0.tar.gz instead.");
    }
    return f;
}

void SetupDoctor::start()
{
    if (m_running)
        return;
    m_running = true;
    m_findings.clear();
    add(checkProcessGuard(ProcessGuard::program()));
    const bool docker = m_input.toolchain.backend == ToolchainSettings::Backend::Docker;
    bool cli = true;
    if (docker) {
        const DoctorFinding f = checkDockerCli(m_input.toolchain.dockerProgram);
        cli = f.level == DoctorFinding::Level::Ok;
        add(f);
    }
    if (m_input.project) {
        const Project &p = *m_input.project;
        if (docker) {
            for (const DoctorFinding &f : checkPaths({p.modelPath, p.quantization.datasetDir, p.testImage,
                                                     m_input.runsDirectory}))
                add(f);
        }
        qint64 inputBytes = p.inputShape.isEmpty() ? 0 : 4;
        for (qint64 d : p.inputShape)
            inputBytes *= std::max<qint64>(1, d);
        const qint64 needed = estimateRunBytes(QFileInfo(p.modelPath).size(), m_input.activationBytes, inputBytes,
                                               p.quantization.int8 ? p.quantization.inputNum : 0,
                                               m_input.inferenceNum);
        QString dir = m_input.runsDirectory;
        while (!dir.isEmpty() && !QFileInfo(dir).exists() && QDir(dir).cdUp())
            dir = QFileInfo(dir).absolutePath(); // the folder may not exist yet: ask its parent
        const QStorageInfo storage(dir);
        add(checkDiskSpace(m_input.runsDirectory, needed, storage.isValid() ? storage.bytesAvailable() : -1));
        if (auto f = checkFirmware(p))
            add(*f);
    }
    if (docker && cli && m_input.checkEngines)
        m_pendingEngines = m_input.toolchain.engines;
    checkNextEngine();
}

void SetupDoctor::checkNextEngine()
{
    if (m_pendingEngines.isEmpty()) {
        m_running = false;
        emit finished();
        return;
    }
    const DockerEngine engine = m_pendingEngines.takeFirst();
    m_engineCheck = std::make_unique<EngineCheck>(m_input.toolchain, engine);
    m_engineCheck->setRunsDirectory(m_input.runsDirectory);
    // A MaixCAM2 project runs Pulsar2's image: that is the one to check.
    if (m_input.project)
        m_engineCheck->setToolchain(toolchainFor(m_input.project->device));
    connect(m_engineCheck.get(), &EngineCheck::finished, this, [this] {
        for (const DoctorFinding &f : fromEngine(m_engineCheck->result()))
            add(f);
        m_engineCheck.release()->deleteLater();
        checkNextEngine();
    });
    m_engineCheck->start();
}

} // namespace Mcw::Core
