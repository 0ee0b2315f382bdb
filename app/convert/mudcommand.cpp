// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/mud/mudreader.h>
#include <core/mud/mudwriter.h>

#include <QCommandLineParser>

namespace Mcw::Cli {

int runMud(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write the MaixCAM model description (.mud) of a project."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("PROJECT.yaml"));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("The .mud file to write."),
                      QStringLiteral("NAME.mud")});
    parser.addOption({QStringLiteral("model-file"), QStringLiteral("The `model =` value (default NAME.cvimodel)."),
                      QStringLiteral("FILE")});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("mud")} + arguments) || parser.positionalArguments().size() != 1
        || (!parser.isSet(QStringLiteral("output")) && !parser.isSet(QStringLiteral("help")))) {
        printErr(QStringLiteral("Usage: maixcam-convert mud PROJECT.yaml -o NAME.mud [--model-file FILE.cvimodel]"));
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString path = parser.positionalArguments().first();
    const auto loaded = loadValidProject(path);
    if (!loaded)
        return ExitBadInput;
    Core::MudWriter::Options options;
    options.modelFile = parser.value(QStringLiteral("model-file"));
    const QString out = parser.value(QStringLiteral("output"));
    const auto written = Core::MudWriter::writeFiles(loaded->project, out, options);
    if (!written) {
        printErr(QStringLiteral("%1: %2").arg(path, written.error().message));
        return ExitBadInput;
    }
    for (const QString &file : *written)
        printOut(QStringLiteral("Wrote %1").arg(file));
    // Read it back the way the device would; the model file is usually not built yet.
    const auto check = Core::MudReader::readFile(out);
    if (!check) {
        printErr(check.error().message);
        return ExitFailure;
    }
    QList<Core::Diagnostic> problems;
    for (const Core::Diagnostic &d : check->diagnostics) {
        if (d.code != QLatin1String("mud_model_missing"))
            problems.append(d);
    }
    if (!problems.isEmpty())
        return printDiagnostics(problems) > 0 ? ExitFailure : ExitOk;
    return ExitOk;
}

} // namespace Mcw::Cli
