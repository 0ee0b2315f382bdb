// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph.h"
#include "graphdata.h"

#include <QDir>
#include <QFile>

#include <bit>
#include <cmath>
#include <cstring>

namespace Mcw::Core {

QString dataTypeName(DataType type)
{
    switch (type) {
    case DataType::Float: return QStringLiteral("float32");
    case DataType::UInt8: return QStringLiteral("uint8");
    case DataType::Int8: return QStringLiteral("int8");
    case DataType::UInt16: return QStringLiteral("uint16");
    case DataType::Int16: return QStringLiteral("int16");
    case DataType::Int32: return QStringLiteral("int32");
    case DataType::Int64: return QStringLiteral("int64");
    case DataType::String: return QStringLiteral("string");
    case DataType::Bool: return QStringLiteral("bool");
    case DataType::Float16: return QStringLiteral("float16");
    case DataType::Double: return QStringLiteral("float64");
    case DataType::UInt32: return QStringLiteral("uint32");
    case DataType::UInt64: return QStringLiteral("uint64");
    case DataType::Complex64: return QStringLiteral("complex64");
    case DataType::Complex128: return QStringLiteral("complex128");
    case DataType::BFloat16: return QStringLiteral("bfloat16");
    case DataType::Undefined: break;
    }
    return QStringLiteral("undefined");
}

int dataTypeSize(DataType type)
{
    switch (type) {
    case DataType::Bool:
    case DataType::UInt8:
    case DataType::Int8: return 1;
    case DataType::UInt16:
    case DataType::Int16:
    case DataType::Float16:
    case DataType::BFloat16: return 2;
    case DataType::Float:
    case DataType::Int32:
    case DataType::UInt32: return 4;
    case DataType::Int64:
    case DataType::UInt64:
    case DataType::Double:
    case DataType::Complex64: return 8;
    case DataType::Complex128: return 16;
    case DataType::String:
    case DataType::Undefined: break;
    }
    return 0;
}

QString Dim::toString() const
{
    if (isStatic())
        return QString::number(value);
    if (!symbol.isEmpty())
        return symbol;
    return QStringLiteral("?");
}

Shape Shape::fromStatic(const QList<qint64> &values)
{
    Shape shape;
    shape.known = true;
    for (qint64 v : values)
        shape.dims.append(Dim{v, {}});
    return shape;
}

bool Shape::isStatic() const
{
    if (!known)
        return false;
    for (const Dim &d : dims) {
        if (!d.isStatic())
            return false;
    }
    return true;
}

qint64 Shape::elementCount() const
{
    if (!isStatic())
        return -1;
    qint64 count = 1;
    for (const Dim &d : dims)
        count *= d.value;
    return count;
}

QList<qint64> Shape::values() const
{
    QList<qint64> out;
    out.reserve(dims.size());
    for (const Dim &d : dims)
        out.append(d.value);
    return out;
}

QString Shape::toString() const
{
    if (!known)
        return {};
    QStringList parts;
    for (const Dim &d : dims)
        parts.append(d.toString());
    return parts.join(QLatin1Char(','));
}

QString Shape::displayText() const
{
    if (!known)
        return QStringLiteral("?");
    // "[]" reads as "nothing known"; a rank-0 tensor is a scalar.
    if (dims.isEmpty())
        return QStringLiteral("scalar");
    return QLatin1Char('[') + toString() + QLatin1Char(']');
}

QString tensorTypeText(const QString &dataTypeName, const Shape &shape)
{
    return dataTypeName + QLatin1Char(' ') + shape.displayText();
}

QString tensorTypeText(DataType type, const Shape &shape)
{
    return tensorTypeText(dataTypeName(type), shape);
}

static QString shortNumber(double v)
{
    return QString::number(v, 'g', 8);
}

QString Attribute::toDisplayString() const
{
    auto joinList = [](const QStringList &items) {
        return QStringLiteral("[%1]").arg(items.join(QStringLiteral(", ")));
    };
    switch (kind) {
    case Kind::Float: return shortNumber(f);
    case Kind::Int: return QString::number(i);
    case Kind::String: return QString::fromUtf8(s);
    case Kind::Floats: {
        QStringList items;
        for (double v : floats)
            items.append(shortNumber(v));
        return joinList(items);
    }
    case Kind::Ints: {
        QStringList items;
        for (qint64 v : ints)
            items.append(QString::number(v));
        return joinList(items);
    }
    case Kind::Strings: {
        QStringList items;
        for (const QByteArray &v : strings)
            items.append(QString::fromUtf8(v));
        return joinList(items);
    }
    case Kind::Tensor: {
        QStringList items;
        for (qint64 v : tensorDims)
            items.append(QString::number(v));
        return QStringLiteral("tensor %1[%2]").arg(dataTypeName(tensorType), items.join(QLatin1Char(',')));
    }
    case Kind::Graph: return QStringLiteral("graph");
    case Kind::Other:
    case Kind::Undefined: break;
    }
    return QStringLiteral("?");
}

const Attribute *Node::attribute(const QString &attrName) const
{
    for (const Attribute &a : attributes) {
        if (a.name == attrName)
            return &a;
    }
    return nullptr;
}

qint64 Node::intAttribute(const QString &attrName, qint64 fallback) const
{
    const Attribute *a = attribute(attrName);
    return a && a->kind == Attribute::Kind::Int ? a->i : fallback;
}

QList<qint64> Node::intsAttribute(const QString &attrName) const
{
    const Attribute *a = attribute(attrName);
    return a && a->kind == Attribute::Kind::Ints ? a->ints : QList<qint64>{};
}

QString Node::stringAttribute(const QString &attrName, const QString &fallback) const
{
    const Attribute *a = attribute(attrName);
    return a && a->kind == Attribute::Kind::String ? QString::fromUtf8(a->s) : fallback;
}

double Node::floatAttribute(const QString &attrName, double fallback) const
{
    const Attribute *a = attribute(attrName);
    return a && a->kind == Attribute::Kind::Float ? a->f : fallback;
}

qint64 TensorData::elementCount() const
{
    qint64 count = 1;
    for (qint64 d : dims)
        count *= d;
    return count;
}

static double halfToDouble(quint16 h)
{
    const quint32 sign = (h >> 15) & 1u;
    const quint32 exponent = (h >> 10) & 0x1fu;
    const quint32 mantissa = h & 0x3ffu;
    double value;
    if (exponent == 0)
        value = std::ldexp(double(mantissa), -24);
    else if (exponent == 31)
        value = mantissa ? std::nan("") : INFINITY;
    else
        value = std::ldexp(double(mantissa | 0x400u), int(exponent) - 25);
    return sign ? -value : value;
}

static double bf16ToDouble(quint16 b)
{
    return double(std::bit_cast<float>(quint32(b) << 16));
}

template<typename T>
static T readAt(const QByteArray &bytes, qint64 index)
{
    T value;
    std::memcpy(&value, bytes.constData() + index * qint64(sizeof(T)), sizeof(T));
    return value;
}

QList<double> TensorData::toDoubles() const
{
    const int size = dataTypeSize(type);
    if (size == 0 || type == DataType::Complex64 || type == DataType::Complex128)
        return {};
    const qint64 n = bytes.size() / size;
    QList<double> out;
    out.reserve(n);
    for (qint64 i = 0; i < n; ++i) {
        switch (type) {
        case DataType::Float: out.append(readAt<float>(bytes, i)); break;
        case DataType::Double: out.append(readAt<double>(bytes, i)); break;
        case DataType::UInt8:
        case DataType::Bool: out.append(readAt<quint8>(bytes, i)); break;
        case DataType::Int8: out.append(readAt<qint8>(bytes, i)); break;
        case DataType::UInt16: out.append(readAt<quint16>(bytes, i)); break;
        case DataType::Int16: out.append(readAt<qint16>(bytes, i)); break;
        case DataType::Int32: out.append(readAt<qint32>(bytes, i)); break;
        case DataType::UInt32: out.append(readAt<quint32>(bytes, i)); break;
        case DataType::Int64: out.append(double(readAt<qint64>(bytes, i))); break;
        case DataType::UInt64: out.append(double(readAt<quint64>(bytes, i))); break;
        case DataType::Float16: out.append(halfToDouble(readAt<quint16>(bytes, i))); break;
        case DataType::BFloat16: out.append(bf16ToDouble(readAt<quint16>(bytes, i))); break;
        default: break;
        }
    }
    return out;
}

TensorStats computeStats(const TensorData &data)
{
    TensorStats stats;
    const QList<double> values = data.toDoubles();
    if (values.isEmpty())
        return stats;
    stats.count = values.size();
    stats.min = values.front();
    stats.max = values.front();
    double sum = 0.0;
    qint64 zeros = 0;
    for (double v : values) {
        stats.min = std::min(stats.min, v);
        stats.max = std::max(stats.max, v);
        sum += v;
        if (v == 0.0)
            ++zeros;
    }
    stats.mean = sum / double(stats.count);
    double squares = 0.0;
    for (double v : values)
        squares += (v - stats.mean) * (v - stats.mean);
    stats.stddev = std::sqrt(squares / double(stats.count));
    stats.sparsity = double(zeros) / double(stats.count);
    return stats;
}

// --- Graph -------------------------------------------------------------------------------------

static const Graph::Data &emptyData()
{
    static const Graph::Data empty;
    return empty;
}

Graph::Graph() = default;

Graph::Graph(std::shared_ptr<const Data> data)
    : m_data(std::move(data))
{}

bool Graph::isNull() const
{
    return !m_data;
}

#define MCW_DATA (m_data ? *m_data : emptyData())

QString Graph::filePath() const { return MCW_DATA.filePath; }
qint64 Graph::fileSize() const { return MCW_DATA.fileSize; }
qint64 Graph::irVersion() const { return MCW_DATA.model ? MCW_DATA.model->ir_version() : 0; }
QList<OpsetImport> Graph::opsetImports() const { return MCW_DATA.opsets; }

qint64 Graph::defaultOpset() const
{
    for (const OpsetImport &op : MCW_DATA.opsets) {
        if (op.domain.isEmpty() || op.domain == QLatin1String("ai.onnx"))
            return op.version;
    }
    return 0;
}

QString Graph::producerName() const
{
    return MCW_DATA.model ? QString::fromStdString(MCW_DATA.model->producer_name()) : QString();
}

QString Graph::producerVersion() const
{
    return MCW_DATA.model ? QString::fromStdString(MCW_DATA.model->producer_version()) : QString();
}

QString Graph::modelDomain() const
{
    return MCW_DATA.model ? QString::fromStdString(MCW_DATA.model->domain()) : QString();
}

qint64 Graph::modelVersion() const { return MCW_DATA.model ? MCW_DATA.model->model_version() : 0; }

QString Graph::docString() const
{
    return MCW_DATA.model ? QString::fromStdString(MCW_DATA.model->doc_string()) : QString();
}

QString Graph::graphName() const
{
    return MCW_DATA.model ? QString::fromStdString(MCW_DATA.model->graph().name()) : QString();
}

QList<MetadataEntry> Graph::modelMetadata() const { return MCW_DATA.modelMetadata; }
QList<MetadataEntry> Graph::graphMetadata() const { return MCW_DATA.graphMetadata; }

QString Graph::metadataValue(const QString &key) const
{
    for (const MetadataEntry &e : MCW_DATA.modelMetadata) {
        if (e.key == key)
            return e.value;
    }
    return {};
}

const QList<Node> &Graph::nodes() const { return MCW_DATA.nodes; }
const QList<Tensor> &Graph::tensors() const { return MCW_DATA.tensors; }
QStringList Graph::inputNames() const { return MCW_DATA.inputs; }
QStringList Graph::outputNames() const { return MCW_DATA.outputs; }
QStringList Graph::initializerNames() const { return MCW_DATA.initializers; }
const QList<int> &Graph::topologicalOrder() const { return MCW_DATA.topoOrder; }

int Graph::tensorIndex(const QString &name) const
{
    return MCW_DATA.tensorByName.value(name, -1);
}

const Tensor *Graph::tensor(const QString &name) const
{
    const int index = tensorIndex(name);
    return index < 0 ? nullptr : &MCW_DATA.tensors.at(index);
}

int Graph::nodeIndex(const QString &idOrName) const
{
    return MCW_DATA.nodeById.value(idOrName, -1);
}

const Node *Graph::node(const QString &idOrName) const
{
    const int index = nodeIndex(idOrName);
    return index < 0 ? nullptr : &MCW_DATA.nodes.at(index);
}

qint64 Graph::parameterCount() const
{
    qint64 count = 0;
    for (const Tensor &t : MCW_DATA.tensors) {
        if ((t.isInitializer || t.isConstant) && t.shape.isStatic())
            count += t.shape.elementCount();
    }
    return count;
}

QHash<QString, int> Graph::opHistogram() const
{
    QHash<QString, int> histogram;
    for (const Node &n : MCW_DATA.nodes)
        ++histogram[n.opType];
    return histogram;
}

Expected<TensorData> Graph::initializerData(const QString &name) const
{
    const auto it = MCW_DATA.dataByName.constFind(name);
    if (it == MCW_DATA.dataByName.constEnd()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("Tensor %1 has no stored data in %2.").arg(name, filePath()));
    }
    return decodeTensorProto(**it, MCW_DATA.baseDir);
}

const void *Graph::modelProto() const
{
    return MCW_DATA.model.get();
}

#undef MCW_DATA

// --- TensorProto decoding ----------------------------------------------------------------------

template<typename T, typename Field>
static void appendField(QByteArray &bytes, const Field &field)
{
    for (const auto &v : field) {
        const T value = static_cast<T>(v);
        bytes.append(reinterpret_cast<const char *>(&value), sizeof(T));
    }
}

Expected<TensorData> decodeTensorProto(const onnx::TensorProto &proto, const QString &baseDir)
{
    TensorData data;
    data.type = static_cast<DataType>(proto.data_type());
    for (qint64 d : proto.dims())
        data.dims.append(d);
    const QString name = QString::fromStdString(proto.name());
    const int elementSize = dataTypeSize(data.type);
    qint64 expected = 1;
    for (qint64 d : data.dims) {
        if (d < 0 || (d > 0 && expected > (qint64(1) << 40) / d)) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("Tensor %1 has an invalid shape.").arg(name));
        }
        expected *= d;
    }

    if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
        QString location;
        qint64 offset = 0;
        qint64 length = -1;
        for (const auto &entry : proto.external_data()) {
            if (entry.key() == "location")
                location = QString::fromStdString(entry.value());
            else if (entry.key() == "offset")
                offset = QString::fromStdString(entry.value()).toLongLong();
            else if (entry.key() == "length")
                length = QString::fromStdString(entry.value()).toLongLong();
        }
        if (length < 0)
            length = expected * elementSize;
        const QString path = QDir(baseDir).filePath(location);
        QFile file(path);
        if (location.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            return makeError(Error::Code::NotFound,
                             QStringLiteral("External data file %1 of tensor %2 cannot be read.")
                                 .arg(path, name));
        }
        if (offset < 0 || length < 0 || offset > file.size() || length > file.size() - offset
            || !file.seek(offset)) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("External data file %1 is too short for tensor %2.")
                                 .arg(path, name));
        }
        data.bytes = file.read(length);
    } else if (proto.has_raw_data()) {
        data.bytes = QByteArray::fromStdString(proto.raw_data());
    } else {
        switch (data.type) {
        case DataType::Float: appendField<float>(data.bytes, proto.float_data()); break;
        case DataType::Double: appendField<double>(data.bytes, proto.double_data()); break;
        case DataType::Int64: appendField<qint64>(data.bytes, proto.int64_data()); break;
        case DataType::UInt32: appendField<quint32>(data.bytes, proto.uint64_data()); break;
        case DataType::UInt64: appendField<quint64>(data.bytes, proto.uint64_data()); break;
        case DataType::Int32: appendField<qint32>(data.bytes, proto.int32_data()); break;
        case DataType::Int16: appendField<qint16>(data.bytes, proto.int32_data()); break;
        case DataType::UInt16:
        case DataType::Float16:
        case DataType::BFloat16: appendField<quint16>(data.bytes, proto.int32_data()); break;
        case DataType::Int8: appendField<qint8>(data.bytes, proto.int32_data()); break;
        case DataType::UInt8:
        case DataType::Bool: appendField<quint8>(data.bytes, proto.int32_data()); break;
        default:
            return makeError(Error::Code::Unsupported,
                             QStringLiteral("Tensor %1 has the unsupported type %2.")
                                 .arg(name, dataTypeName(data.type)));
        }
    }
    if (elementSize > 0 && data.bytes.size() != expected * elementSize) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("Tensor %1 holds %2 bytes but its shape needs %3.")
                             .arg(name)
                             .arg(data.bytes.size())
                             .arg(expected * elementSize));
    }
    return data;
}

} // namespace Mcw::Core
