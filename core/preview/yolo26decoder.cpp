// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "yolo26decoder.h"

#include "detectionpostprocess.h"

#include <algorithm>

namespace Mcw::Core {

namespace {

struct Head
{
    int index = -1;
    QString name;
    qint64 h = 0;
    qint64 w = 0;
    qint64 c = 0;
    bool chw = true;
};

bool hasToken(const QString &name, std::initializer_list<const char *> tokens)
{
    const QString lower = name.toLower();
    for (const char *t : tokens) {
        if (lower.contains(QLatin1String(t)))
            return true;
    }
    return false;
}

} // namespace

Expected<DecodedOutputs> Yolo26Decoder::decode(const QList<OutputTensor> &outputs,
                                               const DecoderSettings &s)
{
    if (outputs.size() < 6)
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("yolo26: need at least 6 outputs, the cut has %1.").arg(outputs.size()));
    const qint64 labelCount = s.labels.size();
    QList<Head> heads;
    for (int i = 0; i < outputs.size(); ++i) {
        const OutputTensor &t = outputs[i];
        if (t.shape.size() != 4)
            continue;
        Head h;
        h.index = i;
        h.name = t.name;
        const qint64 d1 = t.shape[1];
        const qint64 d2 = t.shape[2];
        const qint64 d3 = t.shape[3];
        // MaixCAM guesses the layout: a channel count it expects, or a small first dim.
        h.chw = d1 == 4 || d1 == 80 || (labelCount > 0 && d1 == labelCount)
                || (d1 <= 100 && d1 < d2 && d1 < d3);
        h.c = h.chw ? d1 : d3;
        h.h = h.chw ? d2 : d1;
        h.w = h.chw ? d3 : d2;
        if (h.c == 4 || h.c == labelCount || h.c == 80)
            heads.append(h);
    }
    std::stable_sort(heads.begin(), heads.end(), [](const Head &a, const Head &b) {
        if (a.h != b.h)
            return a.h > b.h;
        if (a.w != b.w)
            return a.w > b.w;
        return a.index < b.index;
    });
    QList<Head> boxes;
    QList<Head> classes;
    for (qsizetype i = 0; i < heads.size();) {
        QList<Head> group;
        const qint64 gh = heads[i].h;
        const qint64 gw = heads[i].w;
        while (i < heads.size() && heads[i].h == gh && heads[i].w == gw)
            group.append(heads[i++]);
        if (group.size() != 2)
            continue;
        int box = -1;
        int cls = -1;
        for (int j = 0; j < 2; ++j) {
            if (hasToken(group[j].name, {"bbox", "box", "reg", "loc"}))
                box = j;
            if (hasToken(group[j].name, {"cls", "class", "score"}))
                cls = j;
        }
        if (box < 0 || cls < 0 || box == cls) {
            box = (group[1].c == 4 && group[0].c != 4) ? 1 : 0;
            cls = 1 - box;
        }
        boxes.append(group[box]);
        classes.append(group[cls]);
    }
    if (boxes.size() != 3 || classes.size() != 3) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral(
                "yolo26: need 3 bbox and 3 cls outputs (found %1 pairs of equal grid size).")
                .arg(boxes.size()));
    }
    const int nc = int(classes[0].c);
    QStringList labels = s.labels;
    if (labels.isEmpty()) {
        for (int i = 0; i < nc; ++i)
            labels.append(QStringLiteral("class_%1").arg(i));
    }
    QList<Detection> found;
    int anchorBase = 0;
    for (int level = 0; level < 3; ++level) {
        const Head &bh = boxes[level];
        const Head &ch = classes[level];
        if (bh.h != ch.h || bh.w != ch.w)
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("yolo26: bbox and cls grid size mismatch (%1, %2).")
                                 .arg(bh.name, ch.name));
        const float *bbox = outputs[bh.index].values.data();
        const float *cls = outputs[ch.index].values.data();
        const int fw = int(bh.w);
        const int fh = int(bh.h);
        const qint64 plane = qint64(fw) * fh;
        const float stride = float(s.inputWidth / fw);
        for (qint64 i = 0; i < plane; ++i) {
            const int ax = int(i % fw);
            const int ay = int(i / fw);
            int classId = 0;
            const auto logit = [&](int k) { return ch.chw ? cls[k * plane + i] : cls[i * nc + k]; };
            float best = logit(0);
            for (int k = 1; k < nc; ++k) {
                if (logit(k) > best) {
                    best = logit(k);
                    classId = k;
                }
            }
            if (best < -0.2f) // the device's logit floor (≈ 0.45 probability)
                continue;
            const float score = DetectionPostProcess::sigmoid(best);
            if (score <= s.confidence)
                continue;
            float b[4];
            for (int k = 0; k < 4; ++k)
                b[k] = bh.chw ? bbox[k * plane + i] : bbox[i * 4 + k];
            Detection d;
            const float cx = (float(ax) + 0.5f) * stride;
            const float cy = (float(ay) + 0.5f) * stride;
            d.x = std::max(0.0f, cx - b[0] * stride);
            d.y = std::max(0.0f, cy - b[1] * stride);
            d.w = std::min((b[0] + b[2]) * stride, float(s.inputWidth) - d.x);
            d.h = std::min((b[1] + b[3]) * stride, float(s.inputHeight) - d.y);
            if (d.w <= 0 || d.h <= 0)
                continue;
            d.classId = classId;
            d.score = score;
            d.sourceTensor = ch.name;
            d.anchor = anchorBase + int(i);
            found.append(d);
        }
        anchorBase += int(plane);
    }
    DecodedOutputs result;
    result.decoder = QStringLiteral("yolo26 one2one (%1, NMS-free)")
                         .arg(classes[0].chw ? QStringLiteral("NCHW") : QStringLiteral("NHWC"));
    result.detections = found;
    DetectionPostProcess::applyLabels(result.detections, labels);
    return result;
}

} // namespace Mcw::Core
