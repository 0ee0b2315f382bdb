// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectionpostprocess.h"

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

float DetectionPostProcess::sigmoid(float x)
{
    return 1.0f / (1.0f + std::exp(-x));
}

float DetectionPostProcess::iou(const Detection &a, const Detection &b)
{
    const float wi = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const float hi = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    const float inter = std::max(wi, 0.0f) * std::max(hi, 0.0f);
    const float uni = a.w * a.h + b.w * b.h - inter;
    return uni > 0 ? inter / uni : 0.0f;
}

void DetectionPostProcess::clip(Detection &d, float width, float height)
{
    if (d.x < 0) {
        d.w += d.x;
        d.x = 0;
    }
    if (d.y < 0) {
        d.h += d.y;
        d.y = 0;
    }
    if (d.x + d.w > width)
        d.w = width - d.x;
    if (d.y + d.h > height)
        d.h = height - d.y;
}

QList<Detection> DetectionPostProcess::nms(QList<Detection> candidates,
                                           float iouThreshold,
                                           int inputWidth,
                                           int inputHeight)
{
    // Stable, so equal scores keep anchor order and the result is reproducible.
    std::stable_sort(candidates.begin(),
                     candidates.end(),
                     [](const Detection &a, const Detection &b) { return a.score > b.score; });
    QList<bool> suppressed(candidates.size(), false);
    QList<Detection> kept;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (suppressed[i])
            continue;
        for (qsizetype j = i + 1; j < candidates.size(); ++j) {
            if (!suppressed[j] && candidates[i].classId == candidates[j].classId
                && iou(candidates[i], candidates[j]) > iouThreshold) {
                suppressed[j] = true;
            }
        }
        Detection d = candidates[i];
        clip(d, float(inputWidth), float(inputHeight));
        kept.append(d);
    }
    return kept;
}

void DetectionPostProcess::mapToSource(QList<Detection> &detections, const FitGeometry &g)
{
    for (Detection &d : detections) {
        d.x = g.toSourceX(d.x);
        d.y = g.toSourceY(d.y);
        d.w = g.toSourceWidth(d.w);
        d.h = g.toSourceHeight(d.h);
        for (QPointF &p : d.keypoints) {
            if (p.x() < 0 && p.y() < 0)
                continue; // invisible keypoints stay marked as such
            // The device keeps keypoints in a std::vector<int>: truncated.
            p = QPointF(int(g.toSourceX(float(p.x()))), int(g.toSourceY(float(p.y()))));
        }
        clip(d, float(g.sourceWidth), float(g.sourceHeight));
    }
}

void DetectionPostProcess::applyLabels(QList<Detection> &detections, const QStringList &labels)
{
    for (Detection &d : detections) {
        d.label = d.classId >= 0 && d.classId < labels.size()
                      ? labels.at(d.classId)
                      : QStringLiteral("class_%1").arg(d.classId);
    }
}

} // namespace Mcw::Core
