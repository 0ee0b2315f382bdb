// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "preprocesspresets.h"

namespace Mcw::Core {

static QList<double> inverted(const QList<double> &values)
{
    QList<double> result;
    result.reserve(values.size());
    for (double v : values)
        result.append(v == 0.0 ? 0.0 : 1.0 / v);
    return result;
}

QList<double> scaleFromStd(const QList<double> &std)
{
    return inverted(std);
}

QList<double> stdFromScale(const QList<double> &scale)
{
    return inverted(scale);
}

QList<PreprocessPreset> preprocessPresets()
{
    // ImageNet statistics in 0..255 units (torchvision's 0.485/0.456/0.406, 0.229/0.224/0.225).
    const QList<double> imagenetMean{123.675, 116.28, 103.53};
    const QList<double> imagenetStd{58.395, 57.12, 57.375};
    return {
        {QStringLiteral("yolo"), QStringLiteral("0–1 (YOLO)"), {0.0, 0.0, 0.0},
         scaleFromStd({255.0, 255.0, 255.0}), QStringLiteral("rgb")},
        {QStringLiteral("imagenet-rgb"), QStringLiteral("ImageNet RGB"), imagenetMean,
         scaleFromStd(imagenetStd), QStringLiteral("rgb")},
        {QStringLiteral("imagenet-bgr"), QStringLiteral("ImageNet BGR"),
         {imagenetMean[2], imagenetMean[1], imagenetMean[0]},
         scaleFromStd({imagenetStd[2], imagenetStd[1], imagenetStd[0]}), QStringLiteral("bgr")},
        {QStringLiteral("minus-one-one"), QStringLiteral("[-1, 1]"), {127.5, 127.5, 127.5},
         scaleFromStd({127.5, 127.5, 127.5}), QStringLiteral("rgb")},
    };
}

PreprocessPreset preprocessPreset(const QString &idOrTitle)
{
    for (const PreprocessPreset &p : preprocessPresets()) {
        if (p.id == idOrTitle || p.title == idOrTitle)
            return p;
    }
    return {};
}

void applyPreset(Preprocess &preprocess, const PreprocessPreset &preset)
{
    preprocess.mean = preset.mean;
    preprocess.scale = preset.scale;
    preprocess.pixelFormat = preset.pixelFormat;
}

QString matchingPresetId(const Preprocess &preprocess)
{
    for (const PreprocessPreset &p : preprocessPresets()) {
        if (p.mean == preprocess.mean && p.scale == preprocess.scale
            && p.pixelFormat == preprocess.pixelFormat) {
            return p.id;
        }
    }
    return {};
}

} // namespace Mcw::Core
