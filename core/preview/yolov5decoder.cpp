// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "yolov5decoder.h"

#include "detectionpostprocess.h"

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

Expected<DecodedOutputs> YoloV5Decoder::decode(const QList<OutputTensor> &outputs,
                                               const DecoderSettings &s)
{
    const int nc = int(s.labels.size());
    if (nc < 1)
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("yolov5 needs labels; the project has none."));
    if (s.anchors.isEmpty() || s.anchors.size() % 2 != 0)
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("yolov5 needs an even number of anchors values."));
    if (outputs.isEmpty())
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("yolov5: the model has no outputs."));
    // The device iterates a std::map keyed by output name.
    QList<OutputTensor> sorted = outputs;
    std::sort(sorted.begin(), sorted.end(), [](const OutputTensor &a, const OutputTensor &b) {
        return a.name.toStdString() < b.name.toStdString();
    });
    const int layers = int(sorted.size());
    const int perLayer = int(s.anchors.size() / 2 / layers);
    for (const OutputTensor &t : std::as_const(sorted)) {
        if (t.shape.size() != 4 || t.shape[1] != qint64(nc + 5) * perLayer) {
            return makeError(
                Error::Code::InvalidInput,
                QStringLiteral("mud labels or anchors not match model's: %1 has %2 channels, "
                               "%3 labels and %4 anchors per output need %5.")
                    .arg(t.name)
                    .arg(t.shape.size() == 4 ? t.shape[1] : -1)
                    .arg(nc)
                    .arg(perLayer)
                    .arg((nc + 5) * perLayer));
        }
    }
    QList<Detection> candidates;
    int anchorBase = 0;
    for (int layer = 0; layer < layers; ++layer) {
        const OutputTensor &t = sorted[layer];
        const int h = int(t.shape[2]);
        const int w = int(t.shape[3]);
        const qint64 plane = qint64(w) * h;
        // Integer division, as on the device.
        const float strideX = float(s.inputWidth / w);
        const float strideY = float(s.inputHeight / h);
        const float *data = t.values.data();
        for (int a = 0; a < perLayer; ++a) {
            const double anchorW = s.anchors[(layer * perLayer + a) * 2];
            const double anchorH = s.anchors[(layer * perLayer + a) * 2 + 1];
            const float *base = data + qint64(a) * (nc + 5) * plane;
            for (int y = 0; y < h; ++y) {
                for (int x = 0; x < w; ++x) {
                    const qint64 cell = qint64(y) * w + x;
                    float score = DetectionPostProcess::sigmoid(base[4 * plane + cell]);
                    if (score <= s.confidence)
                        continue;
                    int classId = 0;
                    for (int k = 1; k < nc; ++k) {
                        if (base[(5 + k) * plane + cell] > base[(5 + classId) * plane + cell])
                            classId = k;
                    }
                    score *= DetectionPostProcess::sigmoid(base[(5 + classId) * plane + cell]);
                    if (score <= s.confidence)
                        continue;
                    Detection d;
                    d.classId = classId;
                    d.score = score;
                    d.w = float(
                        std::pow(DetectionPostProcess::sigmoid(base[2 * plane + cell]) * 2.0f, 2)
                        * anchorW);
                    d.h = float(
                        std::pow(DetectionPostProcess::sigmoid(base[3 * plane + cell]) * 2.0f, 2)
                        * anchorH);
                    d.x = (DetectionPostProcess::sigmoid(base[cell]) * 2.0f + float(x) - 0.5f)
                              * strideX
                          - d.w * 0.5f;
                    d.y = (DetectionPostProcess::sigmoid(base[plane + cell]) * 2.0f + float(y)
                           - 0.5f)
                              * strideY
                          - d.h * 0.5f;
                    d.sourceTensor = t.name;
                    d.anchor = anchorBase + int(cell);
                    candidates.append(d);
                }
            }
        }
        anchorBase += int(plane);
    }
    DecodedOutputs result;
    result.decoder
        = QStringLiteral("yolov5 (%1 outputs, %2 anchors each)").arg(layers).arg(perLayer);
    result.detections = DetectionPostProcess::nms(candidates, s.iou, s.inputWidth, s.inputHeight);
    DetectionPostProcess::applyLabels(result.detections, s.labels);
    return result;
}

} // namespace Mcw::Core
