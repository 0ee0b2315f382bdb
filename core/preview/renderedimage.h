// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QString>

namespace Mcw::Core {

/** A drawn picture: tightly packed RGB888 (widgets wrap it in a QImage, the CLI saves it). */
struct RenderedImage
{
    int width = 0;
    int height = 0;
    QByteArray rgb;

    bool isNull() const { return rgb.isEmpty(); }
    /** Writes a PNG (OpenCV); the error names the file. */
    Expected<void> savePng(const QString &path) const;
    /** \a left and \a right next to each other on one canvas, top-aligned. */
    static RenderedImage sideBySide(const RenderedImage &left, const RenderedImage &right);
};

} // namespace Mcw::Core
