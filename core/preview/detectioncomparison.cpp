// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectioncomparison.h"

#include "detectionpostprocess.h"

#include <algorithm>

namespace Mcw::Core {

DetectionComparison DetectionComparison::compare(const DecodedOutputs &fp32,
                                                 const DecodedOutputs &int8)
{
    DetectionComparison c;
    if (!fp32.classes.isEmpty() || !int8.classes.isEmpty()) {
        c.isClassifier = true;
        c.top1Agrees = !fp32.classes.isEmpty() && !int8.classes.isEmpty()
                       && fp32.classes.first().classId == int8.classes.first().classId;
        c.meanIou = 1.0;
        return c;
    }
    struct Candidate
    {
        int a;
        int b;
        float iou;
    };
    QList<Candidate> candidates;
    for (int a = 0; a < fp32.detections.size(); ++a) {
        for (int b = 0; b < int8.detections.size(); ++b) {
            const float iou = DetectionPostProcess::iou(fp32.detections[a], int8.detections[b]);
            if (iou >= PairIou)
                candidates.append({a, b, iou});
        }
    }
    // Same-class pairs first (so a box that only moved is not taken by a neighbour of another
    // class), then the rest; highest IoU first, ties in FP32 then INT8 order (reproducible).
    std::stable_sort(
        candidates.begin(), candidates.end(), [&](const Candidate &x, const Candidate &y) {
            const bool sameX = fp32.detections[x.a].classId == int8.detections[x.b].classId;
            const bool sameY = fp32.detections[y.a].classId == int8.detections[y.b].classId;
            if (sameX != sameY)
                return sameX;
            return x.iou > y.iou;
        });
    QList<bool> usedA(fp32.detections.size(), false);
    QList<bool> usedB(int8.detections.size(), false);
    double iouSum = 0;
    int pairCount = 0;
    for (const Candidate &cand : std::as_const(candidates)) {
        if (usedA[cand.a] || usedB[cand.b])
            continue;
        usedA[cand.a] = usedB[cand.b] = true;
        Pair p;
        p.fp32 = cand.a;
        p.int8 = cand.b;
        p.iou = cand.iou;
        if (fp32.detections[cand.a].classId != int8.detections[cand.b].classId) {
            p.kind = Kind::ClassChanged;
            ++c.classChanged;
        } else if (cand.iou < ShiftIou) {
            p.kind = Kind::Shifted;
            ++c.shifted;
        } else {
            ++c.matched;
        }
        iouSum += cand.iou;
        ++pairCount;
        c.pairs.append(p);
    }
    for (int a = 0; a < usedA.size(); ++a) {
        if (!usedA[a]) {
            c.pairs.append(Pair{Kind::Missed, a, -1, 0});
            ++c.missed;
        }
    }
    for (int b = 0; b < usedB.size(); ++b) {
        if (!usedB[b]) {
            c.pairs.append(Pair{Kind::Extra, -1, b, 0});
            ++c.extra;
        }
    }
    c.meanIou = pairCount > 0 ? iouSum / pairCount : 1.0;
    return c;
}

QString DetectionComparison::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Matched:
        return QStringLiteral("matched");
    case Kind::Shifted:
        return QStringLiteral("shifted");
    case Kind::ClassChanged:
        return QStringLiteral("class changed");
    case Kind::Missed:
        return QStringLiteral("missed");
    case Kind::Extra:
        return QStringLiteral("extra");
    }
    return {};
}

QString DetectionComparison::summary() const
{
    if (isClassifier)
        return top1Agrees ? QStringLiteral("top-1 agrees") : QStringLiteral("top-1 differs");
    return QStringLiteral(
               "%1 matched, %2 shifted, %3 class changed, %4 missed, %5 extra, mean IoU %6")
        .arg(matched)
        .arg(shifted)
        .arg(classChanged)
        .arg(missed)
        .arg(extra)
        .arg(meanIou, 0, 'f', 3);
}

QString FolderComparison::summary() const
{
    if (rows.isEmpty())
        return QStringLiteral("No images were compared.");
    QList<const Row *> decoded;
    for (const Row &r : rows) {
        if (r.decodeError.isEmpty())
            decoded.append(&r);
    }
    const QString undecoded = decoded.size() == rows.size()
                                  ? QString()
                                  : QStringLiteral(" (%1 of %2 images could not be decoded)")
                                        .arg(rows.size() - decoded.size())
                                        .arg(rows.size());
    if (decoded.isEmpty())
        return QStringLiteral("%1 images: none could be decoded.").arg(rows.size());
    if (decoded.first()->comparison.isClassifier) {
        int agree = 0;
        for (const Row *r : decoded)
            agree += r->comparison.top1Agrees ? 1 : 0;
        return QStringLiteral("%1 images: top-1 agreement %2/%1 (%3%)%4")
            .arg(decoded.size())
            .arg(agree)
            .arg(100.0 * agree / double(decoded.size()), 0, 'f', 1)
            .arg(undecoded);
    }
    int matched = 0, shifted = 0, changed = 0, missed = 0, extra = 0, pairs = 0;
    double iouSum = 0;
    for (const Row *r : decoded) {
        const DetectionComparison &c = r->comparison;
        matched += c.matched;
        shifted += c.shifted;
        changed += c.classChanged;
        missed += c.missed;
        extra += c.extra;
        for (const DetectionComparison::Pair &p : c.pairs) {
            if (p.fp32 >= 0 && p.int8 >= 0) {
                iouSum += p.iou;
                ++pairs;
            }
        }
    }
    const int fp32Total = matched + shifted + changed + missed;
    return QStringLiteral("%1 images: %2 of %3 FP32 detections matched (%4 shifted, %5 class "
                          "changed), %6 missed, "
                          "%7 extra, mean IoU %8%9")
        .arg(decoded.size())
        .arg(matched + shifted)
        .arg(fp32Total)
        .arg(shifted)
        .arg(changed)
        .arg(missed)
        .arg(extra)
        .arg(pairs > 0 ? iouSum / pairs : 1.0, 0, 'f', 3)
        .arg(undecoded);
}

} // namespace Mcw::Core
