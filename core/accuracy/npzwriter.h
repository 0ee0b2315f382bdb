// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QList>
#include <QString>

#include <vector>

namespace Mcw::Core {

/** Writes float32 arrays as a NumPy .npz (what numpy.load and tpu-mlir's tools read). */
class NpzWriter
{
public:
    struct Array
    {
        QString name; // without ".npy"
        QList<qint64> shape;
        std::vector<float> values; // C order
    };

    /** The .npy (format 1.0, little-endian float32, C order) bytes of one array. */
    static QByteArray npyBytes(const Array &array);
    /** Writes \a path atomically; the error names the file. */
    static Expected<void> write(const QString &path, const QList<Array> &arrays);
};

} // namespace Mcw::Core
