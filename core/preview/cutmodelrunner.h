// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/inputtensor.h>
#include <core/preview/outputtensor.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Mcw::Core {

/**
 * The cut model (the sub-graph the conversion feeds to tpu-mlir) loaded into OpenCV 4.6 dnn for
 * FP32 runs on the CPU. Loading pins the input shape, extracts the sub-graph and applies the
 * rewrites OpenCV needs; a model OpenCV still cannot load or run gets one sentence naming the
 * node and its op. Copies share one network; run() serialises callers, so a copy may be handed
 * to a worker thread.
 */
class CutModelRunner
{
public:
    CutModelRunner();

    /** \a cutTensors empty: the model's own outputs. \a inputShape: the pinned 4-D input. */
    static Expected<CutModelRunner>
    load(const QString &modelPath, const QStringList &cutTensors, const QList<qint64> &inputShape);

    bool isNull() const { return !m_impl; }
    QString modelPath() const;
    QString inputName() const;
    QList<qint64> inputShape() const;
    /** The cut tensors in the order run() returns them. */
    QStringList outputNames() const;
    /** One line per rewrite made for OpenCV (empty when the model loaded as cut). */
    QStringList rewrites() const;
    /** The cut model before the OpenCV rewrites: what tpu-mlir converts (for other runtimes). */
    QByteArray cutModel() const;

    /** One FP32 forward; the outputs come in outputNames() order. */
    Expected<QList<OutputTensor>> run(const InputTensor &input) const;

private:
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

} // namespace Mcw::Core
