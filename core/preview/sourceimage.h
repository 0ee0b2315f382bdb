// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QString>

namespace Mcw::Core {

/**
 * A picture as the camera would hand it to MaixPy: tightly packed RGB888, loaded once so that
 * edits of mean/scale only redo the cheap steps. Gray or palette files become three channels.
 */
struct SourceImage
{
    QString path;
    int width = 0;
    int height = 0;
    QByteArray rgb; // width * height * 3 bytes

    bool isNull() const { return rgb.isEmpty(); }

    /** Loads \a path (OpenCV); the error names the file. Safe on a worker thread. */
    static Expected<SourceImage> load(const QString &path);
};

} // namespace Mcw::Core
