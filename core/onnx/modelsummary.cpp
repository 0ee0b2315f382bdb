// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelsummary.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

namespace Mcw::Core {

static QString opsetDomain(const OpsetImport &op)
{
    return op.domain.isEmpty() ? QStringLiteral("ai.onnx") : op.domain;
}

// Static dims as numbers, symbolic ones by name, unknown ones as null; null for an unknown rank.
static QJsonValue shapeJson(const Shape &shape)
{
    if (!shape.known)
        return QJsonValue::Null;
    QJsonArray dims;
    for (const Dim &d : shape.dims) {
        if (d.isStatic())
            dims.append(double(d.value));
        else if (!d.symbol.isEmpty())
            dims.append(d.symbol);
        else
            dims.append(QJsonValue::Null);
    }
    return dims;
}

static QList<ModelSummary::TensorInfo> tensorInfos(const Graph &graph, const QStringList &names)
{
    QList<ModelSummary::TensorInfo> list;
    for (const QString &name : names) {
        const Tensor *t = graph.tensor(name);
        list.append({name, dataTypeName(t ? t->type : DataType::Undefined), t ? t->shape : Shape()});
    }
    return list;
}

static QJsonArray tensorsJson(const QList<ModelSummary::TensorInfo> &tensors)
{
    QJsonArray list;
    for (const ModelSummary::TensorInfo &t : tensors) {
        list.append(QJsonObject{{QStringLiteral("name"), t.name},
                                {QStringLiteral("dtype"), t.dtype},
                                {QStringLiteral("shape"), shapeJson(t.shape)}});
    }
    return list;
}

static QJsonArray namesJson(const QList<ModelSummary::TensorInfo> &tensors)
{
    QJsonArray list;
    for (const ModelSummary::TensorInfo &t : tensors)
        list.append(t.name);
    return list;
}

QString ModelSummary::TensorInfo::text() const
{
    return tensorTypeText(dtype, shape);
}

ModelSummary ModelSummary::of(const Graph &graph)
{
    return of(graph, detectFamily(graph));
}

ModelSummary ModelSummary::of(const Graph &graph, const FamilyDetection &family)
{
    ModelSummary s;
    s.file = graph.filePath();
    s.fileSize = graph.fileSize();
    s.irVersion = graph.irVersion();
    s.opsets = graph.opsetImports();
    s.producerName = graph.producerName();
    s.producerVersion = graph.producerVersion();
    s.graphName = graph.graphName();
    s.inputs = tensorInfos(graph, graph.inputNames());
    s.outputs = tensorInfos(graph, graph.outputNames());
    s.nodeCount = int(graph.nodes().size());
    const QHash<QString, int> ops = graph.opHistogram();
    for (auto it = ops.cbegin(); it != ops.cend(); ++it)
        s.opCounts.append({it.key(), it.value()});
    std::sort(s.opCounts.begin(), s.opCounts.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    s.initializerCount = int(graph.initializerNames().size());
    s.parameterCount = graph.parameterCount();
    s.metadata = graph.modelMetadata();
    s.family = family;
    s.recommendedCut = tensorInfos(graph, family.recommendedOutputs);
    s.alternativeCut = tensorInfos(graph, family.alternativeOutputs);
    return s;
}

QJsonObject ModelSummary::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("schema_version"), schemaVersion);
    o.insert(QStringLiteral("file"), file);
    o.insert(QStringLiteral("file_size"), double(fileSize));
    o.insert(QStringLiteral("ir_version"), double(irVersion));
    QJsonArray opsetList;
    for (const OpsetImport &op : opsets) {
        opsetList.append(QJsonObject{{QStringLiteral("domain"), opsetDomain(op)},
                                     {QStringLiteral("version"), double(op.version)}});
    }
    o.insert(QStringLiteral("opsets"), opsetList);
    o.insert(QStringLiteral("producer"), QJsonObject{{QStringLiteral("name"), producerName},
                                                     {QStringLiteral("version"), producerVersion}});
    o.insert(QStringLiteral("graph_name"), graphName);
    o.insert(QStringLiteral("inputs"), tensorsJson(inputs));
    o.insert(QStringLiteral("outputs"), tensorsJson(outputs));
    o.insert(QStringLiteral("node_count"), nodeCount);
    QJsonObject histogram;
    for (const auto &[op, count] : opCounts)
        histogram.insert(op, count);
    o.insert(QStringLiteral("op_histogram"), histogram);
    o.insert(QStringLiteral("initializer_count"), initializerCount);
    o.insert(QStringLiteral("parameter_count"), double(parameterCount));
    QJsonObject meta;
    for (const MetadataEntry &e : metadata)
        meta.insert(e.key, e.value);
    o.insert(QStringLiteral("metadata"), meta);
    o.insert(QStringLiteral("family"), family.family);
    o.insert(QStringLiteral("task"), family.task);
    o.insert(QStringLiteral("class_count"), family.classCount);
    o.insert(QStringLiteral("recommended_outputs"), namesJson(recommendedCut));
    o.insert(QStringLiteral("alternative_outputs"), namesJson(alternativeCut));
    o.insert(QStringLiteral("family_reason"), family.reason);
    return o;
}

QString ModelSummary::toText() const
{
    QStringList lines;
    auto line = [&lines](const QString &key, const QString &value) {
        lines.append(QStringLiteral("%1 %2").arg(key + QLatin1Char(':'), -20).arg(value).trimmed());
    };
    line(QStringLiteral("File"), file);
    line(QStringLiteral("IR version"), QString::number(irVersion));
    QStringList opsetText;
    for (const OpsetImport &op : opsets)
        opsetText.append(QStringLiteral("%1 %2").arg(opsetDomain(op)).arg(op.version));
    line(QStringLiteral("Opsets"), opsetText.join(QStringLiteral(", ")));
    line(QStringLiteral("Producer"), QStringLiteral("%1 %2").arg(producerName, producerVersion).trimmed());
    for (const auto &[title, tensors] : {std::pair{QStringLiteral("Inputs"), &inputs},
                                         std::pair{QStringLiteral("Outputs"), &outputs}}) {
        line(title, QString::number(tensors->size()));
        for (const TensorInfo &t : *tensors)
            lines.append(QStringLiteral("  %1  %2").arg(t.name, t.text()));
    }
    line(QStringLiteral("Nodes"), QString::number(nodeCount));
    line(QStringLiteral("Parameters"), QString::number(parameterCount));
    QStringList opText;
    for (const auto &[op, count] : opCounts)
        opText.append(QStringLiteral("%1 %2").arg(op).arg(count));
    line(QStringLiteral("Operators"), opText.join(QStringLiteral(", ")));
    QMap<QString, QString> meta; // sorted by key, a repeated key keeps its last value (as in JSON)
    for (const MetadataEntry &e : metadata)
        meta.insert(e.key, e.value);
    if (!meta.isEmpty()) {
        line(QStringLiteral("Metadata"), QString::number(meta.size()));
        for (auto it = meta.cbegin(); it != meta.cend(); ++it) {
            QString value = it.value();
            if (value.size() > 100)
                value = value.left(97) + QStringLiteral("...");
            lines.append(QStringLiteral("  %1 = %2").arg(it.key(), value));
        }
    }
    line(QStringLiteral("Family"), family.family + (family.task.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(family.task)));
    if (family.classCount > 0)
        line(QStringLiteral("Classes"), QString::number(family.classCount));
    for (const auto &[title, cut] : {std::pair{QStringLiteral("Recommended cut"), &recommendedCut},
                                     std::pair{QStringLiteral("Alternative cut"), &alternativeCut}}) {
        if (cut->isEmpty())
            continue;
        line(title, QString());
        for (const TensorInfo &t : *cut)
            lines.append(QStringLiteral("  %1").arg(t.name));
    }
    line(QStringLiteral("Why"), family.reason);
    return lines.join(QLatin1Char('\n'));
}

} // namespace Mcw::Core
