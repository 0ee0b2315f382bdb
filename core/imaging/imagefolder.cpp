// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "imagefolder.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace Mcw::Core {

Expected<ImageFolderScan> scanCalibrationFolder(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.isDir()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: the calibration folder does not exist.").arg(folder));
    }
    ImageFolderScan scan;
    static const QStringList imageSuffixes = {QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                              QStringLiteral("png"), QStringLiteral("bmp"),
                                              QStringLiteral("jfif")};
    QDirIterator it(info.absoluteFilePath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (imageSuffixes.contains(suffix))
            scan.images.append(path);
        else if (suffix == QLatin1String("npy") || suffix == QLatin1String("npz"))
            ++scan.tensorFiles;
    }
    std::sort(scan.images.begin(), scan.images.end());
    return scan;
}

QList<Thumbnail> makeThumbnails(const QStringList &images, int count, int size)
{
    QList<Thumbnail> out;
    for (const QString &path : images) {
        if (out.size() >= count)
            break;
        cv::Mat image = cv::imread(QFile::encodeName(path).toStdString(), cv::IMREAD_REDUCED_COLOR_2);
        if (image.empty())
            continue;
        const double ratio = double(size) / std::max(image.cols, image.rows);
        cv::Mat small;
        cv::resize(image, small, cv::Size(std::max(1, int(image.cols * ratio)), std::max(1, int(image.rows * ratio))),
                   0, 0, cv::INTER_AREA);
        cv::cvtColor(small, small, cv::COLOR_BGR2RGB);
        Thumbnail t;
        t.path = path;
        t.width = small.cols;
        t.height = small.rows;
        t.rgb = QByteArray(reinterpret_cast<const char *>(small.data), qsizetype(small.total()) * 3);
        out.append(t);
    }
    return out;
}

} // namespace Mcw::Core
