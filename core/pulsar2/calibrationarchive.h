// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * The calibration images as Pulsar2 takes them (maixcam2.md §3): one flat tar (Pulsar2 extracts
 * it to quant/dataset/<tensor>/; sub-folders are not known to be searched), holding the first N
 * images of the folder in sorted order, each renamed `{index:06d}_{name}` like Sipeed's converter
 * so files of different sub-folders cannot collide.
 */
class CalibrationArchive
{
public:
    /** jpg, jpeg, png, bmp (Sipeed's converter's set) under \a folder, sorted, at most \a count. */
    static Expected<QStringList> selectImages(const QString &folder, int count);
    /** The name image \a index has inside the archive: "000003_dog.jpg". */
    static QString memberName(int index, const QString &imagePath);
    /** Writes the tar atomically (a temporary file renamed at the end). */
    static Expected<void> write(const QStringList &images, const QString &archivePath);
};

} // namespace Mcw::Core
