// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <core/onnx/modelsummary.h>
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupport.h>

#include <QJsonDocument>

namespace Mcw::Cli {

static const QString s_usage = QStringLiteral(
    "Usage: maixcam-convert inspect MODEL.onnx [--json]\n"
    "Summarises an ONNX model: IR version, opsets, inputs/outputs, operators, parameters,\n"
    "metadata, and the detected family with the tensors to cut at for MaixCAM.\n"
    "  --json   print the stable JSON object documented in docs/cli.md");

int runInspect(const QStringList &arguments)
{
    bool json = false;
    QStringList files;
    for (const QString &a : arguments) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printOut(s_usage);
            return ExitOk;
        } else if (a.startsWith(QLatin1Char('-'))) {
            printErr(QStringLiteral("maixcam-convert inspect: unknown option '%1'.").arg(a));
            return ExitBadInput;
        } else {
            files.append(a);
        }
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
    const Core::ModelSummary summary = Core::ModelSummary::of(*graph);
    if (json) {
        QJsonObject object = summary.toJson();
        // Operator pre-flight (issue 9), documented in docs/cli.md under "Operator support".
        object.insert(QStringLiteral("op_support"), Core::opSupportJson(*graph));
        printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
    } else {
        printOut(summary.toText());
    }
    return ExitOk;
}

} // namespace Mcw::Cli
