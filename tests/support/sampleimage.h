// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <vector>

namespace Mcw::Tests {

/**
 * Writes a real colour image (a per-channel gradient, different for each \a seed) in the format
 * its suffix names, as a calibration folder or test image needs: the pre-flight check decodes
 * them. Link opencv_core and opencv_imgcodecs.
 */
inline bool writeSampleImage(const QString &path, int width = 96, int height = 64, int seed = 0)
{
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar((x * 3 + seed) % 256), uchar((y * 5 + seed * 7) % 256),
                                                  uchar((x + y + seed * 13) % 256));
    }
    std::vector<uchar> bytes;
    const std::string ext = "." + QFileInfo(path).suffix().toLower().replace(QStringLiteral("jfif"), QStringLiteral("jpg")).toStdString();
    if (!cv::imencode(ext, image, bytes))
        return false;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly)
           && f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size())) == qint64(bytes.size());
}

} // namespace Mcw::Tests
