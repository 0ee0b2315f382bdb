// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/bundle/bundleexporter.h>
#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <core/run/jobhistory.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace Mcw::Cli {

/** The newest run under the workspace whose model steps (INT8 or BF16 deploy, Pulsar2 builds) succeeded. */
static std::optional<Core::JobRecord> latestSuccessfulJob(const Core::Project &project, bool bf16)
{
    const Core::JobHistory::Result history = Core::JobHistory::load(project.workspaceDir);
    const QStringList stepIds = Core::BundleExporter::modelStepIds(project, bf16);
    for (auto it = history.jobs.crbegin(); it != history.jobs.crend(); ++it) {
        const bool all = !stepIds.isEmpty() && std::all_of(stepIds.cbegin(), stepIds.cend(), [&it](const QString &id) {
            const int index = it->stepIndex(id);
            return index >= 0 && it->steps.at(index).state == Core::StepState::Succeeded;
        });
        if (all)
            return *it;
    }
    return std::nullopt;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Export the bundle (MUD and model files) of a converted project."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("PROJECT.yaml"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Bundle folder, or a .zip file."), QStringLiteral("DIR|FILE.zip"));
    const QCommandLineOption job(QStringLiteral("job"), QStringLiteral("The run folder to export from "
                                                                       "(default: the newest successful run)."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption bf16(QStringLiteral("bf16"), QStringLiteral("Export the BF16 model instead of INT8."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Bundle file name (default: the project name)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("Replace an existing bundle."));
    parser.addOptions({output, job, bf16, name, force});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("export")} + arguments)
        || parser.positionalArguments().size() != 1 || !parser.isSet(output)) {
        printErr(QStringLiteral("Usage: maixcam-convert export PROJECT.yaml -o DIR|FILE.zip [--job DIR] [--bf16] "
                                "[--name N] [--force]"));
        return parser.isSet(QStringLiteral("help")) ? ExitOk : ExitBadInput;
    }
    const QString projectPath = parser.positionalArguments().first();
    const auto loaded = loadProject(projectPath);
    if (!loaded)
        return ExitBadInput;
    const Core::Project &project = loaded->project;

    std::optional<Core::JobRecord> record;
    if (parser.isSet(job)) {
        const auto fromDir = Core::JobRecord::load(parser.value(job));
        if (!fromDir) {
            printErr(fromDir.error().message);
            return ExitBadInput;
        }
        record = *fromDir;
    } else {
        record = latestSuccessfulJob(project, parser.isSet(bf16));
        if (!record) {
            const QString kind = project.device == Core::Device::MaixCam2 ? QStringLiteral("Pulsar2")
                                 : parser.isSet(bf16)                     ? QStringLiteral("BF16")
                                                                          : QStringLiteral("INT8");
            printErr(QStringLiteral("%1: no successful %2 run in %3; run 'maixcam-convert run %1' first.")
                         .arg(projectPath, kind, project.workspaceDir));
            return ExitFailure;
        }
    }

    Core::BundleExporter::Request request;
    request.project = project;
    request.projectPath = projectPath;
    request.job = *record;
    request.bf16 = parser.isSet(bf16);
    request.bundleName = parser.value(name);
    const auto graph = Core::OnnxLoader::loadFile(project.modelPath);
    if (graph)
        request.graph = *graph;

    const Core::BundleExporter::Prepared prepared = Core::BundleExporter::prepare(request);
    if (Core::hasErrors(prepared.problems)) {
        printDiagnostics(prepared.problems);
        return ExitFailure;
    }
    const auto files = Core::BundleExporter::write(prepared, parser.value(output), parser.isSet(force));
    if (!files) {
        printErr(files.error().message);
        return files.error().code == Core::Error::Code::InvalidInput ? ExitBadInput : ExitFailure;
    }
    printOut(QStringLiteral("Exported %1 from run %2:").arg(parser.value(output), record->id));
    for (const QString &f : *files)
        printOut(QStringLiteral("  %1").arg(f));
    return ExitOk;
}

} // namespace Mcw::Cli
