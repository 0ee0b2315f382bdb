// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "letterboxpreview.h"

#include <QFile>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

Expected<LetterboxPreview> makeLetterboxPreview(const QString &imagePath, int width, int height,
                                                const Preprocess &preprocess)
{
    if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("The input size %1×%2 cannot be previewed.").arg(width).arg(height));
    }
    const cv::Mat bgr = cv::imread(QFile::encodeName(imagePath).toStdString(), cv::IMREAD_COLOR);
    if (bgr.empty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: not a readable image.").arg(imagePath));
    }
    const bool gray = preprocess.pixelFormat == QLatin1String("gray");
    cv::Mat converted;
    if (gray)
        cv::cvtColor(bgr, converted, cv::COLOR_BGR2GRAY);
    else
        cv::cvtColor(bgr, converted, cv::COLOR_BGR2RGB); // display order; bgr handled below

    LetterboxPreview preview;
    preview.width = width;
    preview.height = height;
    preview.grayscale = gray;
    cv::Mat out;
    if (preprocess.keepAspectRatio && preprocess.keepRatioMode != QLatin1String("short_side_scale")) {
        const double ratio = std::min(double(width) / converted.cols, double(height) / converted.rows);
        preview.contentWidth = std::max(1, int(std::lround(converted.cols * ratio)));
        preview.contentHeight = std::max(1, int(std::lround(converted.rows * ratio)));
        cv::Mat resized;
        cv::resize(converted, resized, cv::Size(preview.contentWidth, preview.contentHeight), 0, 0,
                   cv::INTER_LINEAR);
        // tpu-mlir's default pad_type is "center".
        preview.offsetX = (width - preview.contentWidth) / 2;
        preview.offsetY = (height - preview.contentHeight) / 2;
        const cv::Scalar pad = cv::Scalar::all(preprocess.padValue);
        cv::copyMakeBorder(resized, out, preview.offsetY, height - preview.contentHeight - preview.offsetY,
                           preview.offsetX, width - preview.contentWidth - preview.offsetX,
                           cv::BORDER_CONSTANT, pad);
    } else if (preprocess.keepAspectRatio) {
        // short_side_scale: scale so the short side fits, then centre-crop.
        const double ratio = std::max(double(width) / converted.cols, double(height) / converted.rows);
        cv::Mat resized;
        cv::resize(converted, resized,
                   cv::Size(std::max(width, int(std::lround(converted.cols * ratio))),
                            std::max(height, int(std::lround(converted.rows * ratio)))),
                   0, 0, cv::INTER_LINEAR);
        const int x = (resized.cols - width) / 2;
        const int y = (resized.rows - height) / 2;
        out = resized(cv::Rect(x, y, width, height)).clone();
        preview.contentWidth = width;
        preview.contentHeight = height;
    } else {
        cv::resize(converted, out, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
        preview.contentWidth = width;
        preview.contentHeight = height;
    }

    const int channels = out.channels();
    preview.pixels = QByteArray(reinterpret_cast<const char *>(out.data),
                                qsizetype(out.total()) * channels);

    // Value range per model channel: the model sees BGR order when pixel_format is bgr.
    std::vector<cv::Mat> planes;
    cv::split(out, planes);
    if (preprocess.pixelFormat == QLatin1String("bgr"))
        std::reverse(planes.begin(), planes.end());
    for (int c = 0; c < channels; ++c) {
        double lo = 0.0;
        double hi = 0.0;
        cv::minMaxLoc(planes[size_t(c)], &lo, &hi);
        const double mean = preprocess.mean.value(c, preprocess.mean.value(0, 0.0));
        const double scale = preprocess.scale.value(c, preprocess.scale.value(0, 1.0));
        const double a = (lo - mean) * scale;
        const double b = (hi - mean) * scale;
        preview.minimum.append(std::min(a, b));
        preview.maximum.append(std::max(a, b));
    }
    return preview;
}

} // namespace Mcw::Core
