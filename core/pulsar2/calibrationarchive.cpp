// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibrationarchive.h"

#include <core/bundle/tarwriter.h>
#include <core/imaging/imagefolder.h>

#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

namespace Mcw::Core {

Expected<QStringList> CalibrationArchive::selectImages(const QString &folder, int count)
{
    static const QSet<QString> suffixes{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),
                                        QStringLiteral("bmp")};
    const auto scan = scanCalibrationFolder(folder);
    if (!scan)
        return Unexpected(scan.error());
    QStringList images;
    for (const QString &image : scan->images) {
        if (images.size() >= count)
            break;
        if (suffixes.contains(QFileInfo(image).suffix().toLower()))
            images.append(image);
    }
    if (images.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1 holds no jpg, jpeg, png or bmp image to calibrate with.").arg(folder));
    }
    return images;
}

QString CalibrationArchive::memberName(int index, const QString &imagePath)
{
    return QStringLiteral("%1_%2").arg(index, 6, 10, QLatin1Char('0')).arg(QFileInfo(imagePath).fileName());
}

Expected<void> CalibrationArchive::write(const QStringList &images, const QString &archivePath)
{
    QSaveFile file(archivePath);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(Error::Code::Io, QStringLiteral("%1: cannot be written (%2).").arg(archivePath, file.errorString()));
    TarWriter tar(&file);
    for (int i = 0; i < images.size(); ++i) {
        if (const auto added = tar.addFile(memberName(i, images[i]), images[i]); !added)
            return added;
    }
    if (const auto finished = tar.finish(); !finished)
        return finished;
    if (!file.commit())
        return makeError(Error::Code::Io, QStringLiteral("%1: cannot be written (%2).").arg(archivePath, file.errorString()));
    return {};
}

} // namespace Mcw::Core
