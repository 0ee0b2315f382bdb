// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <QCoreApplication>

#include <array>

using namespace Mcw::Cli;

static const std::array s_commands = {
    Command{QStringLiteral("inspect"), QStringLiteral("Summarise an ONNX model and recommend cut tensors"), &runInspect},
    Command{QStringLiteral("init"), QStringLiteral("Create a conversion project (YAML) for an ONNX model"), &runInit},
    Command{QStringLiteral("check"), QStringLiteral("Pre-flight checks of a project (exit 1 on errors)"), &runCheck},
    Command{QStringLiteral("plan"), QStringLiteral("Print the tpu-mlir commands of a project as a bash script"), &runPlan},
    Command{QStringLiteral("mud"), QStringLiteral("Write the MaixCAM .mud model description of a project"), &runMud},
    Command{QStringLiteral("cut"), QStringLiteral("Cut an ONNX model at chosen tensors"), &runCut},
    Command{QStringLiteral("report"), QStringLiteral("Explain a saved tpu-mlir console log: compare blocks and failure class"), &runReport},
    Command{QStringLiteral("export"), QStringLiteral("Write the MaixCAM bundle (.mud + .cvimodel + provenance) of a converted project"), &runExport},
    Command{QStringLiteral("import"), QStringLiteral("Open an existing bundle (.mud or .zip) and start a project from it"), &runImport},
    Command{QStringLiteral("rebuild"), QStringLiteral("Replay a bundle's provenance file and check the result matches"), &runRebuild},
    Command{QStringLiteral("compare"), QStringLiteral("Per-tensor similarity of two .npz files (tpu-mlir npz compare)"), &runCompare},
    Command{QStringLiteral("run"), QStringLiteral("Run the tpu-mlir pipeline of a project (docker or native)"), &runRun},
    Command{QStringLiteral("batch"), QStringLiteral("Convert many projects over one or more Docker engines"), &runBatch},
    Command{QStringLiteral("doctor"), QStringLiteral("Check the set-up (docker, engines, disk, paths, firmware) before a run"), &runDoctor},
    Command{QStringLiteral("preview"), QStringLiteral("Run the cut model on an image (FP32, CPU) and decode it as MaixPy does"), &runPreview},
};

static void printUsage()
{
    QString text = QStringLiteral("Usage: maixcam-convert <command> [arguments]\n\nCommands:\n");
    for (const Command &c : s_commands)
        text += QStringLiteral("  %1  %2\n").arg(c.name.leftJustified(10), c.summary);
    text += QStringLiteral("\nRun 'maixcam-convert <command> --help' for a command's options.");
    printOut(text);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("maixcam-convert"));
    QCoreApplication::setOrganizationName(QStringLiteral("maixcam-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCW_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printUsage();
        return args.isEmpty() ? ExitBadInput : ExitOk;
    }
    if (args.first() == QLatin1String("--version")) {
        printOut(QStringLiteral("maixcam-convert %1").arg(QStringLiteral(MCW_VERSION)));
        return ExitOk;
    }
    const QString name = args.takeFirst();
    for (const Command &c : s_commands) {
        if (c.name == name)
            return c.run(args);
    }
    printErr(QStringLiteral("maixcam-convert: unknown command '%1'. Run 'maixcam-convert --help'.").arg(name));
    return ExitBadInput;
}
