// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "imageinput.h"

namespace Mcw::Core {

static bool isNhwc(const QString &channelFormat)
{
    return channelFormat == QLatin1String("nhwc");
}

static bool looksLikeChannels(qint64 d)
{
    return d == 1 || d == 3;
}

QStringList ImageInput::pixelFormats()
{
    return {QStringLiteral("rgb"), QStringLiteral("bgr"), QStringLiteral("gray")};
}

int ImageInput::channelCount(const QString &pixelFormat)
{
    if (pixelFormat == QLatin1String("gray"))
        return 1;
    if (pixelFormat == QLatin1String("rgb") || pixelFormat == QLatin1String("bgr"))
        return 3;
    return 0;
}

QString ImageInput::channelFormatOf(const QList<qint64> &shape)
{
    if (shape.size() == 4 && !looksLikeChannels(shape[1]) && looksLikeChannels(shape[3]))
        return QStringLiteral("nhwc");
    return QStringLiteral("nchw");
}

std::optional<ImageInput::Dims> ImageInput::dims(const QList<qint64> &shape, const QString &channelFormat)
{
    if (shape.size() != 4)
        return std::nullopt;
    if (isNhwc(channelFormat))
        return Dims{shape[3], shape[1], shape[2]};
    return Dims{shape[1], shape[2], shape[3]};
}

QList<qint64> ImageInput::withSize(QList<qint64> shape, const QString &channelFormat, qint64 width, qint64 height)
{
    const bool nhwc = isNhwc(channelFormat);
    if (shape.size() != 4)
        shape = nhwc ? QList<qint64>{1, height, width, 3} : QList<qint64>{1, 3, height, width};
    shape[nhwc ? 1 : 2] = height;
    shape[nhwc ? 2 : 3] = width;
    return shape;
}

QList<qint64> ImageInput::pinned(const QList<qint64> &fileShape, qint64 size)
{
    if (fileShape.size() != 4)
        return {};
    // Which end holds the channels follows the known dimensions (1×?×?×3 is NHWC).
    QList<qint64> probe = fileShape;
    for (qint64 &d : probe) {
        if (d < 0)
            d = 0;
    }
    const bool nhwc = isNhwc(channelFormatOf(probe));
    const int channel = nhwc ? 3 : 1;
    QList<qint64> shape = fileShape;
    for (int i = 0; i < 4; ++i) {
        if (shape[i] >= 0)
            continue;
        shape[i] = i == 0 ? 1 : (i == channel ? 3 : size);
    }
    return shape;
}

} // namespace Mcw::Core
