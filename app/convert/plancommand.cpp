// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/atomicfile.h>
#include <core/preview/int8folderrun.h>
#include <core/project/conversionplan.h>
#include <core/pulsar2/pulsar2planinputs.h>

#include <QCommandLineParser>
#include <QFile>

namespace Mcw::Cli {

int runPlan(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the toolchain commands of a project as a bash script (tpu-mlir for MaixCAM, Pulsar2 with its configs for MaixCAM2)."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("PROJECT.yaml"));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write the script to FILE (executable)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("compare-all"), QStringLiteral("Add --compare_all --debug to the INT8 deploy (per-layer accuracy).")});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("plan")} + arguments) || parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("Usage: maixcam-convert plan PROJECT.yaml [-o SCRIPT.sh] [--compare-all]"));
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
    QString script;
    if (loaded->project.device == Core::Device::MaixCam2) {
        const auto graph = Core::Pulsar2PlanInputs::loadModel(loaded->project);
        if (!graph) {
            printErr(graph.error().message);
            return ExitBadInput;
        }
        script = Core::Pulsar2Plan::build(loaded->project, Core::Pulsar2PlanInputs::fromGraph(loaded->project, *graph))
                     .toBashScript();
    } else {
        Core::ConversionPlan::Options options;
        options.compareAll = parser.isSet(QStringLiteral("compare-all"));
        if (loaded->project.quantization.int8) {
            const auto images = Core::Int8FolderRun::images(loaded->project);
            if (!images) {
                printErr(images.error().message);
                return ExitBadInput;
            }
            options.folderImages = *images;
        }
        script = Core::ConversionPlan::build(loaded->project, options).toBashScript();
    }
    if (!parser.isSet(QStringLiteral("output"))) {
        printOut(script.chopped(1));
        return ExitOk;
    }
    const QString out = parser.value(QStringLiteral("output"));
    if (const auto written = Core::writeFileAtomically(out, script.toUtf8()); !written) {
        printErr(written.error().message);
        return ExitBadInput;
    }
    QFile::setPermissions(out, QFile::permissions(out) | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    printOut(QStringLiteral("Wrote %1").arg(out));
    return ExitOk;
}

} // namespace Mcw::Cli
