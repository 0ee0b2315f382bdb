// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "yolo11decoder.h"

#include "detectionpostprocess.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace Mcw::Core {

namespace {

constexpr int RegMax = 16;
constexpr int Strides[3] = {8, 16, 32};

enum class Task { Detect, Pose, Seg, Obb };

// Indices into the output list; -1 = not found.
struct Roles
{
    int det[3] = {-1, -1, -1};
    int dfl = -1;
    int classes = -1;
    int pose = -1;
    int maskWeights = -1;
    int maskPrototypes = -1;
    int angle = -1;
    bool angleNeedsSigmoid = true;
};

qint64 dim(const OutputTensor &t, int i)
{
    return i < t.shape.size() ? t.shape.at(i) : -1;
}

// Expectation of the softmax over RegMax bins read with a stride: the DFL distance.
float dflDistance(const float *p, qsizetype step)
{
    float maxValue = p[0];
    for (int i = 1; i < RegMax; ++i)
        maxValue = std::max(maxValue, p[i * step]);
    float denominator = 0;
    float numerator = 0;
    for (int i = 0; i < RegMax; ++i) {
        const float e = std::exp(p[i * step] - maxValue);
        denominator += e;
        numerator += float(i) * e;
    }
    return numerator / denominator;
}

struct Cell
{
    int stride;
    int ax;
    int ay;
    int anchor; // index over all strides
};

// The rotated-box placement of the device: centre shifted by the rotated (r-l, b-t)/2.
void placeRotated(Detection &d, const float dist[4], float angleUnits, const Cell &c)
{
    const float rad = angleUnits * float(M_PI);
    const float cs = std::cos(rad);
    const float sn = std::sin(rad);
    const float xf = (dist[2] - dist[0]) / 2.0f;
    const float yf = (dist[3] - dist[1]) / 2.0f;
    d.w = (dist[0] + dist[2]) * float(c.stride);
    d.h = (dist[1] + dist[3]) * float(c.stride);
    d.x = ((xf * cs - yf * sn) + float(c.ax) + 0.5f) * float(c.stride) - d.w * 0.5f;
    d.y = ((xf * sn + yf * cs) + float(c.ay) + 0.5f) * float(c.stride) - d.h * 0.5f;
    d.rotated = true;
    d.angle = angleUnits;
}

void placeAxisAligned(Detection &d, const float dist[4], const Cell &c)
{
    d.x = (float(c.ax) + 0.5f - dist[0]) * float(c.stride);
    d.y = (float(c.ay) + 0.5f - dist[1]) * float(c.stride);
    d.w = (float(c.ax) + 0.5f + dist[2]) * float(c.stride) - d.x;
    d.h = (float(c.ay) + 0.5f + dist[3]) * float(c.stride) - d.y;
}

QString shapeList(const QList<OutputTensor> &outputs)
{
    QStringList parts;
    for (const OutputTensor &t : outputs) {
        QStringList dims;
        for (qint64 d : t.shape)
            dims.append(QString::number(d));
        parts.append(QStringLiteral("%1 [%2]").arg(t.name, dims.join(QLatin1Char(','))));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

Expected<DecodedOutputs> Yolo11Decoder::decode(const QList<OutputTensor> &outputs,
                                               const DecoderSettings &s)
{
    const QString type = s.task.isEmpty() ? QStringLiteral("detector") : s.task;
    Task task = Task::Detect;
    if (type == QLatin1String("pose"))
        task = Task::Pose;
    else if (type == QLatin1String("seg"))
        task = Task::Seg;
    else if (type == QLatin1String("obb"))
        task = Task::Obb;
    else if (type != QLatin1String("detector")) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("type [%1] not supported; %2 supports detector, pose, seg and obb.")
                .arg(type, s.modelType));
    }
    const int W = s.inputWidth;
    const int H = s.inputHeight;
    const int nc = int(s.labels.size());
    if (W % 32 != 0 || H % 32 != 0 || W <= 0 || H <= 0) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("The input %1×%2 is not a multiple of 32, which %3 needs.")
                             .arg(W)
                             .arg(H)
                             .arg(s.modelType));
    }
    if (nc < 1)
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1 needs labels; the project has none.").arg(s.modelType));
    qint64 A = 0;
    qint64 start[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) {
        start[i] = A;
        A += qint64(W / Strides[i]) * (H / Strides[i]);
    }
    const auto shapeError = [&](int n) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral(
                "output node shape error, please check %1 (the device refuses these outputs: %2).")
                .arg(n)
                .arg(shapeList(outputs)));
    };

    const int count = int(outputs.size());
    const bool mode1 = (count == 5 && task == Task::Seg)
                       || (count == 4 && (task == Task::Obb || task == Task::Pose))
                       || (count == 3 && task == Task::Detect);
    Roles r;
    bool chw = true;
    if (mode1) {
        const qint64 channels = nc + RegMax * 4;
        for (const OutputTensor &t : outputs) {
            if (t.shape.size() == 4 && dim(t, 3) == channels && dim(t, 1) == H / 8
                && dim(t, 2) == W / 8) {
                chw = false;
                break;
            }
        }
        for (int i = 0; i < count; ++i) {
            const OutputTensor &t = outputs[i];
            int rank = int(t.shape.size());
            if (rank == 4 && dim(t, 3) == 1)
                rank = 3;
            if (rank == 4) {
                const int hIndex = chw ? 2 : 1;
                if (task == Task::Seg
                    && ((dim(t, 1) == 32 && dim(t, 2) == H / 4 && dim(t, 3) == W / 4)
                        || (dim(t, 3) == 32 && dim(t, 1) == H / 4 && dim(t, 2) == W / 4))) {
                    r.maskPrototypes = i;
                } else if (dim(t, hIndex) == H / 8) {
                    r.det[0] = i;
                } else if (dim(t, hIndex) == H / 16) {
                    r.det[1] = i;
                } else if (dim(t, hIndex) == H / 32) {
                    r.det[2] = i;
                } else {
                    return shapeError(1);
                }
            } else if (rank == 3) {
                if (task == Task::Seg) {
                    r.maskWeights = i;
                } else if (task == Task::Obb) {
                    r.angle = i;
                    r.angleNeedsSigmoid = !t.name.contains(QLatin1String("Sigmoid"));
                } else if (task == Task::Pose) {
                    r.pose = i;
                } else {
                    return shapeError(2);
                }
            } else {
                return shapeError(3);
            }
        }
        for (int i = 0; i < 3; ++i) {
            const int idx = r.det[i];
            if (idx < 0)
                return shapeError(1);
            const OutputTensor &t = outputs[idx];
            const qint64 c = chw ? dim(t, 1) : dim(t, 3);
            const qint64 h = chw ? dim(t, 2) : dim(t, 1);
            const qint64 w = chw ? dim(t, 3) : dim(t, 2);
            if (c != channels || h != H / Strides[i] || w != W / Strides[i]) {
                return makeError(
                    Error::Code::InvalidInput,
                    QStringLiteral(
                        "%1 has %2 channels at %3×%4; with %5 labels the device reads "
                        "%6 channels at %7×%8 (mud labels or outputs do not match the model).")
                        .arg(t.name)
                        .arg(c)
                        .arg(w)
                        .arg(h)
                        .arg(nc)
                        .arg(channels)
                        .arg(W / Strides[i])
                        .arg(H / Strides[i]));
            }
        }
    } else {
        for (int i = 0; i < count; ++i) {
            const OutputTensor &t = outputs[i];
            if (t.shape.size() == 4 && dim(t, 1) == A && dim(t, 2) == nc && dim(t, 3) == 1) {
                chw = false;
                r.dfl = i;
                break;
            }
        }
        const int c1 = chw ? 1 : 2; // channel dim of [1,C,A] / [1,A,C]
        const int a1 = chw ? 2 : 1;
        for (int i = 0; i < count; ++i) {
            if (i == r.dfl)
                continue;
            const OutputTensor &t = outputs[i];
            const bool isDfl
                = dim(t, chw ? 1 : 3) == 1 && dim(t, chw ? 2 : 1) == 4 && dim(t, chw ? 3 : 2) == A;
            const bool flat = t.shape.size() == 3 || dim(t, 3) == 1;
            switch (task) {
            case Task::Detect:
                if (dim(t, c1) == nc && dim(t, a1) == A)
                    r.classes = i;
                else
                    r.dfl = i;
                break;
            case Task::Seg:
                if (isDfl)
                    r.dfl = i;
                else if (dim(t, c1) == 32 && dim(t, a1) == A && flat) {
                    if (t.name.contains(QLatin1String("Sigmoid")))
                        r.classes = i;
                    else
                        r.maskWeights = i;
                } else if (dim(t, c1) == nc && dim(t, a1) == A && flat)
                    r.classes = i;
                else
                    r.maskPrototypes = i;
                break;
            case Task::Obb:
                if (isDfl)
                    r.dfl = i;
                else if (dim(t, c1) > 1 || t.name.contains(QLatin1String("Sigmoid_1")))
                    r.classes = i;
                else {
                    r.angle = i;
                    r.angleNeedsSigmoid = !t.name.contains(QLatin1String("Sigmoid"));
                }
                break;
            case Task::Pose:
                if (isDfl)
                    r.dfl = i;
                else if (dim(t, c1) % 3 == 0 && dim(t, a1) == A)
                    r.pose = i;
                else
                    r.classes = i;
                break;
            }
        }
        if (r.dfl < 0 || r.classes < 0) {
            return makeError(
                Error::Code::InvalidInput,
                QStringLiteral(
                    "can't find DFL or sigmoid output (the device refuses these outputs: %1).")
                    .arg(shapeList(outputs)));
        }
        if (task == Task::Seg && (r.maskWeights < 0 || r.maskPrototypes < 0))
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("can't find seg_mask_weight or seg_mask output (%1).")
                                 .arg(shapeList(outputs)));
        if (task == Task::Obb && r.angle < 0)
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("can't find obb_angle (%1).").arg(shapeList(outputs)));
        if (task == Task::Pose && r.pose < 0)
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("can't find pose (%1).").arg(shapeList(outputs)));
        if (outputs[r.classes].elementCount() != A * nc || outputs[r.dfl].elementCount() != A * 4) {
            return makeError(
                Error::Code::InvalidInput,
                QStringLiteral("%1 and %2 do not hold %3 anchors × (%4 classes, 4 distances); "
                               "check the labels and the input size.")
                    .arg(outputs[r.classes].name, outputs[r.dfl].name)
                    .arg(A)
                    .arg(nc));
        }
        if (task == Task::Obb && !chw)
            return makeError(Error::Code::Unsupported,
                             QStringLiteral("not support output hwc layout (OBB, scheme 2)."));
    }
    if (r.angle >= 0 && outputs[r.angle].elementCount() != A)
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1 does not hold one angle per anchor (%2).")
                             .arg(outputs[r.angle].name)
                             .arg(A));

    // Per-anchor candidates.
    QList<Detection> candidates;
    const auto cellOf = [&](qint64 index) {
        int i = index >= start[2] ? 2 : (index >= start[1] ? 1 : 0);
        const qint64 local = index - start[i];
        const int nw = W / Strides[i];
        return Cell{Strides[i], int(local % nw), int(local / nw), int(index)};
    };
    const float *angleData = r.angle >= 0 ? outputs[r.angle].values.data() : nullptr;
    for (qint64 index = 0; index < A; ++index) {
        const Cell c = cellOf(index);
        int classId = 0;
        float score = 0;
        float dist[4];
        QString source;
        if (mode1) {
            const int level = c.stride == 8 ? 0 : (c.stride == 16 ? 1 : 2);
            const OutputTensor &t = outputs[r.det[level]];
            const qint64 local = index - start[level];
            const qint64 plane = qint64(W / c.stride) * (H / c.stride);
            const qint64 step = chw ? plane : 1;
            const float *p = t.values.data() + (chw ? local : local * (nc + RegMax * 4));
            for (int k = 1; k < nc; ++k) {
                if (p[(RegMax * 4 + k) * step] > p[(RegMax * 4 + classId) * step])
                    classId = k;
            }
            score = DetectionPostProcess::sigmoid(p[(RegMax * 4 + classId) * step]);
            if (score <= s.confidence)
                continue;
            for (int k = 0; k < 4; ++k)
                dist[k] = dflDistance(p + k * RegMax * step, step);
            source = t.name;
        } else {
            const float *scores = outputs[r.classes].values.data();
            const float *boxes = outputs[r.dfl].values.data();
            if (chw) {
                for (int k = 1; k < nc; ++k) {
                    if (scores[index + k * A] > scores[index + classId * A])
                        classId = k;
                }
                score = scores[index + classId * A];
                for (int k = 0; k < 4; ++k)
                    dist[k] = boxes[index + k * A];
            } else {
                const float *p = scores + index * nc;
                for (int k = 1; k < nc; ++k) {
                    if (p[k] > p[classId])
                        classId = k;
                }
                score = p[classId];
                for (int k = 0; k < 4; ++k)
                    dist[k] = boxes[index * 4 + k];
            }
            if (score <= s.confidence)
                continue;
            source = outputs[r.classes].name;
        }
        Detection d;
        d.classId = classId;
        d.score = score;
        d.anchor = c.anchor;
        d.sourceTensor = source;
        if (task == Task::Obb) {
            const float raw = angleData[index];
            placeRotated(d,
                         dist,
                         (r.angleNeedsSigmoid ? DetectionPostProcess::sigmoid(raw) : raw) - 0.25f,
                         c);
        } else {
            placeAxisAligned(d, dist, c);
        }
        candidates.append(d);
    }
    QList<Detection> kept = DetectionPostProcess::nms(candidates, s.iou, W, H);

    // Keypoints: (x·2 + grid) · stride, visible when sigmoid(v) passes the keypoint threshold.
    if (task == Task::Pose) {
        const OutputTensor &t = outputs[r.pose];
        const qint64 perAnchor = chw ? dim(t, 1) : dim(t, 2);
        const int keypoints = int(perAnchor / 3);
        for (Detection &d : kept) {
            const Cell c = cellOf(d.anchor);
            const qint64 step = chw ? A : 1;
            const float *p = t.values.data() + (chw ? d.anchor : qint64(d.anchor) * perAnchor);
            for (int k = 0; k < keypoints; ++k) {
                const float v = DetectionPostProcess::sigmoid(p[(k * 3 + 2) * step]);
                if (v > s.keypointThreshold) {
                    // The device stores keypoints as ints.
                    d.keypoints.append(QPointF(
                        int((p[k * 3 * step] * 2.0f + float(c.ax)) * float(c.stride)),
                        int((p[(k * 3 + 1) * step] * 2.0f + float(c.ay)) * float(c.stride))));
                } else {
                    d.keypoints.append(QPointF(-1, -1));
                }
            }
        }
    }

    // Masks: sigmoid(Σ weight_n · prototype_n) over the box, at prototype resolution.
    if (task == Task::Seg) {
        const OutputTensor &proto = outputs[r.maskPrototypes];
        const OutputTensor &weights = outputs[r.maskWeights];
        const int mh = H / 4;
        const int mw = W / 4;
        const bool protoChw = dim(proto, 1) == 32;
        const bool weightsChw = chw && !(dim(weights, 1) == A);
        const qint64 planeSize = qint64(mh) * mw;
        for (Detection &d : kept) {
            const int x0 = int(d.x * float(mw) / float(W));
            const int y0 = int(d.y * float(mh) / float(H));
            const int x1 = int((d.x + d.w) * float(mw) / float(W));
            const int y1 = int((d.y + d.h) * float(mh) / float(H));
            if (x1 <= x0 || y1 <= y0)
                continue;
            float coefficient[32];
            for (int n = 0; n < 32; ++n)
                coefficient[n] = weightsChw ? weights.values[size_t(n * A + d.anchor)]
                                            : weights.values[size_t(qint64(d.anchor) * 32 + n)];
            d.maskWidth = x1 - x0;
            d.maskHeight = y1 - y0;
            d.mask.resize(qsizetype(d.maskWidth) * d.maskHeight);
            uchar *out = reinterpret_cast<uchar *>(d.mask.data());
            for (int y = y0; y < y1; ++y) {
                for (int x = x0; x < x1; ++x) {
                    float sum = 0;
                    for (int n = 0; n < 32; ++n) {
                        const qint64 at = protoChw ? n * planeSize + qint64(y) * mw + x
                                                   : (qint64(y) * mw + x) * 32 + n;
                        sum += coefficient[n] * proto.values[size_t(at)];
                    }
                    *out++ = uchar(DetectionPostProcess::sigmoid(sum) * 255.0f);
                }
            }
        }
    }

    DecodedOutputs result;
    result.decoder = QStringLiteral("%1 %2, %3 (%4)")
                         .arg(s.modelType,
                              type,
                              mode1 ? QStringLiteral("scheme 1") : QStringLiteral("scheme 2"),
                              chw ? QStringLiteral("NCHW") : QStringLiteral("NHWC"));
    result.detections = kept;
    DetectionPostProcess::applyLabels(result.detections, s.labels);
    return result;
}

} // namespace Mcw::Core
