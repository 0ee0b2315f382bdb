// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * What the network sees: an image resized to the model input the way tpu-mlir and the MaixCAM
 * runtime do it (letterbox with the pad value when keep-aspect-ratio is on, else a stretch),
 * plus the value range per channel after `(x - mean) * scale`.
 */
struct LetterboxPreview
{
    int width = 0;
    int height = 0;
    /** Tightly packed 8-bit pixels in display order: RGB888, or Grayscale8 for gray models. */
    QByteArray pixels;
    bool grayscale = false;
    /** Per model channel (in the model's pixel format order): min and max after preprocessing. */
    QList<double> minimum;
    QList<double> maximum;
    /** Letterbox geometry in model pixels: scaled image size and top-left offset. */
    int contentWidth = 0;
    int contentHeight = 0;
    int offsetX = 0;
    int offsetY = 0;
};

/**
 * Loads \a imagePath (OpenCV) and prepares it for an input of \a width × \a height with
 * \a preprocess. Pure; safe on a worker thread. The error names the image file.
 */
Expected<LetterboxPreview> makeLetterboxPreview(const QString &imagePath, int width, int height,
                                                const Preprocess &preprocess);

} // namespace Mcw::Core
