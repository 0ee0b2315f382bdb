// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <core/workflow/projectcheck.h>

#include <QCommandLineParser>

namespace Mcw::Cli {

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Pre-flight checks of a conversion project."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("PROJECT.yaml"));
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("check")} + arguments) || parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("Usage: maixcam-convert check PROJECT.yaml"));
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString path = parser.positionalArguments().first();
    const auto loaded = loadProject(path);
    if (!loaded)
        return ExitBadInput;
    QList<Core::Diagnostic> diagnostics = loaded->diagnostics;
    const Core::Project &project = loaded->project;

    Core::OnnxLoader::Options options;
    const auto probe = Core::OnnxLoader::loadFile(project.modelPath);
    if (!probe) {
        printErr(probe.error().message);
        return ExitBadInput;
    }
    if (!project.inputShape.isEmpty() && !probe->inputNames().isEmpty())
        options.inputShapes.insert(probe->inputNames().first(), project.inputShape);
    const auto graph = options.inputShapes.isEmpty() ? probe : Core::OnnxLoader::loadFile(project.modelPath, options);
    if (!graph) {
        printErr(graph.error().message);
        return ExitBadInput;
    }
    diagnostics += Core::checkProject(project, *graph);
    const int errors = printDiagnostics(diagnostics);
    return errors > 0 ? ExitFailure : ExitOk;
}

} // namespace Mcw::Cli
