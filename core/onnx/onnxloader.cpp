// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "onnxloader.h"
#include "graphdata.h"
#include "shapefolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QVarLengthArray>

#include <google/protobuf/io/coded_stream.h>

#include <climits>
#include <optional>
#include <queue>
#include <string_view>
#include <unordered_map>

namespace Mcw::Core {

// Limits beyond which a dimension or element count is treated as corrupt, not as a model.
static constexpr qint64 s_maxDim = qint64(1) << 40;
static constexpr qint64 s_maxElements = qint64(1) << 50;
static constexpr qint64 s_maxIrVersion = 11;
static constexpr qint64 s_maxOpset = 23;

static std::optional<qint64> checkedCount(const QList<qint64> &dims);

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
        if (dim.has_dim_value() && dim.dim_value() >= 0 && dim.dim_value() <= s_maxDim)
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
        QVarLengthArray<int, 8> producers; // nodes have few inputs: a linear scan beats a set
        for (const QString &input : node.inputs) {
            if (input.isEmpty())
                continue;
            const int producer = data.tensors.at(data.tensorByName.value(input)).producer;
            if (producer >= 0 && !producers.contains(producer)) {
                producers.append(producer);
                successors[producer].append(node.index);
                ++indegree[node.index];
            }
        }
    }
    // Pop the lowest index first so the order stays close to file order and deterministic.
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    for (int i = 0; i < n; ++i) {
        if (indegree[i] == 0)
            ready.push(i);
    }
    order.clear();
    order.reserve(n);
    while (!ready.empty()) {
        const int current = ready.top();
        ready.pop();
        order.append(current);
        for (int s : successors[current]) {
            if (--indegree[s] == 0)
                ready.push(s);
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

// Builds the graph value and checks its structure (names, producers, cycles). The model itself is
// attached later, after shape inference: `data` points into it, so it must outlive `data`.
static Expected<std::shared_ptr<Graph::Data>> buildGraph(const onnx::ModelProto *model,
                                                         const QString &path, qint64 fileSize)
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
    qsizetype tensorEstimate = graph.initializer_size() + graph.input_size();
    for (const auto &nodeProto : graph.node())
        tensorEstimate += nodeProto.output_size();
    data->tensors.reserve(tensorEstimate);
    data->tensorByName.reserve(tensorEstimate);
    data->nodes.reserve(graph.node_size());
    data->nodeById.reserve(graph.node_size() * 2);

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

    std::unordered_map<std::string_view, int> nameCount;
    nameCount.reserve(size_t(graph.node_size()));
    for (const auto &nodeProto : graph.node()) {
        if (!nodeProto.name().empty())
            ++nameCount[nodeProto.name()];
    }

    for (int i = 0; i < graph.node_size(); ++i) {
        const onnx::NodeProto &proto = graph.node(i);
        Node node;
        node.index = i;
        node.name = qs(proto.name());
        node.opType = qs(proto.op_type());
        node.domain = qs(proto.domain());
        node.id = (!node.name.isEmpty() && nameCount[proto.name()] == 1)
                      ? node.name
                      : QStringLiteral("%1_%2").arg(node.opType).arg(i);
        node.attributes.reserve(proto.attribute_size());
        for (const auto &attr : proto.attribute())
            node.attributes.append(convertAttribute(attr));
        node.inputs.reserve(proto.input_size());
        for (const std::string &input : proto.input())
            node.inputs.append(qs(input));
        node.outputs.reserve(proto.output_size());
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
        data->nodes.append(std::move(node));
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

    return data;
}

// Applies the types and shapes shape inference found (initializer and Constant shapes are exact
// and stay).
static void applyInferredShapes(Graph::Data &data, const onnx::GraphProto &graph)
{
    auto apply = [&data](const onnx::ValueInfoProto &info) {
        const auto it = data.tensorByName.constFind(qs(info.name()));
        if (it == data.tensorByName.constEnd() || !info.type().has_tensor_type())
            return;
        Tensor &t = data.tensors[*it];
        if (t.isInitializer || t.isConstant)
            return;
        if (info.type().tensor_type().elem_type() != 0)
            t.type = static_cast<DataType>(info.type().tensor_type().elem_type());
        Shape shape = shapeFromType(info.type());
        // Inference may multiply absurd constants into absurd shapes: keep the rank only.
        if (shape.isStatic() && !checkedCount(shape.values())) {
            for (Dim &d : shape.dims)
                d = Dim{};
        }
        if (shape.known)
            t.shape = shape;
    };
    for (const auto &info : graph.input())
        apply(info);
    for (const auto &info : graph.value_info())
        apply(info);
    for (const auto &info : graph.output())
        apply(info);
}

// Element count of static dims; nullopt when a dim is negative or absurdly large.
static std::optional<qint64> checkedCount(const QList<qint64> &dims)
{
    qint64 count = 1;
    for (qint64 d : dims) {
        if (d < 0 || d > s_maxDim || (d > 0 && count > s_maxElements / d))
            return std::nullopt;
        count *= d;
    }
    return count;
}

static QString dimsText(const QList<qint64> &dims)
{
    QStringList parts;
    for (qint64 d : dims)
        parts.append(QString::number(d));
    return QStringLiteral("[%1]").arg(parts.join(QLatin1Char(',')));
}

// How many values the typed (non-raw) fields of a tensor hold.
static qint64 typedValueCount(const onnx::TensorProto &proto)
{
    using TP = onnx::TensorProto;
    switch (proto.data_type()) {
    case TP::FLOAT: return proto.float_data_size();
    case TP::COMPLEX64: return proto.float_data_size() / 2;
    case TP::DOUBLE: return proto.double_data_size();
    case TP::COMPLEX128: return proto.double_data_size() / 2;
    case TP::INT64: return proto.int64_data_size();
    case TP::UINT32:
    case TP::UINT64: return proto.uint64_data_size();
    case TP::STRING: return proto.string_data_size();
    default: return proto.int32_data_size();
    }
}

// Checks one stored tensor (initializer or Constant value): sane dims and data that is there.
static std::optional<QString> checkTensorData(const onnx::TensorProto &proto, const QString &what,
                                              const QString &baseDir)
{
    const QList<qint64> dims(proto.dims().begin(), proto.dims().end());
    const auto count = checkedCount(dims);
    if (!count)
        return QStringLiteral("%1 has the absurd shape %2.").arg(what, dimsText(dims));
    const qint64 typeSize = dataTypeSize(static_cast<DataType>(proto.data_type()));
    const bool knownType = proto.data_type() >= 1 && proto.data_type() <= 16;
    if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
        QString location;
        qint64 offset = 0;
        qint64 length = -1;
        bool numbersOk = true;
        for (const auto &entry : proto.external_data()) {
            bool ok = true;
            if (entry.key() == "location")
                location = qs(entry.value());
            else if (entry.key() == "offset")
                offset = qs(entry.value()).toLongLong(&ok);
            else if (entry.key() == "length")
                length = qs(entry.value()).toLongLong(&ok);
            numbersOk = numbersOk && ok;
        }
        if (location.isEmpty())
            return QStringLiteral("%1 has external data without a location.").arg(what);
        // Like the ONNX checker: external data must stay inside the model's folder.
        if (QDir::isAbsolutePath(location) || location.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            return QStringLiteral("%1 refers to external data outside the model's folder (%2).")
                .arg(what, location);
        if (!numbersOk || offset < 0 || length < -1)
            return QStringLiteral("%1 has an invalid external data offset or length.").arg(what);
        if (length < 0)
            length = typeSize > 0 ? *count * typeSize : 0;
        const QFileInfo file(QDir(baseDir).filePath(location));
        if (!file.exists())
            return QStringLiteral("the external data file %1 of %2 is missing.").arg(location, what);
        if (offset > file.size() || length > file.size() - offset)
            return QStringLiteral("the external data file %1 is too short for %2 (needs %3 bytes "
                                  "from offset %4, has %5).")
                .arg(location, what)
                .arg(length)
                .arg(offset)
                .arg(file.size());
        return std::nullopt;
    }
    // The ONNX checker requires an element type; without one no size check is possible and
    // libonnx would take the declared dims on trust (found by fuzzing).
    if (proto.data_type() == onnx::TensorProto::UNDEFINED)
        return QStringLiteral("%1 has no element type.").arg(what);
    if (!knownType || typeSize == 0)
        return std::nullopt;
    if (proto.has_raw_data()) {
        if (qint64(proto.raw_data().size()) != *count * typeSize)
            return QStringLiteral("%1 holds %2 bytes but its shape %3 needs %4.")
                .arg(what)
                .arg(proto.raw_data().size())
                .arg(dimsText(dims))
                .arg(*count * typeSize);
    } else if (typedValueCount(proto) != *count) {
        return QStringLiteral("%1 holds %2 values but its shape %3 needs %4.")
            .arg(what)
            .arg(typedValueCount(proto))
            .arg(dimsText(dims))
            .arg(*count);
    }
    return std::nullopt;
}

static std::optional<QString> checkValueInfo(const onnx::ValueInfoProto &info)
{
    if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
        return std::nullopt;
    QList<qint64> dims;
    for (const auto &dim : info.type().tensor_type().shape().dim()) {
        if (dim.has_dim_value())
            dims.append(dim.dim_value());
    }
    if (!checkedCount(dims))
        return QStringLiteral("the tensor %1 is declared with the absurd shape %2.")
            .arg(qs(info.name()), dimsText(dims));
    return std::nullopt;
}

// Data and dims the file itself declares; inferred shapes are checked separately (advisory).
static std::optional<QString> checkTensors(const onnx::ModelProto &model, const QString &baseDir)
{
    const onnx::GraphProto &graph = model.graph();
    for (const auto &init : graph.initializer()) {
        const QString what = QStringLiteral("the initializer %1").arg(qs(init.name()));
        if (auto problem = checkTensorData(init, what, baseDir))
            return problem;
    }
    for (const auto &node : graph.node()) {
        for (const auto &attr : node.attribute()) {
            if (!attr.has_t())
                continue;
            const QString what = QStringLiteral("the constant %1 of node %2")
                                     .arg(qs(attr.name()), qs(node.name()));
            if (auto problem = checkTensorData(attr.t(), what, baseDir))
                return problem;
        }
    }
    for (const auto *list : {&graph.input(), &graph.output(), &graph.value_info()}) {
        for (const auto &info : *list) {
            if (auto problem = checkValueInfo(info))
                return problem;
        }
    }
    return std::nullopt;
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
    if (model->ir_version() > s_maxIrVersion) {
        return fail(path, QStringLiteral("IR version %1 is not supported (at most %2).")
                              .arg(model->ir_version())
                              .arg(s_maxIrVersion));
    }
    if (model->opset_import_size() == 0 && model->ir_version() >= 3)
        return fail(path, QStringLiteral("the model declares no opset."));
    for (const auto &opset : model->opset_import()) {
        const bool isDefault = opset.domain().empty() || opset.domain() == "ai.onnx";
        if (isDefault && (opset.version() < 1 || opset.version() > s_maxOpset)) {
            return fail(path, QStringLiteral("opset %1 is not supported (1 to %2).")
                                  .arg(opset.version())
                                  .arg(s_maxOpset));
        }
    }
    const QString baseDir = QFileInfo(path).absolutePath();
    if (const auto problem = checkTensors(*model, baseDir))
        return fail(path, *problem);

    if (!options.inputShapes.isEmpty()) {
        for (auto &input : *model->mutable_graph()->mutable_input()) {
            const auto it = options.inputShapes.constFind(qs(input.name()));
            if (it == options.inputShapes.constEnd())
                continue;
            auto *shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
            shape->clear_dim();
            for (qint64 d : *it) {
                if (d < 1 || d > s_maxDim)
                    return fail(path, QStringLiteral("the input shape for %1 is invalid.")
                                          .arg(qs(input.name())));
                shape->add_dim()->set_dim_value(d);
            }
        }
        model->mutable_graph()->clear_value_info();
    }

    // Structure first, so that shape inference only ever sees a well-formed graph.
    auto data = buildGraph(model.get(), path, bytes.size());
    if (!data)
        return Unexpected(data.error());
    if (options.inferShapes) {
        ShapeFolder::inferShapes(*model);
        applyInferredShapes(**data, model->graph());
    }
    (*data)->model = std::move(model);
    return Graph(std::shared_ptr<const Graph::Data>(std::move(*data)));
}

} // namespace Mcw::Core
