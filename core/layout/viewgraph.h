// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/** Colour family of an op (Netron's metadata categories, merged where they look alike). */
enum class OpCategory {
    Other,         // elementwise maths and everything not in the table: light header
    Layer,         // Conv, Gemm, MatMul, recurrent layers
    Activation,
    Pool,
    Normalization, // including Dropout
    Shape,         // Reshape, Flatten, Squeeze, Shape, ...
    Tensor,        // Concat, Split, Slice, Gather, Pad, ...
    DataMovement,  // Transpose, Resize, Cast, DepthToSpace, ...
    Quantization,
    Control,       // If, Loop, Scan
    Custom,        // ops outside the ONNX domains
    Input,         // graph input node
    Output,        // graph output node
};

/** Category of \a opType in \a domain ("" = ai.onnx) from a small built-in table. */
OpCategory opCategory(const QString &opType, const QString &domain = {});
/** Stable lower-case name of a category ("layer", "activation", ...). */
QString opCategoryName(OpCategory category);
/**
 * Netron-style shape label: dims joined by ×, unknown dims as ?; generated symbolic names
 * (longer than 8 characters, or ONNX inference's unk__N) also as ?; empty when unknown.
 */
QString shapeLabel(const Shape &shape);

/**
 * The display graph of an ONNX model, built the Netron way: one node per op; Constant nodes
 * and initializers folded into their consumers as body lines; graph inputs and outputs as
 * their own small nodes; one edge per (tensor, consumer) with the tensor's shape as label.
 * Pure value, independent of Qt Gui, so the view and the exporter share it.
 */
class ViewGraph
{
public:
    struct Line
    {
        enum class Kind { Initializer, Attribute };
        Kind kind = Kind::Initializer;
        QString name;   // input name from the op schema ("W") or attribute name
        QString value;  // "⟨64×3×3×3⟩", a scalar value, or the attribute value
        QString tensor; // for Initializer lines: the folded tensor
    };

    struct Node
    {
        enum class Kind { Op, Input, Output };
        Kind kind = Kind::Op;
        int onnxNode = -1;   // index into Graph::nodes() for Op nodes
        QString tensor;      // for Input/Output nodes: the graph input/output tensor
        QString opType;      // op type, or "input"/"output"
        QString name;        // node name (or id), or tensor name for Input/Output
        OpCategory category = OpCategory::Other;
        QList<Line> initializers;
        QList<Line> attributes;
    };

    struct Edge
    {
        int from = -1;   // display node indices
        int to = -1;
        QString tensor;
        QString label;   // shape label, may be empty
    };

    ViewGraph() = default;
    static ViewGraph build(const Graph &graph);

    const QList<Node> &nodes() const { return m_nodes; }
    const QList<Edge> &edges() const { return m_edges; }
    /** Display node of an ONNX node index; -1 for folded Constant nodes and unknown indices. */
    int displayNodeOfOnnxNode(int onnxNode) const;
    /** Display node of a graph input or output tensor (-1 when none). */
    int inputNodeOfTensor(const QString &tensor) const;
    int outputNodeOfTensor(const QString &tensor) const;
    /** Edge indices that carry \a tensor (empty for folded tensors). */
    QList<int> edgesOfTensor(const QString &tensor) const;
    /** Display node that produces \a tensor (op or input node), -1 when folded or unknown. */
    int producerOfTensor(const QString &tensor) const;

private:
    QList<Node> m_nodes;
    QList<Edge> m_edges;
    QList<int> m_displayOfOnnx;           // per ONNX node, -1 when folded
    QHash<QString, int> m_inputNodes;
    QHash<QString, int> m_outputNodes;
    QHash<QString, QList<int>> m_edgesByTensor;
    QHash<QString, int> m_producers;
};

/** One result of findInGraph(). */
struct FindHit
{
    enum class Kind { Node, Tensor };
    Kind kind = Kind::Node;
    int displayNode = -1; // node hits, and for tensors the producer (or consumer) to centre on
    QString tensor;       // tensor hits
    QString text;         // what to show: node name or tensor name
    QString detail;       // op type, or shape for tensors
};

/**
 * Searches node names, op types, tensor names and shapes ("Conv", "/model.22/", "1,64,80,80").
 * Space-separated terms are AND-ed, case-insensitive substrings; a shape matches in either its
 * comma or × form. Node hits come first (display order), then tensor hits (graph order).
 */
QList<FindHit> findInGraph(const Graph &graph, const ViewGraph &view, const QString &query);

} // namespace Mcw::Core
