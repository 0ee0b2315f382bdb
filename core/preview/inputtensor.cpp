// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "inputtensor.h"

#include <opencv2/imgproc.hpp>

namespace Mcw::Core {

// maix::image::Image::resize: cv::resize with fx = fy = scale and INTER_NEAREST (MaixCDK's
// default ResizeMethod), then black bars (contain) or a centre crop (cover).
static cv::Mat fitImage(const cv::Mat &rgb, const FitGeometry &g)
{
    if (g.sourceWidth == g.inputWidth && g.sourceHeight == g.inputHeight)
        return rgb.clone();
    if (g.fit == DeviceFit::Fill) {
        cv::Mat out;
        cv::resize(rgb, out, cv::Size(g.inputWidth, g.inputHeight), 0, 0, cv::INTER_NEAREST);
        return out;
    }
    const float sx = float(g.inputWidth) / float(g.sourceWidth);
    const float sy = float(g.inputHeight) / float(g.sourceHeight);
    const float scale = g.fit == DeviceFit::Cover ? std::max(sx, sy) : std::min(sx, sy);
    cv::Mat resized;
    cv::resize(rgb, resized, cv::Size(), scale, scale, cv::INTER_NEAREST);
    cv::Mat out(g.inputHeight, g.inputWidth, rgb.type(), cv::Scalar::all(0));
    if (g.fit == DeviceFit::Contain) {
        const cv::Rect target(g.offsetX, g.offsetY, resized.cols, resized.rows);
        resized.copyTo(out(target & cv::Rect(0, 0, out.cols, out.rows)));
    } else {
        const cv::Rect source(-g.offsetX, -g.offsetY, g.inputWidth, g.inputHeight);
        resized(source).copyTo(out);
    }
    return out;
}

Expected<InputTensor> InputTensor::prepare(const SourceImage &image,
                                           const QList<qint64> &inputShape,
                                           const Preprocess &preprocess,
                                           DeviceFit fit)
{
    if (inputShape.size() != 4 || inputShape[0] != 1) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("The model input shape [%1] is not a 4-D image input of batch 1.")
                .arg(QStringList([&] {
                         QStringList s;
                         for (qint64 d : inputShape)
                             s.append(QString::number(d));
                         return s;
                     }())
                         .join(QLatin1Char(','))));
    }
    // MaixCDK's rule: the input is NHWC when the last dimension is at most 4.
    const bool nhwc = inputShape[3] <= 4;
    const int channels = int(nhwc ? inputShape[3] : inputShape[1]);
    const int height = int(nhwc ? inputShape[1] : inputShape[2]);
    const int width = int(nhwc ? inputShape[2] : inputShape[3]);
    const bool gray = preprocess.pixelFormat == QLatin1String("gray");
    if (width <= 0 || height <= 0 || width > 8192 || height > 8192
        || (channels != 3 && channels != 1) || (channels == 1) != gray) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("The model input %1×%2 with %3 channels does not fit pixel format '%4'.")
                .arg(width)
                .arg(height)
                .arg(channels)
                .arg(preprocess.pixelFormat));
    }
    if (image.isNull())
        return makeError(Error::Code::InvalidInput, QStringLiteral("No image to prepare."));

    InputTensor t;
    t.shape = inputShape;
    t.nhwc = nhwc;
    t.geometry = FitGeometry::compute(fit, image.width, image.height, width, height);
    const cv::Mat rgb(
        image.height, image.width, CV_8UC3, const_cast<char *>(image.rgb.constData()));
    cv::Mat fitted = fitImage(rgb, t.geometry);
    cv::Mat modelOrder; // the pixel format the device's camera delivers
    if (gray)
        cv::cvtColor(fitted, modelOrder, cv::COLOR_RGB2GRAY);
    else if (preprocess.pixelFormat == QLatin1String("bgr"))
        cv::cvtColor(fitted, modelOrder, cv::COLOR_RGB2BGR);
    else
        modelOrder = fitted;
    if (gray)
        cv::cvtColor(modelOrder, fitted, cv::COLOR_GRAY2RGB);
    t.fittedRgb
        = QByteArray(reinterpret_cast<const char *>(fitted.data), qsizetype(fitted.total()) * 3);

    const qsizetype plane = qsizetype(width) * height;
    t.values.resize(size_t(plane * channels));
    for (int c = 0; c < channels; ++c) {
        const float mean = float(preprocess.mean.value(c, preprocess.mean.value(0, 0.0)));
        const float scale = float(preprocess.scale.value(c, preprocess.scale.value(0, 1.0)));
        for (int y = 0; y < height; ++y) {
            const uchar *row = modelOrder.ptr<uchar>(y);
            for (int x = 0; x < width; ++x) {
                const float v = (float(row[x * channels + c]) - mean) * scale;
                const qsizetype pixel = qsizetype(y) * width + x;
                t.values[size_t(nhwc ? pixel * channels + c : c * plane + pixel)] = v;
            }
        }
    }
    return t;
}

} // namespace Mcw::Core
