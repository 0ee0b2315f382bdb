// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/layermetrics.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Mcw::Core {

/** Writes per-layer metrics as CSV and as a Netron attachment (`netron:attachment` JSON). */
class MetricsExport
{
public:
    /** Header `index,stage,tensor,onnx_tensor,op_type,status,passed,cosine,euclidean,sqnr`. */
    static QByteArray toCsv(const QList<LayerMetrics> &layers);
    /**
     * Netron's attachment format: `{"signature": "netron:attachment", "metadata": [...],
     * "metrics": [...]}` with one item per value per metric, `kind` "value" and `target` the
     * ONNX tensor name, so Netron shows them in the sidebar of that tensor. Metric names carry
     * the stage ("cosine (tpu)"); non-finite numbers are written as strings ("inf").
     */
    static QByteArray toNetronAttachment(const QList<LayerMetrics> &layers);

    static Expected<void> writeCsv(const QString &path, const QList<LayerMetrics> &layers);
    static Expected<void> writeNetronAttachment(const QString &path,
                                                const QList<LayerMetrics> &layers);
};

} // namespace Mcw::Core
