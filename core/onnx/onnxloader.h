// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/result.h>

#include <QString>

namespace Mcw::Core {

/**
 * Loads an .onnx file (external data next to it included), runs ONNX shape inference so that
 * intermediate tensors get shapes where inferable, and builds an immutable Graph.
 *
 * Pure function of its input: safe to call from a worker thread (QtConcurrent::run). Bad input
 * never crashes or hangs; the Error's message is one sentence naming the file and the problem.
 */
class OnnxLoader
{
public:
    struct Options
    {
        bool inferShapes = true;
        /** Pins symbolic input dims before inference, e.g. {"images": {1,3,640,640}}. */
        QHash<QString, QList<qint64>> inputShapes;
    };

    static Expected<Graph> loadFile(const QString &path);
    static Expected<Graph> loadFile(const QString &path, const Options &options);
    /** Parses model bytes already in memory; \a displayPath is used in messages. */
    static Expected<Graph> loadBytes(const QByteArray &bytes, const QString &displayPath);
    static Expected<Graph> loadBytes(const QByteArray &bytes, const QString &displayPath,
                                     const Options &options);
};

} // namespace Mcw::Core
