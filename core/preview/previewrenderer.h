// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/detection.h>
#include <core/preview/renderedimage.h>
#include <core/preview/sourceimage.h>

#include <QString>

namespace Mcw::Core {

/**
 * Draws decoded results on the source image with OpenCV (core links no Qt Gui): boxes or
 * rotated boxes with label and score, keypoints (COCO skeleton for 17), seg masks as a tinted
 * overlay, and a classifier's top-k as text. One colour per class.
 */
class PreviewRenderer
{
public:
    struct Options
    {
        int highlighted = -1; // detection index drawn thicker
        QString title;        // e.g. "FP32 (OpenCV)"; drawn top-left when set
    };

    static RenderedImage
    draw(const SourceImage &image, const DecodedOutputs &decoded, const Options &options);
    /** The four corners of a detection (rotated for OBB), source-image pixels, clockwise. */
    static QList<QPointF> corners(const Detection &d);
};

} // namespace Mcw::Core
