// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "subgraphextractor.h"
#include "graphdata.h"

#include <core/atomicfile.h>

#include <QHash>
#include <QSet>

#include <onnx/checker.h>

#include <exception>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace Mcw::Core {

static QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/** Names a node reads from its enclosing scope through If/Loop/Scan bodies. */
static void collectSubgraphInputs(const onnx::GraphProto &graph, std::unordered_set<std::string> &names)
{
    std::unordered_set<std::string> local;
    for (const auto &i : graph.input())
        local.insert(i.name());
    for (const auto &i : graph.initializer())
        local.insert(i.name());
    for (const auto &node : graph.node()) {
        for (const auto &in : node.input()) {
            if (!in.empty() && !local.count(in))
                names.insert(in);
        }
        for (const auto &attr : node.attribute()) {
            if (attr.has_g())
                collectSubgraphInputs(attr.g(), names);
            for (const auto &g : attr.graphs())
                collectSubgraphInputs(g, names);
        }
        for (const auto &out : node.output())
            local.insert(out);
    }
}

static std::unordered_set<std::string> nodeInputs(const onnx::NodeProto &node)
{
    std::unordered_set<std::string> names;
    for (const auto &in : node.input()) {
        if (!in.empty())
            names.insert(in);
    }
    for (const auto &attr : node.attribute()) {
        if (attr.has_g())
            collectSubgraphInputs(attr.g(), names);
        for (const auto &g : attr.graphs())
            collectSubgraphInputs(g, names);
    }
    return names;
}

static void setType(onnx::ValueInfoProto &info, const Tensor &tensor)
{
    auto *type = info.mutable_type()->mutable_tensor_type();
    type->set_elem_type(int(tensor.type));
    if (!tensor.shape.known)
        return;
    auto *shape = type->mutable_shape();
    for (const Dim &d : tensor.shape.dims) {
        auto *dim = shape->add_dim();
        if (d.isStatic())
            dim->set_dim_value(d.value);
        else if (!d.symbol.isEmpty())
            dim->set_dim_param(d.symbol.toStdString());
    }
}

Expected<SubgraphExtractor::Result> SubgraphExtractor::extract(const Graph &graph, const QStringList &outputs)
{
    const auto *source = static_cast<const onnx::ModelProto *>(graph.modelProto());
    if (!source)
        return makeError(Error::Code::InvalidInput, QStringLiteral("No model is loaded."));
    if (outputs.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("Name at least one output tensor to cut at."));
    const onnx::GraphProto &g = source->graph();

    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < g.node_size(); ++i) {
        for (const auto &out : g.node(i).output())
            producer[out] = i;
    }
    QSet<QString> seenOutputs;
    for (const QString &name : outputs) {
        const Tensor *t = graph.tensor(name);
        if (!t) {
            return makeError(Error::Code::NotFound,
                             QStringLiteral("%1: there is no tensor named '%2'.").arg(graph.filePath(), name));
        }
        if (!producer.count(name.toStdString())) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: '%2' is a graph input or initializer, not a node output.").arg(graph.filePath(), name));
        }
        if (t->type == DataType::Undefined) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the element type of '%2' could not be inferred.").arg(graph.filePath(), name));
        }
        if (seenOutputs.contains(name))
            return makeError(Error::Code::InvalidInput, QStringLiteral("The output '%1' is listed twice.").arg(name));
        seenOutputs.insert(name);
    }

    // Ancestors of the outputs, subgraph references included.
    std::vector<bool> kept(size_t(g.node_size()), false);
    std::unordered_set<std::string> needed;
    std::vector<std::string> stack;
    for (const QString &name : outputs)
        stack.push_back(name.toStdString());
    while (!stack.empty()) {
        const std::string name = stack.back();
        stack.pop_back();
        if (!needed.insert(name).second)
            continue;
        const auto it = producer.find(name);
        if (it == producer.end() || kept[size_t(it->second)])
            continue;
        kept[size_t(it->second)] = true;
        for (const std::string &in : nodeInputs(g.node(it->second)))
            stack.push_back(in);
    }

    Result result;
    onnx::ModelProto model(*source);
    onnx::GraphProto *out = model.mutable_graph();
    out->clear_node();
    std::unordered_set<std::string> produced;
    for (int i = 0; i < g.node_size(); ++i) {
        if (!kept[size_t(i)]) {
            ++result.removedNodes;
            continue;
        }
        *out->add_node() = g.node(i);
        for (const auto &o : g.node(i).output())
            produced.insert(o);
        ++result.keptNodes;
    }

    out->clear_initializer();
    for (const auto &init : g.initializer()) {
        if (!needed.count(init.name())) {
            ++result.removedInitializers;
            continue;
        }
        onnx::TensorProto *copy = out->add_initializer();
        *copy = init;
        if (init.data_location() == onnx::TensorProto::EXTERNAL) {
            // Inline external weights: the cut model may live in another folder.
            const auto data = graph.initializerData(qs(init.name()));
            if (!data)
                return Unexpected(data.error());
            copy->clear_external_data();
            copy->set_data_location(onnx::TensorProto::DEFAULT);
            copy->set_raw_data(data->bytes.constData(), size_t(data->bytes.size()));
        }
    }
    out->clear_sparse_initializer();
    for (const auto &init : g.sparse_initializer()) {
        if (needed.count(init.values().name()))
            *out->add_sparse_initializer() = init;
    }

    out->clear_input();
    for (const auto &input : g.input()) {
        if (needed.count(input.name()))
            *out->add_input() = input;
        else
            result.removedInputs.append(qs(input.name()));
    }

    std::unordered_set<std::string> outputNames;
    out->clear_output();
    for (const QString &name : outputs) {
        const std::string n = name.toStdString();
        outputNames.insert(n);
        onnx::ValueInfoProto *info = out->add_output();
        info->set_name(n);
        setType(*info, *graph.tensor(name));
    }

    out->clear_value_info();
    for (const auto &info : g.value_info()) {
        if (produced.count(info.name()) && !outputNames.count(info.name()))
            *out->add_value_info() = info;
    }

    try {
        onnx::ModelProto checked(model);
        // The installed checker knows IR ≤ 8; newer files are checked as IR 8, advisory only.
        const bool advisory = checked.ir_version() > 8;
        if (advisory)
            checked.set_ir_version(8);
        try {
            onnx::checker::check_model(checked);
        } catch (const std::exception &e) {
            if (!advisory) {
                return makeError(Error::Code::InvalidInput,
                                 QStringLiteral("The cut model fails the ONNX checker."), QString::fromUtf8(e.what()));
            }
            result.warnings.append(QStringLiteral("The ONNX checker (IR 8) reports: %1").arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
        }
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("Checking the cut model failed."), QString::fromUtf8(e.what()));
    }

    std::string bytes;
    if (!model.SerializeToString(&bytes))
        return makeError(Error::Code::Io, QStringLiteral("The cut model cannot be serialised (over 2 GiB?)."));
    result.bytes = QByteArray(bytes.data(), qsizetype(bytes.size()));
    return result;
}

Expected<SubgraphExtractor::Result> SubgraphExtractor::extractToFile(const Graph &graph, const QStringList &outputs,
                                                                      const QString &path)
{
    auto result = extract(graph, outputs);
    if (!result)
        return result;
    if (const auto written = writeFileAtomically(path, result->bytes); !written)
        return Unexpected(written.error());
    return result;
}

} // namespace Mcw::Core
