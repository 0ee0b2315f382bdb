// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "devicefit.h"

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

DeviceFit deviceFitFor(const QString &modelType)
{
    // Classifier.classify() and SelfLearnClassifier default to FIT_COVER; detectors to FIT_CONTAIN.
    if (modelType == QLatin1String("classifier") || modelType == QLatin1String("classifier_no_top"))
        return DeviceFit::Cover;
    return DeviceFit::Contain;
}

QString deviceFitName(DeviceFit fit)
{
    switch (fit) {
    case DeviceFit::Fill:
        return QStringLiteral("fill");
    case DeviceFit::Contain:
        return QStringLiteral("contain");
    case DeviceFit::Cover:
        return QStringLiteral("cover");
    }
    return {};
}

// The scale is a float like in maix::image::Image::resize; cv::resize with fx = fy = scale
// rounds the destination size to nearest.
static float fitScale(DeviceFit fit, int sw, int sh, int iw, int ih)
{
    const float sx = float(iw) / float(sw);
    const float sy = float(ih) / float(sh);
    return fit == DeviceFit::Cover ? std::max(sx, sy) : std::min(sx, sy);
}

FitGeometry FitGeometry::compute(
    DeviceFit fit, int sourceWidth, int sourceHeight, int inputWidth, int inputHeight)
{
    FitGeometry g;
    g.fit = fit;
    g.sourceWidth = sourceWidth;
    g.sourceHeight = sourceHeight;
    g.inputWidth = inputWidth;
    g.inputHeight = inputHeight;
    if (fit == DeviceFit::Fill || (sourceWidth == inputWidth && sourceHeight == inputHeight)) {
        g.resizedWidth = inputWidth;
        g.resizedHeight = inputHeight;
        return g;
    }
    const double scale = fitScale(fit, sourceWidth, sourceHeight, inputWidth, inputHeight);
    g.resizedWidth = int(std::lrint(sourceWidth * scale));
    g.resizedHeight = int(std::lrint(sourceHeight * scale));
    if (fit == DeviceFit::Contain) {
        g.offsetX = (inputWidth - g.resizedWidth) / 2;
        g.offsetY = (inputHeight - g.resizedHeight) / 2;
    } else {
        g.offsetX = -((g.resizedWidth - inputWidth) / 2);
        g.offsetY = -((g.resizedHeight - inputHeight) / 2);
    }
    return g;
}

// MaixCDK's decoders return boxes unchanged when the image already has the input size, and
// otherwise undo the fit with float pads ((input - source·scale) / 2), not the integer offsets.
float FitGeometry::toSourceX(float x) const
{
    if (sourceWidth == inputWidth && sourceHeight == inputHeight)
        return x;
    if (fit == DeviceFit::Fill)
        return x * (float(sourceWidth) / float(inputWidth));
    const float scale = fitScale(fit, sourceWidth, sourceHeight, inputWidth, inputHeight);
    const float pad = (float(inputWidth) - float(sourceWidth) * scale) / 2.0f;
    return (x - pad) * (1.0f / scale);
}

float FitGeometry::toSourceY(float y) const
{
    if (sourceWidth == inputWidth && sourceHeight == inputHeight)
        return y;
    if (fit == DeviceFit::Fill)
        return y * (float(sourceHeight) / float(inputHeight));
    const float scale = fitScale(fit, sourceWidth, sourceHeight, inputWidth, inputHeight);
    const float pad = (float(inputHeight) - float(sourceHeight) * scale) / 2.0f;
    return (y - pad) * (1.0f / scale);
}

float FitGeometry::toSourceWidth(float w) const
{
    if (sourceWidth == inputWidth && sourceHeight == inputHeight)
        return w;
    if (fit == DeviceFit::Fill)
        return w * (float(sourceWidth) / float(inputWidth));
    return w * (1.0f / fitScale(fit, sourceWidth, sourceHeight, inputWidth, inputHeight));
}

float FitGeometry::toSourceHeight(float h) const
{
    if (sourceWidth == inputWidth && sourceHeight == inputHeight)
        return h;
    if (fit == DeviceFit::Fill)
        return h * (float(sourceHeight) / float(inputHeight));
    return h * (1.0f / fitScale(fit, sourceWidth, sourceHeight, inputWidth, inputHeight));
}

} // namespace Mcw::Core
