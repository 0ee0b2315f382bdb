// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputdecoder.h"

#include "classifierdecoder.h"
#include "detectionpostprocess.h"
#include "yolo11decoder.h"
#include "yolo26decoder.h"
#include "yolov5decoder.h"

namespace Mcw::Core {

DecoderSettings OutputDecoder::settingsFor(const Project &project)
{
    DecoderSettings s;
    s.modelType = project.modelType;
    s.task = project.task;
    s.labels = project.labels;
    s.anchors = project.anchors;
    s.confidence = float(project.preview.confidence);
    s.iou = float(project.preview.iou);
    s.keypointThreshold = float(project.preview.keypointThreshold);
    const QList<qint64> &shape = project.inputShape;
    if (shape.size() == 4) {
        const bool nhwc = shape[3] <= 4;
        s.inputHeight = int(nhwc ? shape[1] : shape[2]);
        s.inputWidth = int(nhwc ? shape[2] : shape[3]);
    }
    return s;
}

bool OutputDecoder::supports(const QString &modelType)
{
    return modelType == QLatin1String("yolov5") || modelType == QLatin1String("yolov8")
           || modelType == QLatin1String("yolo11") || modelType.contains(QLatin1String("yolo26"))
           || modelType == QLatin1String("classifier");
}

Expected<DecodedOutputs> OutputDecoder::decode(const QList<OutputTensor> &outputs,
                                               const DecoderSettings &settings,
                                               const FitGeometry &geometry)
{
    Expected<DecodedOutputs> decoded = makeError(
        Error::Code::Unsupported,
        QStringLiteral(
            "The preview has no MaixPy decoder for model_type '%1'; the raw outputs are shown.")
            .arg(settings.modelType));
    if (settings.modelType == QLatin1String("yolov5"))
        decoded = YoloV5Decoder::decode(outputs, settings);
    else if (settings.modelType == QLatin1String("yolov8")
             || settings.modelType == QLatin1String("yolo11"))
        decoded = Yolo11Decoder::decode(outputs, settings);
    else if (settings.modelType.contains(QLatin1String("yolo26")))
        decoded = Yolo26Decoder::decode(outputs, settings);
    else if (settings.modelType == QLatin1String("classifier"))
        decoded = ClassifierDecoder::decode(outputs, settings);
    if (decoded)
        DetectionPostProcess::mapToSource(decoded->detections, geometry);
    return decoded;
}

} // namespace Mcw::Core
