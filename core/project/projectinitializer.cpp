// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectinitializer.h"

#include <core/localpath.h>
#include <core/onnx/familydetector.h>
#include <core/project/cocolabels.h>
#include <core/project/imageinput.h>
#include <core/project/preprocesspresets.h>
#include <core/project/presetcut.h>
#include <core/project/projectfile.h>
#include <core/project/ultralyticsnames.h>
#include <core/sha256.h>

#include <QFileInfo>

namespace Mcw::Core {

QStringList ProjectInitializer::presets()
{
    return {QStringLiteral("auto"), QStringLiteral("yolov5"), QStringLiteral("yolov8"), QStringLiteral("yolo11"),
            QStringLiteral("yolo26"), QStringLiteral("classifier")};
}

QList<double> ProjectInitializer::yolov5Anchors()
{
    return {10, 13, 16, 30, 33, 23, 30, 61, 62, 45, 59, 119, 116, 90, 156, 198, 373, 326};
}

static QString shapeText(const QList<qint64> &shape)
{
    QStringList dims;
    for (qint64 d : shape)
        dims.append(QString::number(d));
    return dims.join(QChar(0xd7));
}

static QString maixTask(const QString &detectedTask)
{
    if (detectedTask == QLatin1String("detect") || detectedTask.isEmpty())
        return QStringLiteral("detector");
    return detectedTask; // pose, seg, obb
}

// The layout and channel count of the input decide --channel_format and the pixel format.
static void applyInputLayout(Project &p)
{
    p.preprocess.channelFormat = ImageInput::channelFormatOf(p.inputShape);
    const auto dims = ImageInput::dims(p.inputShape, p.preprocess.channelFormat);
    if (dims && dims->channels == ImageInput::channelCount(QStringLiteral("gray"))) {
        p.preprocess.pixelFormat = QStringLiteral("gray");
        p.preprocess.mean = {p.preprocess.mean.value(0)};
        p.preprocess.scale = {p.preprocess.scale.value(0)};
    }
}

// What the user does about a choice the model does not make, in the words of their face.
static QString familyAdvice(ProjectInitializer::Face face)
{
    return face == ProjectInitializer::Face::Workbench
               ? QStringLiteral("choose the cut points in the graph (Ctrl+click) or Graph > Apply Preset Cut")
               : QStringLiteral("name one with --preset");
}

static QString inputShapeAdvice(ProjectInitializer::Face face)
{
    return face == ProjectInitializer::Face::Workbench ? QStringLiteral("set the input size in the Preprocess panel")
                                                       : QStringLiteral("give it with --input-shape 1,3,H,W");
}

Project ProjectInitializer::bareProject(const Graph &graph, const QString &modelPath)
{
    Project p;
    p.name = QFileInfo(modelPath).completeBaseName();
    p.modelPath = modelPath;
    const QStringList inputs = graph.inputNames();
    if (const Tensor *input = inputs.isEmpty() ? nullptr : graph.tensor(inputs.first());
        input && input->shape.isStatic()) {
        p.inputShape = input->shape.values();
    }
    applyInputLayout(p);
    return p;
}

Expected<ProjectInitializer::Result> ProjectInitializer::initialize(const Graph &graph, const QString &modelPath,
                                                                    const Options &options)
{
    if (!presets().contains(options.preset)) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("Unknown preset '%1' (use %2).").arg(options.preset, presets().join(QStringLiteral(", "))));
    }
    Result result;
    Project &p = result.project;
    const FamilyDetection detection = detectFamily(graph);
    if (options.preset == QLatin1String("auto")) {
        if (detection.family == QLatin1String("unknown")) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the model family was not recognised (%2); %3.")
                                 .arg(modelPath, detection.reason, familyAdvice(options.face)));
        }
        p.modelType = detection.family;
        result.notes.append(QStringLiteral("Recognised %1 %2: %3").arg(detection.family, detection.task, detection.reason));
    } else {
        p.modelType = options.preset;
        if (detection.family != options.preset && detection.family != QLatin1String("unknown")) {
            result.notes.append(QStringLiteral("The model looks like %1, but preset %2 was asked for.")
                                    .arg(detection.family, options.preset));
        }
    }
    const bool ultralytics = p.modelType == QLatin1String("yolov8") || p.modelType == QLatin1String("yolo11");
    const bool familyMatches = detection.family == p.modelType;
    if (ultralytics)
        p.task = familyMatches ? maixTask(detection.task) : QStringLiteral("detector");
    if (p.modelType == QLatin1String("yolov5"))
        p.anchors = yolov5Anchors();

    p.name = options.name.isEmpty() ? QFileInfo(modelPath).completeBaseName() : options.name;
    p.modelPath = absoluteLocalPath(modelPath);
    if (const auto sha = sha256OfFile(modelPath))
        p.modelSha256 = *sha;

    // Input shape: given, or the model's own when static.
    const QStringList inputs = graph.inputNames();
    if (!options.inputShape.isEmpty()) {
        p.inputShape = options.inputShape;
    } else if (!inputs.isEmpty()) {
        const Tensor *input = graph.tensor(inputs.first());
        if (input && input->shape.isStatic())
            p.inputShape = input->shape.values();
    }
    if (p.inputShape.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the input shape is dynamic; %2.").arg(modelPath, inputShapeAdvice(options.face)));
    }

    // Cut tensors.
    if (!options.outputs.isEmpty()) {
        p.cutTensors = options.outputs;
    } else if (familyMatches && !detection.recommendedOutputs.isEmpty()) {
        const PresetCut cut = PresetCut::forDevice(detection, options.device);
        p.cutTensors = cut.outputs;
        if (!cut.note.isEmpty())
            result.notes.append(cut.note);
        result.notes.append(QStringLiteral("Cut at the recommended tensors: %1.").arg(p.cutTensors.join(QStringLiteral(", "))));
    } else {
        result.notes.append(QStringLiteral("No cut tensors chosen: the model's own outputs are used."));
    }

    // Preprocessing: YOLO trains on 0–1 RGB; classifiers mostly on ImageNet statistics.
    const PreprocessPreset preset = preprocessPreset(p.modelType == QLatin1String("classifier")
                                                         ? QStringLiteral("imagenet-rgb") : QStringLiteral("yolo"));
    applyPreset(p.preprocess, preset);
    // tf2onnx and MediaPipe export NHWC (1×256×256×3): tpu-mlir reads it with --channel_format nhwc.
    applyInputLayout(p);
    if (p.preprocess.channelFormat != QLatin1String("nchw")) {
        result.notes.append(QStringLiteral("The input %1 is channels-last: channel_format %2.")
                                .arg(shapeText(p.inputShape), p.preprocess.channelFormat));
    }
    if (!options.pixelFormat.isEmpty())
        p.preprocess.pixelFormat = options.pixelFormat;
    if (options.mean)
        p.preprocess.mean = *options.mean;
    if (options.scale)
        p.preprocess.scale = *options.scale;
    if (ImageInput::channelCount(p.preprocess.pixelFormat) == 1 && !options.mean && !options.scale) {
        p.preprocess.mean = {p.preprocess.mean.value(0)};
        p.preprocess.scale = {p.preprocess.scale.value(0)};
    }
    p.preprocess.keepAspectRatio = p.modelType != QLatin1String("classifier");

    // Labels: given, else Ultralytics metadata, else COCO for an 80-class detector.
    if (options.labels) {
        p.labels = *options.labels;
    } else if (const QString names = graph.metadataValue(QStringLiteral("names")); !names.isEmpty()) {
        const auto parsed = parseUltralyticsNames(names);
        if (parsed) {
            p.labels = *parsed;
            result.notes.append(QStringLiteral("Took %1 labels from the model's metadata.").arg(parsed->size()));
        } else {
            result.notes.append(parsed.error().message);
        }
    } else if (detection.classCount == 80 && p.modelType != QLatin1String("classifier")) {
        p.labels = cocoLabels();
        result.notes.append(QStringLiteral("Assumed the 80 COCO labels (80 classes, no names in the model)."));
    } else {
        result.notes.append(QStringLiteral("No labels: add them before writing the MUD."));
    }

    p.testImage = absoluteLocalPath(options.testImage);
    p.quantization.datasetDir = absoluteLocalPath(options.datasetDir);
    p.quantization.inputNum = options.inputNum;
    p.device = options.device;
    p.workspaceDir = ProjectFile::defaultWorkspaceDir(options.projectPath.isEmpty() ? modelPath : options.projectPath);
    return result;
}

} // namespace Mcw::Core
