// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "renderedimage.h"

#include <QFile>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace Mcw::Core {

Expected<void> RenderedImage::savePng(const QString &path) const
{
    if (isNull())
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: nothing was drawn to save.").arg(path));
    const cv::Mat rgbMat(height, width, CV_8UC3, const_cast<char *>(rgb.constData()));
    cv::Mat bgr;
    cv::cvtColor(rgbMat, bgr, cv::COLOR_RGB2BGR);
    bool ok = false;
    try {
        ok = cv::imwrite(QFile::encodeName(path).toStdString(), bgr);
    } catch (const cv::Exception &) {
        ok = false;
    }
    if (!ok)
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the image could not be written.").arg(path));
    return {};
}

RenderedImage RenderedImage::sideBySide(const RenderedImage &left, const RenderedImage &right)
{
    RenderedImage out;
    out.width = left.width + right.width;
    out.height = std::max(left.height, right.height);
    cv::Mat canvas(out.height, out.width, CV_8UC3, cv::Scalar::all(40));
    if (!left.isNull())
        cv::Mat(left.height, left.width, CV_8UC3, const_cast<char *>(left.rgb.constData()))
            .copyTo(canvas(cv::Rect(0, 0, left.width, left.height)));
    if (!right.isNull())
        cv::Mat(right.height, right.width, CV_8UC3, const_cast<char *>(right.rgb.constData()))
            .copyTo(canvas(cv::Rect(left.width, 0, right.width, right.height)));
    out.rgb
        = QByteArray(reinterpret_cast<const char *>(canvas.data), qsizetype(canvas.total()) * 3);
    return out;
}

} // namespace Mcw::Core
