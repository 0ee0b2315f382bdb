// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Mcw::Core {

/** ONNX element types, numbered exactly like onnx::TensorProto_DataType. */
enum class DataType {
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
};

/** numpy-style name ("float32", "int64", ...). */
QString dataTypeName(DataType type);
/** Size of one element in bytes, 0 for strings and undefined. */
int dataTypeSize(DataType type);

/** One dimension: a static value, a symbolic name, or unknown (value < 0 and no symbol). */
struct Dim
{
    qint64 value = -1;
    QString symbol;

    bool isStatic() const { return value >= 0; }
    QString toString() const; // "64", "batch" or "?"
    bool operator==(const Dim &other) const = default;
};

/** A tensor shape. `known` is false when even the rank is unknown. */
struct Shape
{
    bool known = false;
    QList<Dim> dims;

    static Shape fromStatic(const QList<qint64> &values);
    int rank() const { return int(dims.size()); }
    bool isStatic() const;
    /** Element count, or -1 when not static. */
    qint64 elementCount() const;
    /** Static values; unknown dims as -1. */
    QList<qint64> values() const;
    /** "1,3,640,640" (unknown dims as "?", symbols by name); empty string when unknown. */
    QString toString() const;
    /** For people: "[1,3,?,?]", "scalar" for rank 0, "?" when even the rank is unknown. */
    QString displayText() const;
    bool operator==(const Shape &other) const = default;
};

/**
 * A tensor's type and shape as every view (properties, model summary, cut descriptions, the
 * CLI's inspect) shows it: "float32 [1,3,?,?]", "float32 ?" when the rank is unknown.
 */
QString tensorTypeText(const QString &dataTypeName, const Shape &shape);
QString tensorTypeText(DataType type, const Shape &shape);

/** One attribute of a node, with the value of the kind the ONNX file declares. */
struct Attribute
{
    enum class Kind { Undefined, Float, Int, String, Tensor, Graph, Floats, Ints, Strings, Other };

    QString name;
    Kind kind = Kind::Undefined;
    double f = 0.0;
    qint64 i = 0;
    QByteArray s;
    QList<double> floats;
    QList<qint64> ints;
    QList<QByteArray> strings;
    /** For Kind::Tensor: the tensor's type and shape (the data stays in the model). */
    DataType tensorType = DataType::Undefined;
    QList<qint64> tensorDims;

    /** Netron-like rendering: "3", "[1, 1]", "nearest", "tensor float32[64]". */
    QString toDisplayString() const;
};

/** A node of the main graph. Nodes without a name get a stable synthetic id. */
struct Node
{
    int index = -1;       // position in Graph::nodes() (file order)
    QString name;         // as in the file, possibly empty
    QString id;           // name when present and unique, else "<OpType>_<index>"
    QString opType;
    QString domain;       // "" for the default ai.onnx domain
    QList<Attribute> attributes;
    QStringList inputs;   // tensor names; "" marks an omitted optional input
    QStringList outputs;

    const Attribute *attribute(const QString &attrName) const;
    qint64 intAttribute(const QString &attrName, qint64 fallback) const;
    QList<qint64> intsAttribute(const QString &attrName) const;
    QString stringAttribute(const QString &attrName, const QString &fallback = {}) const;
    double floatAttribute(const QString &attrName, double fallback) const;
};

/** A named value flowing between nodes (graph input, initializer or node output). */
struct Tensor
{
    QString name;
    DataType type = DataType::Undefined;
    Shape shape;
    int producer = -1;       // node index, -1 for graph inputs and initializers
    QList<int> consumers;    // node indices, in file order, duplicates removed
    bool isGraphInput = false;  // a real input (initializers listed as inputs are excluded)
    bool isGraphOutput = false;
    bool isInitializer = false;
    /** Produced by a Constant node (PP-OCR keeps weights there): shown like an initializer. */
    bool isConstant = false;
};

/** Raw data of an initializer (or Constant value), decoded to little-endian packed bytes. */
struct TensorData
{
    DataType type = DataType::Undefined;
    QList<qint64> dims;
    QByteArray bytes;

    qint64 elementCount() const;
    /** Values converted to double (float16/bfloat16 decoded); empty for strings. */
    QList<double> toDoubles() const;
};

/** Summary statistics of a numeric tensor, computed on demand. */
struct TensorStats
{
    qint64 count = 0;
    double min = 0.0;
    double max = 0.0;
    double mean = 0.0;
    double stddev = 0.0;
    double sparsity = 0.0; // fraction of exact zeros
};
TensorStats computeStats(const TensorData &data);

struct OpsetImport
{
    QString domain; // "" = ai.onnx
    qint64 version = 0;
};

struct MetadataEntry
{
    QString key;
    QString value;
};

/**
 * An immutable, cheaply copyable view of an ONNX model's main graph. Built by OnnxLoader;
 * initializer data stays in the model and is decoded only when initializerData() asks.
 * Copies share the same data and are safe to read from several threads.
 */
class Graph
{
public:
    struct Data;

    Graph();
    explicit Graph(std::shared_ptr<const Data> data);

    bool isNull() const;

    QString filePath() const;
    qint64 fileSize() const;
    qint64 irVersion() const;
    QList<OpsetImport> opsetImports() const;
    /** Version of the default (ai.onnx) domain, 0 when absent. */
    qint64 defaultOpset() const;
    QString producerName() const;
    QString producerVersion() const;
    QString modelDomain() const;
    qint64 modelVersion() const;
    QString docString() const;
    QString graphName() const;
    QList<MetadataEntry> modelMetadata() const;
    QList<MetadataEntry> graphMetadata() const;
    /** Model metadata value by key (Ultralytics: names, stride, imgsz, task). */
    QString metadataValue(const QString &key) const;

    const QList<Node> &nodes() const;
    const QList<Tensor> &tensors() const;
    /** Real graph inputs (initializers listed in graph.input are not included). */
    QStringList inputNames() const;
    QStringList outputNames() const;
    QStringList initializerNames() const;
    /** Node indices so that every producer precedes its consumers. */
    const QList<int> &topologicalOrder() const;

    /** -1 when absent. */
    int tensorIndex(const QString &name) const;
    const Tensor *tensor(const QString &name) const;
    /** By node id (or name when unique). -1 when absent. */
    int nodeIndex(const QString &idOrName) const;
    const Node *node(const QString &idOrName) const;

    /** Number of parameters: elements of all initializers plus Constant node tensors. */
    qint64 parameterCount() const;
    /** Histogram of op types, "Conv" -> 57. */
    QHash<QString, int> opHistogram() const;

    /**
     * Decoded data of an initializer or a Constant node's value; external data is read from
     * disk now. Returns an error naming the tensor when it has no data.
     */
    Expected<TensorData> initializerData(const QString &name) const;

    /** Opaque pointer to the parsed onnx::ModelProto, for core code that links ONNX. */
    const void *modelProto() const;

private:
    std::shared_ptr<const Data> m_data;
};

} // namespace Mcw::Core
