// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"

#include <core/onnx/modelsummary.h>
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupport.h>
#include <core/project/devicename.h>

#include <QJsonDocument>

namespace Mcw::Cli {

static const QString s_usage = QStringLiteral(
    "Usage: maixcam-convert inspect MODEL.onnx [--json] [--device maixcam|maixcam2]\n"
    "Summarises an ONNX model: IR version, opsets, inputs/outputs, operators, parameters,\n"
    "metadata, and the detected family with the tensors to cut at for MaixCAM.\n"
    "  --json     print the stable JSON object documented in docs/cli.md\n"
    "  --device   whose NPU op_support checks: maixcam (cv181x, default) or maixcam2 (AX620E)");

int runInspect(const QStringList &arguments)
{
    bool json = false;
    Core::Device device = Core::Device::MaixCam;
    QStringList files;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--device") || a.startsWith(QLatin1String("--device="))) {
            const bool inline_ = a.contains(QLatin1Char('='));
            if (!inline_ && i + 1 >= arguments.size()) {
                printErr(QStringLiteral("maixcam-convert inspect: --device needs a value (%1).")
                             .arg(Core::deviceNames().join(QStringLiteral(", "))));
                return ExitBadInput;
            }
            const auto parsed = Core::parseDevice(inline_ ? a.section(QLatin1Char('='), 1) : arguments.at(++i));
            if (!parsed) {
                printErr(QStringLiteral("maixcam-convert inspect: --device: ") + parsed.error().message);
                return ExitBadInput;
            }
            device = *parsed;
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
        printErr(QStringLiteral("Usage: maixcam-convert inspect MODEL.onnx [--json] [--device maixcam|maixcam2]"));
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
        object.insert(QStringLiteral("op_support"), Core::opSupportJson(*graph, device));
        printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
    } else {
        printOut(summary.toText());
    }
    return ExitOk;
}

} // namespace Mcw::Cli
