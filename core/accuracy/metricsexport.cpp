// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricsexport.h"

#include <core/atomicfile.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Mcw::Core {

static QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n'))) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

static QString number(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'g', 17);
}

QByteArray MetricsExport::toCsv(const QList<LayerMetrics> &layers)
{
    QString out = QStringLiteral(
        "index,stage,tensor,onnx_tensor,op_type,status,passed,cosine,euclidean,sqnr\n");
    for (const LayerMetrics &m : layers) {
        const QStringList fields = {QString::number(m.index),
                                    accuracyStageName(m.stage),
                                    csvField(m.tensorName),
                                    csvField(m.onnxTensorName),
                                    csvField(m.opType),
                                    compareStatusToken(m.status),
                                    m.passed ? QStringLiteral("true") : QStringLiteral("false"),
                                    number(m.cosine),
                                    number(m.euclidean),
                                    number(m.sqnr)};
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

static QJsonValue jsonNumber(double v)
{
    if (std::isfinite(v))
        return v;
    return number(v); // JSON has no inf/nan
}

static QJsonObject
item(const QString &target, const QString &name, const QJsonValue &value, const QString &type)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), QStringLiteral("value"));
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("value"), value);
    if (!type.isEmpty())
        o.insert(QStringLiteral("type"), type);
    return o;
}

QByteArray MetricsExport::toNetronAttachment(const QList<LayerMetrics> &layers)
{
    QJsonArray metadata;
    QJsonArray metrics;
    for (const LayerMetrics &m : layers) {
        // Netron keys values by name and truncates at a newline; such a name cannot match.
        if (m.onnxTensorName.contains(QLatin1Char('\n')))
            continue;
        const QString stage = accuracyStageName(m.stage);
        const QString t = m.onnxTensorName;
        metadata.append(
            item(t, QStringLiteral("tpu-mlir tensor (%1)").arg(stage), m.tensorName, {}));
        metadata.append(
            item(t, QStringLiteral("status (%1)").arg(stage), compareStatusToken(m.status), {}));
        metrics.append(item(t,
                            QStringLiteral("cosine (%1)").arg(stage),
                            jsonNumber(m.cosine),
                            QStringLiteral("float64")));
        metrics.append(item(t,
                            QStringLiteral("euclidean (%1)").arg(stage),
                            jsonNumber(m.euclidean),
                            QStringLiteral("float64")));
        metrics.append(item(t,
                            QStringLiteral("sqnr dB (%1)").arg(stage),
                            jsonNumber(m.sqnr),
                            QStringLiteral("float64")));
    }
    QJsonObject root;
    root.insert(QStringLiteral("signature"), QStringLiteral("netron:attachment"));
    root.insert(QStringLiteral("metadata"), metadata);
    root.insert(QStringLiteral("metrics"), metrics);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Expected<void> MetricsExport::writeCsv(const QString &path, const QList<LayerMetrics> &layers)
{
    return writeFileAtomically(path, toCsv(layers));
}

Expected<void> MetricsExport::writeNetronAttachment(const QString &path,
                                                    const QList<LayerMetrics> &layers)
{
    return writeFileAtomically(path, toNetronAttachment(layers));
}

} // namespace Mcw::Core
