// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Mcw::Core {

/**
 * The rules that tie an image input's shape to the preprocessing: which pixel formats exist and
 * how many channels each gives, and where channels, height and width sit in a 4-D shape for
 * tpu-mlir's `--channel_format` (nchw, or nhwc as tf2onnx and MediaPipe export).
 */
class ImageInput
{
public:
    struct Dims
    {
        qint64 channels = 0;
        qint64 height = 0;
        qint64 width = 0;
    };

    /** rgb, bgr, gray: what the project, the MUD and tpu-mlir accept. */
    static QStringList pixelFormats();
    /** Channels a pixel format gives: 1 for gray, 3 for rgb and bgr, 0 for anything else. */
    static int channelCount(const QString &pixelFormat);

    /**
     * The channel format a shape was exported with: "nhwc" when only the last dimension looks
     * like an image's channels (1 or 3), as in 1×256×256×3; "nchw" otherwise (the ONNX norm,
     * also for 1×3×…×3 and shapes that are not 4-D).
     */
    static QString channelFormatOf(const QList<qint64> &shape);
    /** Channels, height and width of a 4-D \a shape in \a channelFormat; nullopt for other ranks. */
    static std::optional<Dims> dims(const QList<qint64> &shape, const QString &channelFormat);
    /** \a shape with its height and width replaced (a 1×C×H×W default when it is not 4-D). */
    static QList<qint64> withSize(QList<qint64> shape, const QString &channelFormat, qint64 width,
                                  qint64 height);
    /**
     * A static shape for a model input whose dimensions are not all known (-1 in \a fileShape):
     * batch 1, 3 channels, \a size × \a size; known dimensions are kept. Empty when the rank is
     * not 4 (nothing sensible to pin).
     */
    static QList<qint64> pinned(const QList<qint64> &fileShape, qint64 size);
};

} // namespace Mcw::Core
