// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Core {

/** How MaixPy fits a camera image into the model input (maix.image.Fit). */
enum class DeviceFit {
    Fill,    // stretch to the input size
    Contain, // scale to fit inside, black bars centred (the YOLO classes' default)
    Cover,   // scale to cover, centre crop (the classifier's default)
};

/** The fit MaixPy's class for \a modelType uses by default (detect(): contain, classify(): cover).
 */
DeviceFit deviceFitFor(const QString &modelType);
QString deviceFitName(DeviceFit fit);

/**
 * The geometry of one fitted image: the same float arithmetic as MaixCDK's image resize and its
 * decoders' box correction, so coordinates map back to the source image exactly as on the device.
 */
struct FitGeometry
{
    DeviceFit fit = DeviceFit::Contain;
    int sourceWidth = 0;
    int sourceHeight = 0;
    int inputWidth = 0;
    int inputHeight = 0;
    /** Size of the resized image before padding or cropping, and its top-left in the input. */
    int resizedWidth = 0;
    int resizedHeight = 0;
    int offsetX = 0; // > 0: bars (contain); < 0: cropped away (cover)
    int offsetY = 0;

    static FitGeometry
    compute(DeviceFit fit, int sourceWidth, int sourceHeight, int inputWidth, int inputHeight);

    /** Model-input pixel → source-image pixel, as MaixCDK's _correct_bbox maps box corners. */
    float toSourceX(float x) const;
    float toSourceY(float y) const;
    /** Model-input length → source-image length. */
    float toSourceWidth(float w) const;
    float toSourceHeight(float h) const;
};

} // namespace Mcw::Core
