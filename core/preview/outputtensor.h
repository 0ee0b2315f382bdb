// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <vector>

namespace Mcw::Core {

/** One float32 output of a model run (FP32 on the CPU or INT8 from tpu-mlir), C order. */
struct OutputTensor
{
    QString name; // the ONNX tensor name (tpu-mlir suffixes already removed)
    QList<qint64> shape;
    std::vector<float> values;

    qint64 elementCount() const
    {
        qint64 n = 1;
        for (qint64 d : shape)
            n *= d;
        return n;
    }
};

} // namespace Mcw::Core
