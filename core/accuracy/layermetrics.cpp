// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layermetrics.h"

#include <QRegularExpression>

namespace Mcw::Core {

QString accuracyStageName(AccuracyStage stage)
{
    switch (stage) {
    case AccuracyStage::Transform:
        return QStringLiteral("transform");
    case AccuracyStage::Tpu:
        return QStringLiteral("tpu");
    case AccuracyStage::Final:
        return QStringLiteral("final");
    }
    return {};
}

bool parseAccuracyStage(const QString &text, AccuracyStage *stage)
{
    for (AccuracyStage s : {AccuracyStage::Transform, AccuracyStage::Tpu, AccuracyStage::Final}) {
        if (text.compare(accuracyStageName(s), Qt::CaseInsensitive) == 0) {
            *stage = s;
            return true;
        }
    }
    return false;
}

void LayerMetrics::splitTensorName(const QString &tensorName,
                                   QString *onnxName,
                                   QString *opType,
                                   const QSet<QString> &onnxTensorNames)
{
    static const QRegularExpression suffixRe(QStringLiteral("^(.+)_([A-Z][A-Za-z0-9]*)$"));
    *onnxName = tensorName;
    opType->clear();
    if (!onnxTensorNames.isEmpty() && onnxTensorNames.contains(tensorName))
        return;
    const auto m = suffixRe.match(tensorName);
    if (!m.hasMatch())
        return;
    if (!onnxTensorNames.isEmpty() && !onnxTensorNames.contains(m.captured(1)))
        return;
    *onnxName = m.captured(1);
    *opType = m.captured(2);
}

LayerMetrics LayerMetrics::fromComparison(const TensorComparison &comparison,
                                          AccuracyStage stage,
                                          int index,
                                          const QSet<QString> &onnxTensorNames)
{
    LayerMetrics m;
    m.index = index;
    m.tensorName = comparison.name;
    splitTensorName(comparison.name, &m.onnxTensorName, &m.opType, onnxTensorNames);
    m.stage = stage;
    m.status = comparison.status;
    m.cosine = comparison.cosine;
    m.euclidean = comparison.euclidean;
    m.sqnr = comparison.sqnr;
    m.passed = comparison.passed();
    return m;
}

QuantizeTable quantizeTableForLayers(const QList<LayerMetrics> &layers, QuantizeTable::Mode mode)
{
    QStringList names;
    for (const LayerMetrics &m : layers)
        names.append(m.tensorName);
    return QuantizeTable::fromOps(names, mode);
}

} // namespace Mcw::Core
