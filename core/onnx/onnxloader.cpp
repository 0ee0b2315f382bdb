// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "onnxloader.h"
#include "graphdata.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <onnx/shape_inference/implementation.h>

#include <google/protobuf/io/coded_stream.h>

#include <exception>

namespace Mcw::Core {

static QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

static Unexpected fail(const QString &path, const QString &problem)
{
    return makeError(Error::Code::InvalidInput, QStringLiteral("%1: %2").arg(path, problem));
}

static Shape shapeFromType(const onnx::TypeProto &type)
{
    Shape shape;
    if (!type.has_tensor_type() || !type.tensor_type().has_shape())
        return shape;
    shape.known = true;
    for (const auto &dim : type.tensor_type().shape().dim()) {
        Dim d;
        if (dim.has_dim_value())
            d.value = dim.dim_value();
        else if (dim.has_dim_param())
            d.symbol = qs(dim.dim_param());
        shape.dims.append(d);
    }
    return shape;
}

static Attribute convertAttribute(const onnx::AttributeProto &proto)
{
    Attribute a;
    a.name = qs(proto.name());
    using AP = onnx::AttributeProto;
    switch (proto.type()) {
    case AP::FLOAT: a.kind = Attribute::Kind::Float; a.f = proto.f(); break;
    case AP::INT: a.kind = Attribute::Kind::Int; a.i = proto.i(); break;
    case AP::STRING: a.kind = Attribute::Kind::String; a.s = QByteArray::fromStdString(proto.s()); break;
    case AP::TENSOR:
        a.kind = Attribute::Kind::Tensor;
        a.tensorType = static_cast<DataType>(proto.t().data_type());
        for (qint64 d : proto.t().dims())
            a.tensorDims.append(d);
        break;
    case AP::GRAPH: a.kind = Attribute::Kind::Graph; break;
    case AP::FLOATS:
        a.kind = Attribute::Kind::Floats;
        for (float v : proto.floats())
            a.floats.append(v);
        break;
    case AP::INTS:
        a.kind = Attribute::Kind::Ints;
        for (qint64 v : proto.ints())
            a.ints.append(v);
        break;
    case AP::STRINGS:
        a.kind = Attribute::Kind::Strings;
        for (const std::string &v : proto.strings())
            a.strings.append(QByteArray::fromStdString(v));
        break;
    default: a.kind = Attribute::Kind::Other; break;
    }
    return a;
}

// Kahn's algorithm; returns false (and leaves `order` partial) when the graph has a cycle.
static bool topologicalSort(const Graph::Data &data, QList<int> &order, int &cycleNode)
{
    const int n = int(data.nodes.size());
    QList<int> indegree(n, 0);
    QList<QList<int>> successors(n);
    for (const Node &node : data.nodes) {
        QSet<int> producers;
        for (const QString &input : node.inputs) {
            if (input.isEmpty())
                continue;
            const int producer = data.tensors.at(data.tensorByName.value(input)).producer;
            if (producer >= 0 && !producers.contains(producer)) {
                producers.insert(producer);
                successors[producer].append(node.index);
                ++indegree[node.index];
            }
        }
    }
    QList<int> ready;
    for (int i = n - 1; i >= 0; --i) {
        if (indegree[i] == 0)
            ready.append(i);
    }
    order.clear();
    order.reserve(n);
    // Pop the lowest index first so the order stays close to file order and deterministic.
    while (!ready.isEmpty()) {
        const int current = ready.takeLast();
        order.append(current);
        const QList<int> &next = successors[current];
        for (int s : next) {
            if (--indegree[s] == 0) {
                auto pos = std::lower_bound(ready.begin(), ready.end(), s, std::greater<int>());
                ready.insert(pos, s);
            }
        }
    }
    if (order.size() == n)
        return true;
    cycleNode = -1;
    for (int i = 0; i < n; ++i) {
        if (indegree[i] > 0) {
            cycleNode = i;
            break;
        }
    }
    return false;
}

static Expected<Graph> buildGraph(std::shared_ptr<onnx::ModelProto> model, const QString &path,
                                  qint64 fileSize)
{
    auto data = std::make_shared<Graph::Data>();
    data->filePath = path;
    data->fileSize = fileSize;
    data->baseDir = QFileInfo(path).absolutePath();

    for (const auto &opset : model->opset_import())
        data->opsets.append(OpsetImport{qs(opset.domain()), opset.version()});
    for (const auto &entry : model->metadata_props())
        data->modelMetadata.append(MetadataEntry{qs(entry.key()), qs(entry.value())});
    const onnx::GraphProto &graph = model->graph();

    auto ensureTensor = [&](const QString &name) -> Tensor & {
        auto it = data->tensorByName.constFind(name);
        if (it != data->tensorByName.constEnd())
            return data->tensors[*it];
        data->tensorByName.insert(name, int(data->tensors.size()));
        data->tensors.append(Tensor{});
        data->tensors.back().name = name;
        return data->tensors.back();
    };
    auto applyValueInfo = [&](const onnx::ValueInfoProto &info) {
        Tensor &t = ensureTensor(qs(info.name()));
        if (info.type().has_tensor_type()) {
            t.type = static_cast<DataType>(info.type().tensor_type().elem_type());
            const Shape shape = shapeFromType(info.type());
            if (shape.known)
                t.shape = shape;
        }
        return &t;
    };

    QSet<QString> initializerNames;
    for (const auto &init : graph.initializer()) {
        const QString name = qs(init.name());
        if (name.isEmpty())
            return fail(path, QStringLiteral("an initializer has no name."));
        if (initializerNames.contains(name))
            return fail(path, QStringLiteral("the initializer %1 is defined twice.").arg(name));
        initializerNames.insert(name);
        Tensor &t = ensureTensor(name);
        t.isInitializer = true;
        t.type = static_cast<DataType>(init.data_type());
        QList<qint64> dims;
        for (qint64 d : init.dims()) {
            if (d < 0 || d > (qint64(1) << 40))
                return fail(path, QStringLiteral("the initializer %1 has the absurd dimension %2.")
                                      .arg(name)
                                      .arg(d));
            dims.append(d);
        }
        t.shape = Shape::fromStatic(dims);
        data->initializers.append(name);
        data->dataByName.insert(name, &init);
    }
    for (const auto &input : graph.input()) {
        Tensor *t = applyValueInfo(input);
        if (!initializerNames.contains(t->name)) {
            t->isGraphInput = true;
            data->inputs.append(t->name);
        }
    }
    for (const auto &info : graph.value_info())
        applyValueInfo(info);

    QHash<QString, int> nameCount;
    for (const auto &nodeProto : graph.node()) {
        if (!nodeProto.name().empty())
            ++nameCount[qs(nodeProto.name())];
    }

    for (int i = 0; i < graph.node_size(); ++i) {
        const onnx::NodeProto &proto = graph.node(i);
        Node node;
        node.index = i;
        node.name = qs(proto.name());
        node.opType = qs(proto.op_type());
        node.domain = qs(proto.domain());
        node.id = (!node.name.isEmpty() && nameCount.value(node.name) == 1)
                      ? node.name
                      : QStringLiteral("%1_%2").arg(node.opType).arg(i);
        for (const auto &attr : proto.attribute())
            node.attributes.append(convertAttribute(attr));
        for (const std::string &input : proto.input())
            node.inputs.append(qs(input));
        for (const std::string &output : proto.output()) {
            const QString name = qs(output);
            node.outputs.append(name);
            if (name.isEmpty())
                continue;
            Tensor &t = ensureTensor(name);
            if (t.producer >= 0 || t.isInitializer || t.isGraphInput) {
                return fail(path, QStringLiteral("the tensor %1 is produced more than once "
                                                 "(node %2).")
                                      .arg(name, node.id));
            }
            t.producer = i;
            if (node.opType == QLatin1String("Constant") && node.domain.isEmpty()) {
                t.isConstant = true;
                for (const auto &attr : proto.attribute()) {
                    if (attr.name() == "value" && attr.has_t()) {
                        t.type = static_cast<DataType>(attr.t().data_type());
                        QList<qint64> dims(attr.t().dims().begin(), attr.t().dims().end());
                        t.shape = Shape::fromStatic(dims);
                        data->dataByName.insert(name, &attr.t());
                    }
                }
            }
        }
        if (data->nodeById.contains(node.id))
            node.id = QStringLiteral("%1_%2").arg(node.opType).arg(i);
        data->nodeById.insert(node.id, i);
        if (!node.name.isEmpty() && !data->nodeById.contains(node.name))
            data->nodeById.insert(node.name, i);
        data->nodes.append(node);
    }

    // Consumers, and inputs that nobody defines.
    for (const Node &node : std::as_const(data->nodes)) {
        for (const QString &input : node.inputs) {
            if (input.isEmpty())
                continue;
            auto it = data->tensorByName.constFind(input);
            if (it == data->tensorByName.constEnd()) {
                return fail(path, QStringLiteral("node %1 reads the tensor %2, which nothing "
                                                 "defines.")
                                      .arg(node.id, input));
            }
            Tensor &t = data->tensors[*it];
            if (t.producer < 0 && !t.isInitializer && !t.isGraphInput) {
                return fail(path, QStringLiteral("node %1 reads the tensor %2, which nothing "
                                                 "defines.")
                                      .arg(node.id, input));
            }
            if (t.consumers.isEmpty() || t.consumers.back() != node.index)
                t.consumers.append(node.index);
        }
    }
    for (const auto &output : graph.output()) {
        const QString name = qs(output.name());
        if (!data->tensorByName.contains(name))
            return fail(path, QStringLiteral("the graph output %1 is never produced.").arg(name));
        Tensor *t = applyValueInfo(output);
        t->isGraphOutput = true;
        data->outputs.append(name);
    }

    int cycleNode = -1;
    if (!topologicalSort(*data, data->topoOrder, cycleNode)) {
        return fail(path, QStringLiteral("the graph has a cycle through node %1.")
                              .arg(cycleNode >= 0 ? data->nodes.at(cycleNode).id : QString()));
    }

    data->model = std::move(model);
    return Graph(std::shared_ptr<const Graph::Data>(std::move(data)));
}

Expected<Graph> OnnxLoader::loadFile(const QString &path)
{
    return loadFile(path, Options{});
}

Expected<Graph> OnnxLoader::loadFile(const QString &path, const Options &options)
{
    QFile file(path);
    if (!file.exists())
        return makeError(Error::Code::NotFound, QStringLiteral("%1: the file does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(path, QStringLiteral("the file cannot be read (%1).").arg(file.errorString()));
    if (file.size() == 0)
        return fail(path, QStringLiteral("the file is empty."));
    // protobuf cannot parse a single message over 2 GiB; such models must use external data.
    if (file.size() >= (qint64(1) << 31)) {
        return fail(path, QStringLiteral("the file is over 2 GiB; ONNX models that large must keep "
                                         "their weights in external data files."));
    }
    const QByteArray bytes = file.readAll();
    return loadBytes(bytes, path, options);
}

Expected<Graph> OnnxLoader::loadBytes(const QByteArray &bytes, const QString &displayPath)
{
    return loadBytes(bytes, displayPath, Options{});
}

Expected<Graph> OnnxLoader::loadBytes(const QByteArray &bytes, const QString &displayPath,
                                      const Options &options)
{
    const QString &path = displayPath;
    if (bytes.isEmpty())
        return fail(path, QStringLiteral("the file is empty."));
    auto model = std::make_shared<onnx::ModelProto>();
    google::protobuf::io::CodedInputStream stream(reinterpret_cast<const quint8 *>(bytes.constData()),
                                                  int(bytes.size()));
    stream.SetTotalBytesLimit(INT_MAX);
    stream.SetRecursionLimit(64);
    if (!model->ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage())
        return fail(path, QStringLiteral("the file is not an ONNX model (protobuf parsing failed; "
                                         "truncated or not ONNX)."));
    if (!model->has_graph() || model->ir_version() <= 0)
        return fail(path, QStringLiteral("the file is not an ONNX model (no graph or IR version)."));
    if (model->ir_version() > 10) {
        return fail(path, QStringLiteral("IR version %1 is not supported (at most 10).")
                              .arg(model->ir_version()));
    }
    for (const auto &opset : model->opset_import()) {
        if ((opset.domain().empty() || opset.domain() == "ai.onnx") && opset.version() > 23) {
            return fail(path, QStringLiteral("opset %1 is not supported (at most 23).")
                                  .arg(opset.version()));
        }
    }

    if (!options.inputShapes.isEmpty()) {
        for (auto &input : *model->mutable_graph()->mutable_input()) {
            const auto it = options.inputShapes.constFind(qs(input.name()));
            if (it == options.inputShapes.constEnd())
                continue;
            auto *shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
            shape->clear_dim();
            for (qint64 d : *it)
                shape->add_dim()->set_dim_value(d);
        }
        model->mutable_graph()->clear_value_info();
    }

    if (options.inferShapes) {
        // Inference is advisory: a model it cannot fully handle still opens with fewer shapes.
        try {
            onnx::ShapeInferenceOptions inferenceOptions(false, 0, true);
            onnx::shape_inference::InferShapes(*model, onnx::OpSchemaRegistry::Instance(),
                                               inferenceOptions);
        } catch (const std::exception &) {
        }
    }
    const qint64 size = bytes.size();
    return buildGraph(std::move(model), path, size);
}

} // namespace Mcw::Core
