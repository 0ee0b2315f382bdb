// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/atomicfile.h>
#include <core/labels/labellist.h>
#include <core/mud/mudreader.h>
#include <core/onnx/onnxloader.h>
#include <core/project/cocolabels.h>
#include <core/project/decimallist.h>
#include <core/project/devicename.h>
#include <core/project/imageinput.h>
#include <core/project/preflight.h>
#include <core/project/projectfile.h>
#include <core/project/projectinitializer.h>
#include <core/project/tensornamelist.h>

#include <QCommandLineParser>
#include <QFileInfo>

namespace Mcw::Cli {

static std::optional<QList<double>> parseNumbers(const QString &text, const QString &option)
{
    const auto values = Core::parseDecimalList(text, option);
    if (!values) {
        printErr(QStringLiteral("maixcam-convert init: --%1").arg(values.error().message));
        return std::nullopt;
    }
    return *values;
}

/** --labels FILE | coco80 | a,b,c. A file is a .mud (its labels) or text with one label per line. */
static std::optional<QStringList> parseLabels(const QString &value)
{
    if (value == QLatin1String("coco80"))
        return Core::cocoLabels();
    if (QFileInfo(value).isFile()) {
        if (value.endsWith(QLatin1String(".mud"), Qt::CaseInsensitive)) {
            const auto mud = Core::MudReader::readFile(value);
            if (!mud) {
                printErr(mud.error().message);
                return std::nullopt;
            }
            return mud->labels;
        }
        const auto bytes = Core::readWholeFile(value, qint64(16) << 20);
        if (!bytes) {
            printErr(bytes.error().message);
            return std::nullopt;
        }
        return Core::LabelList::fromLines(*bytes);
    }
    return Core::LabelList::fromPastedText(value);
}

int runInit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Create a conversion project for an ONNX model."));
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("MODEL.onnx"));
    const auto value = [&parser](const QString &name, const QString &help, const QString &valueName) {
        parser.addOption({name, help, valueName});
    };
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("The project file to write."),
                      QStringLiteral("PROJECT.yaml")});
    value(QStringLiteral("preset"), QStringLiteral("auto|yolov5|yolov8|yolo11|yolo26|classifier (default auto)."), QStringLiteral("PRESET"));
    value(QStringLiteral("device"), QStringLiteral("maixcam|maixcam2: the camera to convert for (default maixcam)."), QStringLiteral("D"));
    value(QStringLiteral("name"), QStringLiteral("Model name and file prefix (default: the model file name)."), QStringLiteral("N"));
    value(QStringLiteral("input-shape"), QStringLiteral("Fixed input shape, e.g. 1,3,224,320."), QStringLiteral("1,3,H,W"));
    value(QStringLiteral("mean"), QStringLiteral("Per-channel mean, e.g. 0,0,0."), QStringLiteral("M"));
    value(QStringLiteral("scale"), QStringLiteral("Per-channel scale = 1/std, e.g. 0.00392156862745098 (x3)."), QStringLiteral("S"));
    value(QStringLiteral("pixel-format"), QStringLiteral("rgb|bgr|gray."), QStringLiteral("F"));
    value(QStringLiteral("outputs"), QStringLiteral("Cut tensors, comma-separated."), QStringLiteral("a,b"));
    value(QStringLiteral("labels"), QStringLiteral("A labels .txt or .mud, coco80, or a,b,c."), QStringLiteral("L"));
    value(QStringLiteral("test-input"), QStringLiteral("Test image for tpu-mlir's comparisons."), QStringLiteral("IMG"));
    value(QStringLiteral("dataset"), QStringLiteral("Calibration image folder."), QStringLiteral("DIR"));
    value(QStringLiteral("input-num"), QStringLiteral("Calibration images to use (default 100)."), QStringLiteral("N"));
    parser.addHelpOption();
    const QString usage = QStringLiteral("Usage: maixcam-convert init MODEL.onnx -o PROJECT.yaml [--device maixcam|maixcam2] [--preset P] [options]; see --help");
    if (!parser.parse(QStringList{QStringLiteral("init")} + arguments)) {
        printErr(parser.errorText() + QLatin1Char('\n') + usage);
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("output"))) {
        printErr(usage);
        return ExitBadInput;
    }
    const QString modelPath = parser.positionalArguments().first();
    const QString projectPath = parser.value(QStringLiteral("output"));

    Core::ProjectInitializer::Options options;
    options.projectPath = projectPath;
    if (parser.isSet(QStringLiteral("preset")))
        options.preset = parser.value(QStringLiteral("preset"));
    options.name = parser.value(QStringLiteral("name"));
    if (parser.isSet(QStringLiteral("device"))) {
        const auto device = Core::parseDevice(parser.value(QStringLiteral("device")));
        if (!device) {
            printErr(QStringLiteral("maixcam-convert init: --device: ") + device.error().message);
            return ExitBadInput;
        }
        options.device = *device;
    }
    if (parser.isSet(QStringLiteral("input-shape"))) {
        for (const QString &d : parser.value(QStringLiteral("input-shape")).split(QLatin1Char(','))) {
            bool ok = false;
            const qint64 v = d.trimmed().toLongLong(&ok);
            if (!ok || v <= 0) {
                printErr(QStringLiteral("maixcam-convert init: --input-shape takes positive whole numbers like 1,3,224,320."));
                return ExitBadInput;
            }
            options.inputShape.append(v);
        }
    }
    if (parser.isSet(QStringLiteral("mean")) && !(options.mean = parseNumbers(parser.value(QStringLiteral("mean")), QStringLiteral("mean"))))
        return ExitBadInput;
    if (parser.isSet(QStringLiteral("scale")) && !(options.scale = parseNumbers(parser.value(QStringLiteral("scale")), QStringLiteral("scale"))))
        return ExitBadInput;
    options.pixelFormat = parser.value(QStringLiteral("pixel-format"));
    if (!options.pixelFormat.isEmpty()
        && !Core::ImageInput::pixelFormats().contains(options.pixelFormat)) {
        printErr(QStringLiteral("maixcam-convert init: --pixel-format is one of %1.")
                     .arg(Core::ImageInput::pixelFormats().join(QStringLiteral(", "))));
        return ExitBadInput;
    }
    options.outputs = Core::parseTensorNameList(parser.value(QStringLiteral("outputs")));
    if (parser.isSet(QStringLiteral("labels")) && !(options.labels = parseLabels(parser.value(QStringLiteral("labels")))))
        return ExitBadInput;
    options.testImage = parser.value(QStringLiteral("test-input"));
    options.datasetDir = parser.value(QStringLiteral("dataset"));
    if (parser.isSet(QStringLiteral("input-num"))) {
        bool ok = false;
        options.inputNum = parser.value(QStringLiteral("input-num")).toInt(&ok);
        if (!ok || options.inputNum < 1) {
            printErr(QStringLiteral("maixcam-convert init: --input-num takes a whole number ≥ 1."));
            return ExitBadInput;
        }
    }

    Core::OnnxLoader::Options loadOptions;
    auto graph = Core::OnnxLoader::loadFile(modelPath);
    if (graph && !options.inputShape.isEmpty() && !graph->inputNames().isEmpty()) {
        loadOptions.inputShapes.insert(graph->inputNames().first(), options.inputShape);
        graph = Core::OnnxLoader::loadFile(modelPath, loadOptions);
    }
    if (!graph) {
        printErr(graph.error().message);
        return ExitBadInput;
    }
    const auto result = Core::ProjectInitializer::initialize(*graph, modelPath, options);
    if (!result) {
        printErr(result.error().message);
        return ExitBadInput;
    }
    if (const auto saved = Core::ProjectFile::save(result->project, projectPath); !saved) {
        printErr(saved.error().message);
        return ExitBadInput;
    }
    for (const QString &note : result->notes)
        printOut(note);
    printOut(QStringLiteral("Wrote %1 (%2, %3, %4 labels). Pre-flight:")
                 .arg(projectPath, Core::deviceTitle(result->project.device), result->project.modelType)
                 .arg(result->project.labels.size()));
    printDiagnostics(Core::Preflight::check(result->project, *graph));
    return ExitOk;
}

} // namespace Mcw::Cli
