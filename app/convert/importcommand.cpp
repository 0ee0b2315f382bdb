// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/bundle/bundleimporter.h>
#include <core/project/numberformat.h>
#include <core/project/projectfile.h>
#include <core/sha256.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>

namespace Mcw::Cli {

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Open an existing MaixCAM bundle and start a project from it."));
    parser.addPositionalArgument(QStringLiteral("bundle"), QStringLiteral("BUNDLE.mud or BUNDLE.zip"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Project file to write."), QStringLiteral("PROJECT.yaml"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("The ONNX model the bundle was made from."),
                                   QStringLiteral("MODEL.onnx"));
    parser.addOptions({output, model});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("import")} + arguments) || parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("Usage: maixcam-convert import BUNDLE.mud|BUNDLE.zip [-o PROJECT.yaml] [--model MODEL.onnx]"));
        return parser.isSet(QStringLiteral("help")) ? ExitOk : ExitBadInput;
    }
    const QString bundlePath = parser.positionalArguments().first();
    QString extractDir;
    if (bundlePath.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)) {
        // Next to the project file (or the zip) in a folder named after the archive.
        const QString base = parser.isSet(output) ? QFileInfo(parser.value(output)).absolutePath()
                                                  : QFileInfo(bundlePath).absolutePath();
        extractDir = QDir(base).filePath(QFileInfo(bundlePath).completeBaseName());
    }
    const auto bundle = Core::BundleImporter::open(bundlePath, extractDir);
    if (!bundle) {
        printErr(bundle.error().message);
        return ExitBadInput;
    }
    // An import that fails after extracting leaves nothing beside the zip.
    int exitCode = ExitFailure;
    const auto removeOnFailure = qScopeGuard([&] {
        if (exitCode != ExitOk && !extractDir.isEmpty())
            QDir(extractDir).removeRecursively();
    });
    const Core::Project &p = bundle->project;
    printOut(QStringLiteral("Bundle %1").arg(bundle->mudPath));
    printOut(QStringLiteral("  model_type  %1%2").arg(p.modelType, p.task.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(p.task)));
    printOut(QStringLiteral("  input_type  %1").arg(p.preprocess.pixelFormat));
    printOut(QStringLiteral("  mean        %1").arg(Core::formatDecimalList(p.preprocess.mean, QStringLiteral(", "))));
    printOut(QStringLiteral("  scale       %1").arg(Core::formatDecimalList(p.preprocess.scale, QStringLiteral(", "))));
    printOut(QStringLiteral("  labels      %1").arg(p.labels.size()));
    printOut(QStringLiteral("  model       %1").arg(bundle->cvimodelPath.isEmpty() ? QStringLiteral("(refused or missing)") : bundle->cvimodelPath));
    if (bundle->hasProvenance)
        printOut(QStringLiteral("  provenance  yes (%1 %2)")
                     .arg(bundle->provenance.axmodels.isEmpty() ? QStringLiteral("tpu-mlir") : QStringLiteral("Pulsar2"),
                          bundle->provenance.toolVersion));
    const int errors = printDiagnostics(bundle->problems);

    if (!parser.isSet(output)) {
        exitCode = errors > 0 ? ExitFailure : ExitOk;
        return exitCode;
    }

    Core::Project project = p;
    if (parser.isSet(model))
        project.modelPath = QFileInfo(parser.value(model)).absoluteFilePath();
    if (project.modelPath.isEmpty() || !QFileInfo::exists(project.modelPath)) {
        printErr(QStringLiteral("%1: the ONNX model is not available; pass --model MODEL.onnx to start a project.")
                     .arg(bundlePath));
        return ExitFailure;
    }
    const auto hash = Core::sha256OfFile(project.modelPath);
    if (hash)
        project.modelSha256 = *hash;
    project.workspaceDir = Core::ProjectFile::defaultWorkspaceDir(parser.value(output));
    QDir().mkpath(QFileInfo(parser.value(output)).absolutePath());
    const auto saved = Core::ProjectFile::save(project, parser.value(output));
    if (!saved) {
        printErr(saved.error().message);
        return ExitFailure;
    }
    printOut(QStringLiteral("Wrote %1; run 'maixcam-convert check %1' next.").arg(parser.value(output)));
    exitCode = errors > 0 ? ExitFailure : ExitOk;
    return exitCode;
}

} // namespace Mcw::Cli
