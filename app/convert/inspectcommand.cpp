// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <core/onnx/onnxloader.h>

namespace Mcw::Cli {

int runInspect(const QStringList &arguments)
{
    QStringList files;
    for (const QString &a : arguments) {
        if (!a.startsWith(QLatin1Char('-')))
            files.append(a);
    }
    if (files.size() != 1) {
        printErr(QStringLiteral("Usage: maixcam-convert inspect MODEL.onnx [--json]"));
        return ExitBadInput;
    }
    const auto graph = Core::OnnxLoader::loadFile(files.first());
    if (!graph) {
        printErr(graph.error().message);
        return ExitBadInput;
    }
    printOut(QStringLiteral("IR version: %1").arg(graph->irVersion()));
    printOut(QStringLiteral("Nodes: %1").arg(graph->nodes().size()));
    return ExitOk;
}

} // namespace Mcw::Cli
