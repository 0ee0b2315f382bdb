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

namespace Mcw::Cli {

/** The newest run under \a root whose deploy step (INT8 or BF16) succeeded. */
static std::optional<Core::JobRecord> latestSuccessfulJob(const QString &root, bool bf16)
{
    const Core::JobHistory::Result history = Core::JobHistory::load(root);
    const QString stepId = bf16 ? QStringLiteral("deploy_bf16") : QStringLiteral("deploy_int8");
    for (auto it = history.jobs.crbegin(); it != history.jobs.crend(); ++it) {
        const int index = it->stepIndex(stepId);
        if (index >= 0 && it->steps.at(index).state == Core::StepState::Succeeded)
            return *it;
    }
    return std::nullopt;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Export the MaixCAM bundle of a converted project."));
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
        record = latestSuccessfulJob(project.workspaceDir, parser.isSet(bf16));
        if (!record) {
            printErr(QStringLiteral("%1: no successful %2 run in %3; run 'maixcam-convert run %1' first.")
                         .arg(projectPath, parser.isSet(bf16) ? QStringLiteral("BF16") : QStringLiteral("INT8"),
                              project.workspaceDir));
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
