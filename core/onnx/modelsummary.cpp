// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelsummary.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

namespace Mcw::Core {

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

static QJsonArray tensorsJson(const Graph &graph, const QStringList &names)
{
    QJsonArray list;
    for (const QString &name : names) {
        const Tensor *t = graph.tensor(name);
        QJsonObject entry;
        entry.insert(QStringLiteral("name"), name);
        entry.insert(QStringLiteral("dtype"), dataTypeName(t ? t->type : DataType::Undefined));
        entry.insert(QStringLiteral("shape"), t ? shapeJson(t->shape) : QJsonValue::Null);
        list.append(entry);
    }
    return list;
}

QJsonObject ModelSummary::toJson(const Graph &graph)
{
    return toJson(graph, detectFamily(graph));
}

QJsonObject ModelSummary::toJson(const Graph &graph, const FamilyDetection &family)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema_version"), schemaVersion);
    o.insert(QStringLiteral("file"), graph.filePath());
    o.insert(QStringLiteral("file_size"), double(graph.fileSize()));
    o.insert(QStringLiteral("ir_version"), double(graph.irVersion()));
    QJsonArray opsets;
    for (const OpsetImport &op : graph.opsetImports()) {
        opsets.append(QJsonObject{
            {QStringLiteral("domain"), op.domain.isEmpty() ? QStringLiteral("ai.onnx") : op.domain},
            {QStringLiteral("version"), double(op.version)},
        });
    }
    o.insert(QStringLiteral("opsets"), opsets);
    o.insert(QStringLiteral("producer"), QJsonObject{
                                             {QStringLiteral("name"), graph.producerName()},
                                             {QStringLiteral("version"), graph.producerVersion()},
                                         });
    o.insert(QStringLiteral("graph_name"), graph.graphName());
    o.insert(QStringLiteral("inputs"), tensorsJson(graph, graph.inputNames()));
    o.insert(QStringLiteral("outputs"), tensorsJson(graph, graph.outputNames()));
    o.insert(QStringLiteral("node_count"), int(graph.nodes().size()));
    QJsonObject histogram;
    const QHash<QString, int> ops = graph.opHistogram();
    for (auto it = ops.cbegin(); it != ops.cend(); ++it)
        histogram.insert(it.key(), it.value());
    o.insert(QStringLiteral("op_histogram"), histogram);
    o.insert(QStringLiteral("initializer_count"), int(graph.initializerNames().size()));
    o.insert(QStringLiteral("parameter_count"), double(graph.parameterCount()));
    QJsonObject metadata;
    for (const MetadataEntry &e : graph.modelMetadata())
        metadata.insert(e.key, e.value);
    o.insert(QStringLiteral("metadata"), metadata);
    o.insert(QStringLiteral("family"), family.family);
    o.insert(QStringLiteral("task"), family.task);
    o.insert(QStringLiteral("class_count"), family.classCount);
    o.insert(QStringLiteral("recommended_outputs"), QJsonArray::fromStringList(family.recommendedOutputs));
    o.insert(QStringLiteral("alternative_outputs"), QJsonArray::fromStringList(family.alternativeOutputs));
    o.insert(QStringLiteral("family_reason"), family.reason);
    return o;
}

QString ModelSummary::tensorText(const QJsonObject &tensor)
{
    const QJsonValue shape = tensor.value(QStringLiteral("shape"));
    QStringList dims;
    for (const QJsonValue &d : shape.toArray()) {
        if (d.isDouble())
            dims.append(QString::number(qint64(d.toDouble())));
        else if (d.isString())
            dims.append(d.toString());
        else
            dims.append(QStringLiteral("?"));
    }
    return QStringLiteral("%1[%2]").arg(tensor.value(QStringLiteral("dtype")).toString(),
                                        shape.isNull() ? QStringLiteral("?") : dims.join(QLatin1Char(',')));
}

QString ModelSummary::toText(const QJsonObject &s)
{
    QStringList lines;
    auto line = [&lines](const QString &key, const QString &value) {
        lines.append(QStringLiteral("%1 %2").arg(key + QLatin1Char(':'), -20).arg(value).trimmed());
    };
    line(QStringLiteral("File"), s.value(QStringLiteral("file")).toString());
    line(QStringLiteral("IR version"), QString::number(s.value(QStringLiteral("ir_version")).toInt()));
    QStringList opsets;
    for (const QJsonValue &v : s.value(QStringLiteral("opsets")).toArray()) {
        const QJsonObject op = v.toObject();
        opsets.append(QStringLiteral("%1 %2").arg(op.value(QStringLiteral("domain")).toString())
                          .arg(op.value(QStringLiteral("version")).toInt()));
    }
    line(QStringLiteral("Opsets"), opsets.join(QStringLiteral(", ")));
    const QJsonObject producer = s.value(QStringLiteral("producer")).toObject();
    line(QStringLiteral("Producer"), QStringLiteral("%1 %2")
                                         .arg(producer.value(QStringLiteral("name")).toString(),
                                              producer.value(QStringLiteral("version")).toString())
                                         .trimmed());
    for (const QString &key : {QStringLiteral("inputs"), QStringLiteral("outputs")}) {
        const QJsonArray tensors = s.value(key).toArray();
        const QString title = key == QLatin1String("inputs") ? QStringLiteral("Inputs") : QStringLiteral("Outputs");
        line(title, QString::number(tensors.size()));
        for (const QJsonValue &v : tensors) {
            const QJsonObject t = v.toObject();
            lines.append(QStringLiteral("  %1  %2").arg(t.value(QStringLiteral("name")).toString(), tensorText(t)));
        }
    }
    line(QStringLiteral("Nodes"), QString::number(s.value(QStringLiteral("node_count")).toInt()));
    line(QStringLiteral("Parameters"), QString::number(qint64(s.value(QStringLiteral("parameter_count")).toDouble())));
    const QJsonObject histogram = s.value(QStringLiteral("op_histogram")).toObject();
    QList<QPair<int, QString>> ops;
    for (auto it = histogram.begin(); it != histogram.end(); ++it)
        ops.append({-it.value().toInt(), it.key()});
    std::sort(ops.begin(), ops.end());
    QStringList opText;
    for (const auto &op : std::as_const(ops))
        opText.append(QStringLiteral("%1 %2").arg(op.second).arg(-op.first));
    line(QStringLiteral("Operators"), opText.join(QStringLiteral(", ")));
    const QJsonObject metadata = s.value(QStringLiteral("metadata")).toObject();
    if (!metadata.isEmpty()) {
        line(QStringLiteral("Metadata"), QString::number(metadata.size()));
        for (auto it = metadata.begin(); it != metadata.end(); ++it) {
            QString value = it.value().toString();
            if (value.size() > 100)
                value = value.left(97) + QStringLiteral("...");
            lines.append(QStringLiteral("  %1 = %2").arg(it.key(), value));
        }
    }
    const QString task = s.value(QStringLiteral("task")).toString();
    line(QStringLiteral("Family"), s.value(QStringLiteral("family")).toString()
                                       + (task.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(task)));
    const int classes = s.value(QStringLiteral("class_count")).toInt();
    if (classes > 0)
        line(QStringLiteral("Classes"), QString::number(classes));
    auto list = [&](const QString &title, const QString &key) {
        const QJsonArray names = s.value(key).toArray();
        if (names.isEmpty())
            return;
        line(title, QString());
        for (const QJsonValue &v : names)
            lines.append(QStringLiteral("  %1").arg(v.toString()));
    };
    list(QStringLiteral("Recommended cut"), QStringLiteral("recommended_outputs"));
    list(QStringLiteral("Alternative cut"), QStringLiteral("alternative_outputs"));
    line(QStringLiteral("Why"), s.value(QStringLiteral("family_reason")).toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace Mcw::Core
