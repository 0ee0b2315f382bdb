// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "viewgraph.h"

#include <QSet>

namespace Mcw::Core {

struct CategoryEntry
{
    const char *opType;
    OpCategory category;
};

// Netron's ONNX metadata groups ops the same way; only the colour-relevant ones are listed,
// the rest (Add, Mul, ...) stay Other like Netron's uncategorised ops.
static const CategoryEntry s_categories[] = {
    {"Conv", OpCategory::Layer}, {"ConvTranspose", OpCategory::Layer},
    {"Gemm", OpCategory::Layer}, {"MatMul", OpCategory::Layer},
    {"LSTM", OpCategory::Layer}, {"GRU", OpCategory::Layer}, {"RNN", OpCategory::Layer},
    {"Einsum", OpCategory::Layer}, {"DeformConv", OpCategory::Layer},
    {"Relu", OpCategory::Activation}, {"LeakyRelu", OpCategory::Activation},
    {"PRelu", OpCategory::Activation}, {"Sigmoid", OpCategory::Activation},
    {"HardSigmoid", OpCategory::Activation}, {"HardSwish", OpCategory::Activation},
    {"Tanh", OpCategory::Activation}, {"Elu", OpCategory::Activation},
    {"Selu", OpCategory::Activation}, {"Celu", OpCategory::Activation},
    {"Softmax", OpCategory::Activation}, {"LogSoftmax", OpCategory::Activation},
    {"Softplus", OpCategory::Activation}, {"Softsign", OpCategory::Activation},
    {"Mish", OpCategory::Activation}, {"Gelu", OpCategory::Activation},
    {"Clip", OpCategory::Activation}, {"ThresholdedRelu", OpCategory::Activation},
    {"MaxPool", OpCategory::Pool}, {"AveragePool", OpCategory::Pool},
    {"GlobalAveragePool", OpCategory::Pool}, {"GlobalMaxPool", OpCategory::Pool},
    {"LpPool", OpCategory::Pool}, {"GlobalLpPool", OpCategory::Pool},
    {"MaxRoiPool", OpCategory::Pool}, {"RoiAlign", OpCategory::Pool},
    {"MaxUnpool", OpCategory::Pool},
    {"BatchNormalization", OpCategory::Normalization},
    {"InstanceNormalization", OpCategory::Normalization},
    {"LayerNormalization", OpCategory::Normalization},
    {"GroupNormalization", OpCategory::Normalization}, {"LRN", OpCategory::Normalization},
    {"LpNormalization", OpCategory::Normalization},
    {"MeanVarianceNormalization", OpCategory::Normalization},
    {"Dropout", OpCategory::Normalization},
    {"Reshape", OpCategory::Shape}, {"Flatten", OpCategory::Shape},
    {"Squeeze", OpCategory::Shape}, {"Unsqueeze", OpCategory::Shape},
    {"Shape", OpCategory::Shape}, {"Size", OpCategory::Shape}, {"Expand", OpCategory::Shape},
    {"Concat", OpCategory::Tensor}, {"Split", OpCategory::Tensor},
    {"Slice", OpCategory::Tensor}, {"Gather", OpCategory::Tensor},
    {"GatherElements", OpCategory::Tensor}, {"GatherND", OpCategory::Tensor},
    {"Pad", OpCategory::Tensor}, {"Tile", OpCategory::Tensor},
    {"Scatter", OpCategory::Tensor}, {"ScatterND", OpCategory::Tensor},
    {"ScatterElements", OpCategory::Tensor}, {"ConstantOfShape", OpCategory::Tensor},
    {"Range", OpCategory::Tensor}, {"TopK", OpCategory::Tensor},
    {"NonZero", OpCategory::Tensor}, {"Where", OpCategory::Tensor},
    {"Transpose", OpCategory::DataMovement}, {"Resize", OpCategory::DataMovement},
    {"Upsample", OpCategory::DataMovement}, {"DepthToSpace", OpCategory::DataMovement},
    {"SpaceToDepth", OpCategory::DataMovement}, {"Cast", OpCategory::DataMovement},
    {"CastLike", OpCategory::DataMovement}, {"Identity", OpCategory::DataMovement},
    {"QuantizeLinear", OpCategory::Quantization},
    {"DequantizeLinear", OpCategory::Quantization},
    {"DynamicQuantizeLinear", OpCategory::Quantization},
    {"QLinearConv", OpCategory::Quantization}, {"QLinearMatMul", OpCategory::Quantization},
    {"ConvInteger", OpCategory::Quantization}, {"MatMulInteger", OpCategory::Quantization},
    {"If", OpCategory::Control}, {"Loop", OpCategory::Control}, {"Scan", OpCategory::Control},
};

// Input names of the ops that usually carry weights, so body lines read "W ⟨64×3×3×3⟩".
struct SchemaEntry
{
    const char *opType;
    const char *inputs;
};
static const SchemaEntry s_schemas[] = {
    {"Conv", "X,W,B"}, {"ConvTranspose", "X,W,B"}, {"Gemm", "A,B,C"}, {"MatMul", "A,B"},
    {"BatchNormalization", "X,scale,B,input_mean,input_var"},
    {"InstanceNormalization", "input,scale,B"}, {"LayerNormalization", "X,Scale,B"},
    {"Reshape", "data,shape"}, {"Expand", "input,shape"}, {"Tile", "input,repeats"},
    {"Resize", "X,roi,scales,sizes"}, {"Upsample", "X,scales"},
    {"Slice", "data,starts,ends,axes,steps"}, {"Pad", "data,pads,constant_value,axes"},
    {"Split", "input,split"}, {"Squeeze", "data,axes"}, {"Unsqueeze", "data,axes"},
    {"Gather", "data,indices"}, {"Clip", "input,min,max"}, {"PRelu", "X,slope"},
    {"Add", "A,B"}, {"Sub", "A,B"}, {"Mul", "A,B"}, {"Div", "A,B"}, {"Pow", "X,Y"},
    {"QuantizeLinear", "x,y_scale,y_zero_point"},
    {"DequantizeLinear", "x,x_scale,x_zero_point"},
    {"ConstantOfShape", "input"}, {"Where", "condition,X,Y"},
};

OpCategory opCategory(const QString &opType, const QString &domain)
{
    static const QHash<QString, OpCategory> table = [] {
        QHash<QString, OpCategory> result;
        for (const CategoryEntry &entry : s_categories)
            result.insert(QString::fromLatin1(entry.opType), entry.category);
        return result;
    }();
    const bool standardDomain = domain.isEmpty() || domain == QLatin1String("ai.onnx")
                                || domain == QLatin1String("ai.onnx.ml");
    if (!standardDomain)
        return OpCategory::Custom;
    return table.value(opType, OpCategory::Other);
}

QString opCategoryName(OpCategory category)
{
    switch (category) {
    case OpCategory::Other: return QStringLiteral("other");
    case OpCategory::Layer: return QStringLiteral("layer");
    case OpCategory::Activation: return QStringLiteral("activation");
    case OpCategory::Pool: return QStringLiteral("pool");
    case OpCategory::Normalization: return QStringLiteral("normalization");
    case OpCategory::Shape: return QStringLiteral("shape");
    case OpCategory::Tensor: return QStringLiteral("tensor");
    case OpCategory::DataMovement: return QStringLiteral("data movement");
    case OpCategory::Quantization: return QStringLiteral("quantization");
    case OpCategory::Control: return QStringLiteral("control");
    case OpCategory::Custom: return QStringLiteral("custom");
    case OpCategory::Input: return QStringLiteral("input");
    case OpCategory::Output: return QStringLiteral("output");
    }
    return QStringLiteral("other");
}

QString shapeLabel(const Shape &shape)
{
    if (!shape.known)
        return {};
    QStringList dims;
    dims.reserve(shape.dims.size());
    for (const Dim &dim : shape.dims) {
        // Exporters' and shape inference's generated names ("p2o.DynamicDimension.0",
        // "unk__12") say nothing on an edge; short user-chosen ones ("batch") stay.
        const bool generated = !dim.isStatic()
                               && (dim.symbol.size() > 8 || dim.symbol.startsWith(QLatin1String("unk__")));
        dims.append(generated ? QStringLiteral("?") : dim.toString());
    }
    return dims.join(QChar(0x00d7));
}

static QString inputName(const QString &opType, int position, const QString &tensorName)
{
    static const QHash<QString, QStringList> table = [] {
        QHash<QString, QStringList> result;
        for (const SchemaEntry &entry : s_schemas)
            result.insert(QString::fromLatin1(entry.opType),
                          QString::fromLatin1(entry.inputs).split(QLatin1Char(',')));
        return result;
    }();
    const QStringList names = table.value(opType);
    if (position < names.size())
        return names.at(position);
    return tensorName;
}

static QString formatNumber(double value, DataType type)
{
    const bool integral = type != DataType::Float && type != DataType::Double
                          && type != DataType::Float16 && type != DataType::BFloat16;
    if (integral)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 6);
}

// Scalars show their value (Netron habit); tiny integer vectors such as Reshape targets too,
// because their values say more than "⟨3⟩".
static QString initializerValue(const Graph &graph, const Tensor &tensor)
{
    const qint64 count = tensor.shape.known ? tensor.shape.elementCount() : -1;
    const bool integral = tensor.type == DataType::Int64 || tensor.type == DataType::Int32;
    const bool small = count == 1 || (integral && count > 1 && count <= 6 && tensor.shape.rank() == 1);
    if (small) {
        const Expected<TensorData> data = graph.initializerData(tensor.name);
        if (data) {
            const QList<double> values = data->toDoubles();
            QStringList items;
            for (double value : values)
                items.append(formatNumber(value, data->type));
            if (!items.isEmpty()) {
                if (count == 1 && tensor.shape.rank() == 0)
                    return items.first();
                return QStringLiteral("[%1]").arg(items.join(QStringLiteral(", ")));
            }
        }
    }
    const QString label = shapeLabel(tensor.shape);
    return QStringLiteral("\u27e8%1\u27e9").arg(label.isEmpty() ? QStringLiteral("?") : label);
}

ViewGraph ViewGraph::build(const Graph &graph)
{
    ViewGraph view;
    const QList<Mcw::Core::Node> &onnxNodes = graph.nodes();
    view.m_displayOfOnnx = QList<int>(onnxNodes.size(), -1);

    auto folded = [&graph](const QString &name) {
        const Tensor *t = graph.tensor(name);
        return t && (t->isInitializer || t->isConstant) && !t->isGraphInput;
    };

    for (const QString &name : graph.inputNames()) {
        Node node;
        node.kind = Node::Kind::Input;
        node.tensor = name;
        node.opType = QStringLiteral("input");
        node.name = name;
        node.category = OpCategory::Input;
        view.m_inputNodes.insert(name, int(view.m_nodes.size()));
        view.m_producers.insert(name, int(view.m_nodes.size()));
        view.m_nodes.append(node);
    }

    for (int index : graph.topologicalOrder()) {
        const Mcw::Core::Node &onnx = onnxNodes.at(index);
        // Constant nodes become body lines of their consumers, unless something outside the
        // fold (a graph output) needs them as a node.
        if (onnx.opType == QLatin1String("Constant") && onnx.domain.isEmpty()) {
            bool needed = false;
            for (const QString &output : onnx.outputs) {
                const Tensor *t = graph.tensor(output);
                needed = needed || (t && t->isGraphOutput);
            }
            if (!needed)
                continue;
        }
        Node node;
        node.kind = Node::Kind::Op;
        node.onnxNode = index;
        node.opType = onnx.opType;
        node.name = onnx.name.isEmpty() ? onnx.id : onnx.name;
        node.category = opCategory(onnx.opType, onnx.domain);
        for (int i = 0; i < onnx.inputs.size(); ++i) {
            const QString &input = onnx.inputs.at(i);
            if (input.isEmpty() || !folded(input))
                continue;
            const Tensor *t = graph.tensor(input);
            Line line;
            line.kind = Line::Kind::Initializer;
            line.name = inputName(onnx.opType, i, input);
            line.value = initializerValue(graph, *t);
            line.tensor = input;
            node.initializers.append(line);
        }
        for (const Attribute &attribute : onnx.attributes) {
            Line line;
            line.kind = Line::Kind::Attribute;
            line.name = attribute.name;
            line.value = attribute.toDisplayString();
            node.attributes.append(line);
        }
        const int displayIndex = int(view.m_nodes.size());
        view.m_displayOfOnnx[index] = displayIndex;
        for (const QString &output : onnx.outputs) {
            if (!output.isEmpty())
                view.m_producers.insert(output, displayIndex);
        }
        view.m_nodes.append(node);
    }

    for (const QString &name : graph.outputNames()) {
        Node node;
        node.kind = Node::Kind::Output;
        node.tensor = name;
        node.opType = QStringLiteral("output");
        node.name = name;
        node.category = OpCategory::Output;
        view.m_outputNodes.insert(name, int(view.m_nodes.size()));
        view.m_nodes.append(node);
    }

    auto addEdge = [&view, &graph](int from, int to, const QString &tensorName) {
        Edge edge;
        edge.from = from;
        edge.to = to;
        edge.tensor = tensorName;
        if (const Tensor *t = graph.tensor(tensorName))
            edge.label = shapeLabel(t->shape);
        view.m_edgesByTensor[tensorName].append(int(view.m_edges.size()));
        view.m_edges.append(edge);
    };

    // Edges in display order of their consumers keep the result deterministic.
    for (int to = 0; to < view.m_nodes.size(); ++to) {
        const Node &consumer = view.m_nodes.at(to);
        if (consumer.kind == Node::Kind::Input)
            continue;
        if (consumer.kind == Node::Kind::Output) {
            const int from = view.m_producers.value(consumer.tensor, -1);
            if (from >= 0)
                addEdge(from, to, consumer.tensor);
            continue;
        }
        QSet<QString> seen;
        for (const QString &input : onnxNodes.at(consumer.onnxNode).inputs) {
            if (input.isEmpty() || seen.contains(input) || folded(input))
                continue;
            seen.insert(input);
            const int from = view.m_producers.value(input, -1);
            if (from >= 0 && from != to)
                addEdge(from, to, input);
        }
    }
    return view;
}

int ViewGraph::displayNodeOfOnnxNode(int onnxNode) const
{
    return m_displayOfOnnx.value(onnxNode, -1);
}

int ViewGraph::inputNodeOfTensor(const QString &tensor) const
{
    return m_inputNodes.value(tensor, -1);
}

int ViewGraph::outputNodeOfTensor(const QString &tensor) const
{
    return m_outputNodes.value(tensor, -1);
}

QList<int> ViewGraph::edgesOfTensor(const QString &tensor) const
{
    return m_edgesByTensor.value(tensor);
}

int ViewGraph::producerOfTensor(const QString &tensor) const
{
    return m_producers.value(tensor, -1);
}

static bool allTermsMatch(const QStringList &terms, const QStringList &fields)
{
    for (const QString &term : terms) {
        bool found = false;
        for (const QString &field : fields) {
            if (field.contains(term, Qt::CaseInsensitive)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

QList<FindHit> findInGraph(const Graph &graph, const ViewGraph &view, const QString &query)
{
    const QStringList terms = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<FindHit> hits;
    if (terms.isEmpty())
        return hits;

    const QList<ViewGraph::Node> &nodes = view.nodes();
    for (int i = 0; i < nodes.size(); ++i) {
        const ViewGraph::Node &node = nodes.at(i);
        if (node.kind != ViewGraph::Node::Kind::Op)
            continue;
        const Mcw::Core::Node &onnx = graph.nodes().at(node.onnxNode);
        if (allTermsMatch(terms, {onnx.name, onnx.id, onnx.opType})) {
            FindHit hit;
            hit.kind = FindHit::Kind::Node;
            hit.displayNode = i;
            hit.text = node.name;
            hit.detail = onnx.opType;
            hits.append(hit);
        }
    }

    for (const Tensor &tensor : graph.tensors()) {
        const QString shape = tensor.shape.toString();
        const QStringList fields = {tensor.name, shape, shapeLabel(tensor.shape),
                                    dataTypeName(tensor.type)};
        if (!allTermsMatch(terms, fields))
            continue;
        FindHit hit;
        hit.kind = FindHit::Kind::Tensor;
        hit.tensor = tensor.name;
        hit.text = tensor.name;
        hit.detail = tensorTypeText(tensor.type, tensor.shape);
        hit.displayNode = view.producerOfTensor(tensor.name);
        for (int k = 0; hit.displayNode < 0 && k < tensor.consumers.size(); ++k)
            hit.displayNode = view.displayNodeOfOnnxNode(tensor.consumers.at(k));
        if (hit.displayNode < 0)
            hit.displayNode = view.outputNodeOfTensor(tensor.name);
        hits.append(hit);
    }
    return hits;
}

} // namespace Mcw::Core
