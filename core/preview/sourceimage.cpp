// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceimage.h"

#include <QFile>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace Mcw::Core {

Expected<SourceImage> SourceImage::load(const QString &path)
{
    if (!QFileInfo(path).isFile())
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: no such image file.").arg(path));
    const cv::Mat bgr = cv::imread(QFile::encodeName(path).toStdString(), cv::IMREAD_COLOR);
    if (bgr.empty())
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: not a readable image.").arg(path));
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    SourceImage image;
    image.path = path;
    image.width = rgb.cols;
    image.height = rgb.rows;
    image.rgb = QByteArray(reinterpret_cast<const char *>(rgb.data), qsizetype(rgb.total()) * 3);
    return image;
}

} // namespace Mcw::Core
