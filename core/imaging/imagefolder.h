// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * A calibration image folder as run_calibration.py sees it: files with the extensions it
 * accepts (jpg, jpeg, png, bmp, jfif; npy/npz too), searched recursively, case-insensitive,
 * in sorted order.
 */
struct ImageFolderScan
{
    QStringList images;      // absolute paths, sorted
    int tensorFiles = 0;     // .npy / .npz samples
};

Expected<ImageFolderScan> scanCalibrationFolder(const QString &folder);

/** A small RGB888 thumbnail (longest side \a size) of an image, for the thumbnail strip. */
struct Thumbnail
{
    QString path;
    int width = 0;
    int height = 0;
    QByteArray rgb;
};

/** Loads thumbnails of the first \a count images; unreadable images are skipped. */
QList<Thumbnail> makeThumbnails(const QStringList &images, int count, int size);

} // namespace Mcw::Core
