// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/devicefit.h>
#include <core/preview/sourceimage.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>

#include <vector>

namespace Mcw::Core {

/**
 * The float tensor the network sees on the device for one image: fitted like MaixPy
 * (nearest-neighbour resize, black bars or centre crop), channels in the model's pixel format,
 * `(pixel - mean) * scale`, laid out NCHW or NHWC as the input shape says.
 */
struct InputTensor
{
    QList<qint64> shape; // 1,C,H,W or 1,H,W,C
    bool nhwc = false;
    std::vector<float> values;
    FitGeometry geometry;
    /** The fitted 8-bit image in RGB order (gray models: three equal channels), for drawing. */
    QByteArray fittedRgb;

    /** Builds the tensor; \a inputShape is the project's 4-D input shape (batch 1). */
    static Expected<InputTensor> prepare(const SourceImage &image,
                                         const QList<qint64> &inputShape,
                                         const Preprocess &preprocess,
                                         DeviceFit fit);
};

} // namespace Mcw::Core
