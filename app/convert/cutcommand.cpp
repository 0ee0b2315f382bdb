// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/onnx/onnxloader.h>
#include <core/onnx/subgraphextractor.h>
#include <core/project/tensornamelist.h>

#include <QCommandLineParser>

namespace Mcw::Cli {

int runCut(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cut an ONNX model at the given tensors."));
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("MODEL.onnx"));
    parser.addOption({QStringLiteral("outputs"), QStringLiteral("Comma-separated tensor names to make the outputs."),
                      QStringLiteral("a,b")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("The cut model to write."),
                      QStringLiteral("OUT.onnx")});
    parser.addHelpOption();
    const QString usage = QStringLiteral("Usage: maixcam-convert cut MODEL.onnx --outputs a,b -o OUT.onnx");
    if (!parser.parse(QStringList{QStringLiteral("cut")} + arguments)) {
        printErr(parser.errorText() + QLatin1Char('\n') + usage);
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QStringList outputs = Core::parseTensorNameList(parser.value(QStringLiteral("outputs")));
    if (parser.positionalArguments().size() != 1 || outputs.isEmpty() || !parser.isSet(QStringLiteral("output"))) {
        printErr(usage);
        return ExitBadInput;
    }
    const QString modelPath = parser.positionalArguments().first();
    const auto graph = Core::OnnxLoader::loadFile(modelPath);
    if (!graph) {
        printErr(graph.error().message);
        return ExitBadInput;
    }
    const QString out = parser.value(QStringLiteral("output"));
    const auto result = Core::SubgraphExtractor::extractToFile(*graph, outputs, out);
    if (!result) {
        printErr(result.error().message);
        if (!result.error().details.isEmpty())
            printErr(result.error().details);
        return ExitBadInput;
    }
    for (const QString &w : result->warnings)
        printOut(QStringLiteral("warning: ") + w);
    printOut(QStringLiteral("Wrote %1: kept %2 nodes, removed %3 nodes and %4 initializers%5.")
                 .arg(out)
                 .arg(result->keptNodes)
                 .arg(result->removedNodes)
                 .arg(result->removedInitializers)
                 .arg(result->removedInputs.isEmpty() ? QString()
                                                      : QStringLiteral(", pruned inputs ") + result->removedInputs.join(QStringLiteral(", "))));
    return ExitOk;
}

} // namespace Mcw::Cli
