// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <QCoreApplication>

#include <array>

using namespace Mcw::Cli;

static const std::array s_commands = {
    Command{QStringLiteral("inspect"), QStringLiteral("Summarise an ONNX model and recommend cut tensors"), &runInspect},
    Command{QStringLiteral("compare"), QStringLiteral("Per-tensor similarity of two .npz files (tpu-mlir npz compare)"), &runCompare},
    Command{QStringLiteral("run"), QStringLiteral("Run the tpu-mlir pipeline of a project (docker or native)"), &runRun},
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
