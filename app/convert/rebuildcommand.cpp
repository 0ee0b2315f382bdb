// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <core/atomicfile.h>
#include <core/bundle/provenance.h>
#include <core/project/conversionplan.h>
#include <core/project/projectfile.h>
#include <core/pulsar2/pulsar2plan.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionsession.h>
#include <core/run/jobpool.h>
#include <core/run/projectjobfactory.h>
#include <core/sha256.h>
#include <core/toolchain/toolrelease.h>

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>

namespace Mcw::Cli {

/** MaixCAM2: each rebuilt axmodel against the bundle's, in the order the provenance lists them. */
static int compareAxmodels(const Core::Provenance &provenance, const Core::Project &project, const QString &jobDirectory,
                           bool imagesChanged)
{
    const QList<Core::Pulsar2Plan::BuiltModel> built = Core::Pulsar2Plan::builtModels(project, project.name);
    if (built.size() != provenance.axmodels.size()) {
        printOut(QStringLiteral("Rebuilt %1 axmodel(s), but the bundle lists %2.").arg(built.size()).arg(provenance.axmodels.size()));
        return ExitFailure;
    }
    int differing = 0;
    for (qsizetype i = 0; i < built.size(); ++i) {
        const QString path = QDir(jobDirectory).filePath(built.at(i).jobFile);
        const auto hash = Core::sha256OfFile(path);
        const Core::Provenance::FileHash &recorded = provenance.axmodels.at(i);
        if (hash && *hash == recorded.sha256) {
            printOut(QStringLiteral("Rebuilt %1: identical to the bundle's %2 (SHA-256 %3).").arg(path, recorded.name, recorded.sha256));
        } else {
            ++differing;
            printOut(QStringLiteral("Rebuilt %1: it differs from the bundle's %2%3.")
                         .arg(path, recorded.name, imagesChanged ? QStringLiteral(" (the calibration images changed)") : QString()));
        }
    }
    return differing == 0 ? ExitOk : ExitFailure;
}

int runRebuild(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Replay the conversion recorded in a bundle's provenance file."));
    parser.addPositionalArgument(QStringLiteral("provenance"), QStringLiteral("NAME.provenance.yaml"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("The ONNX model, when it moved."), QStringLiteral("MODEL.onnx"));
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Folder for the run (default: a "
                                                                                   "'rebuild' folder next to the provenance file)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption backend(QStringLiteral("backend"), QStringLiteral("docker (default) or native."), QStringLiteral("NAME"));
    const QCommandLineOption image(QStringLiteral("image"), QStringLiteral("Docker image with tpu-mlir."), QStringLiteral("IMAGE"));
    const QCommandLineOption pulsar2Image(QStringLiteral("pulsar2-image"), QStringLiteral("Docker image with Pulsar2 (MaixCAM2)."),
                                          QStringLiteral("IMAGE"));
    const QCommandLineOption container(QStringLiteral("container"), QStringLiteral("Run the steps with docker exec in this running container."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption tools(QStringLiteral("tools"), QStringLiteral("Native backend: folder with the tpu-mlir tools."), QStringLiteral("DIR"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Stop a step after this many minutes (0: never)."),
                                     QStringLiteral("MINUTES"));
    parser.addOptions({model, workspace, backend, image, pulsar2Image, container, tools, timeout});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("rebuild")} + arguments) || parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("Usage: maixcam-convert rebuild NAME.provenance.yaml [--model MODEL.onnx] "
                                "[--backend docker|native] [--image IMG] [--pulsar2-image IMG] [--container NAME] [--tools DIR] "
                                "[--timeout MINUTES] [--workspace DIR]"));
        return parser.isSet(QStringLiteral("help")) ? ExitOk : ExitBadInput;
    }
    const QString path = parser.positionalArguments().first();
    const auto bytes = Core::readWholeFile(path, 64 << 20);
    if (!bytes) {
        printErr(bytes.error().message);
        return ExitBadInput;
    }
    const auto provenance = Core::Provenance::fromYaml(*bytes, path);
    if (!provenance) {
        printErr(provenance.error().message);
        return ExitBadInput;
    }
    const auto loaded = Core::ProjectFile::parse(provenance->projectYaml, QString::fromLatin1(Core::Provenance::ProjectAnchor));
    if (!loaded) {
        printErr(QStringLiteral("%1: the recorded project cannot be read (%2).").arg(path, loaded.error().message));
        return ExitBadInput;
    }
    Core::Project project = loaded->project;
    if (parser.isSet(model))
        project.modelPath = QFileInfo(parser.value(model)).absoluteFilePath();
    const auto modelHash = Core::sha256OfFile(project.modelPath);
    if (!modelHash) {
        printErr(QStringLiteral("%1: the ONNX model %2 is not available; pass --model.").arg(path, project.modelPath));
        return ExitBadInput;
    }
    if (*modelHash != provenance->modelSha256) {
        printErr(QStringLiteral("%1 is not the model the bundle was made from (SHA-256 differs).").arg(project.modelPath));
        return ExitFailure;
    }
    int changedImages = 0;
    const QList<Core::Provenance::FileHash> now = Core::Provenance::calibrationManifest(project.quantization.datasetDir);
    if (now != provenance->calibrationImages) {
        changedImages = 1;
        printErr(QStringLiteral("warning: the calibration images in %1 differ from the recorded ones; the model may differ.")
                     .arg(project.quantization.datasetDir));
    }

    Core::ToolchainSettings settings;
    if (parser.isSet(backend)) {
        const auto kind = Core::ToolchainSettings::parseBackend(parser.value(backend));
        if (!kind) {
            printErr(kind.error().message);
            return ExitBadInput;
        }
        settings.backend = *kind;
    }
    if (parser.isSet(image))
        settings.image = parser.value(image);
    if (parser.isSet(pulsar2Image))
        settings.pulsar2Image = parser.value(pulsar2Image);
    settings.container = parser.value(container);
    settings.toolDirectory = parser.value(tools);
    if (parser.isSet(timeout)) {
        bool ok = false;
        settings.stepTimeoutMinutes = parser.value(timeout).toInt(&ok);
        if (!ok || settings.stepTimeoutMinutes < 0) {
            printErr(QStringLiteral("--timeout takes a whole number of minutes, not '%1'.").arg(parser.value(timeout)));
            return ExitBadInput;
        }
    }
    project.workspaceDir = parser.isSet(workspace) ? QFileInfo(parser.value(workspace)).absoluteFilePath()
                                                   : QFileInfo(path).absoluteDir().filePath(QStringLiteral("rebuild"));
    Core::ConversionSession session;
    session.setToolchain(settings);
    Core::ConversionSession::RunOptions runOptions;
    runOptions.runsRoot = project.workspaceDir;
    QEventLoop loop;
    QObject::connect(session.pool(), &Core::JobPool::idle, &loop, &QEventLoop::quit);
    QObject::connect(session.pool(), &Core::JobPool::jobChanged, &loop, [](Core::ConversionJob *changed) {
        for (const Core::StepRecord &s : changed->record().steps) {
            if (s.state == Core::StepState::Running)
                printErr(QStringLiteral("%1 %2%").arg(s.id).arg(int(s.progress * 100)));
        }
    });
    const auto started = session.startRunAndWait(project, runOptions);
    if (!started) {
        printErr(started.error().message);
        return ExitFailure;
    }
    const Core::JobRecord *job = &(*started)->record();
    const QString imageId = Core::ProjectJobFactory::storedImageId(job->directory);
    if (!imageId.isEmpty() && !provenance->imageId.isEmpty() && imageId != provenance->imageId)
        printErr(QStringLiteral("warning: the toolchain image differs from the recorded one (%1).").arg(provenance->imageId));
    if (!session.pool()->isIdle())
        loop.exec();
    const auto finished = Core::JobRecord::load(job->directory);
    if (finished) {
        const QString differs = Core::releaseDifference(provenance->toolVersion, finished->toolVersion);
        if (!differs.isEmpty())
            printErr(QStringLiteral("warning: ") + differs);
    }
    if (!finished || finished->state != Core::JobState::Succeeded) {
        for (const Core::StepRecord &s : finished ? finished->steps : QList<Core::StepRecord>{}) {
            for (const Core::Diagnostic &d : s.diagnostics)
                printErr(QStringLiteral("error: %1").arg(d.message));
        }
        printErr(QStringLiteral("The rebuild failed; see %1.").arg(job->directory));
        return ExitFailure;
    }
    if (project.device == Core::Device::MaixCam2)
        return compareAxmodels(*provenance, project, job->directory, changedImages);
    const bool bf16 = provenance->quantization == QLatin1String("BF16");
    const QString built = QDir(job->directory).filePath(bf16 ? Core::ConversionPlan::bf16ModelFile(project.name)
                                                             : Core::ConversionPlan::int8ModelFile(project.name));
    const auto builtHash = Core::sha256OfFile(built);
    if (builtHash && *builtHash == provenance->cvimodelSha256) {
        printOut(QStringLiteral("Rebuilt %1: identical to the bundle's %2 (SHA-256 %3).")
                     .arg(built, provenance->cvimodelFile, provenance->cvimodelSha256));
        return ExitOk;
    }
    printOut(QStringLiteral("Rebuilt %1: it differs from the bundle's %2%3.")
                 .arg(built, provenance->cvimodelFile,
                      changedImages ? QStringLiteral(" (the calibration images changed)") : QString()));
    return ExitFailure;
}

} // namespace Mcw::Cli
