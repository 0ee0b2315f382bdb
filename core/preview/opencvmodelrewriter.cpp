// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opencvmodelrewriter.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Mcw::Core {

// A scalar float from a TensorProto (raw_data or float_data), or nothing.
static std::optional<float> scalarValue(const onnx::TensorProto &t)
{
    if (t.data_type() != onnx::TensorProto_DataType_FLOAT)
        return std::nullopt;
    qint64 count = 1;
    for (auto d : t.dims())
        count *= d;
    if (count != 1)
        return std::nullopt;
    if (t.float_data_size() == 1)
        return t.float_data(0);
    if (t.raw_data().size() == sizeof(float)) {
        float v = 0;
        std::memcpy(&v, t.raw_data().data(), sizeof v);
        return v;
    }
    return std::nullopt;
}

// An int64 vector from a TensorProto (raw_data or int64_data), or nothing.
static std::optional<std::vector<qint64>> int64Values(const onnx::TensorProto &t)
{
    if (t.data_type() != onnx::TensorProto_DataType_INT64)
        return std::nullopt;
    std::vector<qint64> values(t.int64_data().begin(), t.int64_data().end());
    if (values.empty() && !t.raw_data().empty()) {
        values.resize(t.raw_data().size() / sizeof(qint64));
        std::memcpy(values.data(), t.raw_data().data(), values.size() * sizeof(qint64));
    }
    return values;
}

// A float vector from a TensorProto (raw_data or float_data), or nothing.
static std::optional<std::vector<float>> floatValues(const onnx::TensorProto &t)
{
    if (t.data_type() != onnx::TensorProto_DataType_FLOAT)
        return std::nullopt;
    std::vector<float> values(t.float_data().begin(), t.float_data().end());
    if (values.empty() && !t.raw_data().empty()) {
        values.resize(t.raw_data().size() / sizeof(float));
        std::memcpy(values.data(), t.raw_data().data(), values.size() * sizeof(float));
    }
    return values;
}

// The bytes of a FLOAT, INT64 or INT32 tensor (raw_data or the typed field) and its element size.
static std::optional<std::pair<std::string, size_t>> rawBytes(const onnx::TensorProto &t)
{
    switch (t.data_type()) {
    case onnx::TensorProto_DataType_FLOAT: {
        if (!t.raw_data().empty())
            return std::pair{t.raw_data(), sizeof(float)};
        const auto &v = t.float_data();
        return std::pair{std::string(reinterpret_cast<const char *>(v.data()), size_t(v.size()) * sizeof(float)),
                         sizeof(float)};
    }
    case onnx::TensorProto_DataType_INT64: {
        const auto v = int64Values(t);
        return std::pair{std::string(reinterpret_cast<const char *>(v->data()), v->size() * sizeof(qint64)),
                         sizeof(qint64)};
    }
    case onnx::TensorProto_DataType_INT32: {
        if (!t.raw_data().empty())
            return std::pair{t.raw_data(), sizeof(qint32)};
        const auto &v = t.int32_data();
        return std::pair{std::string(reinterpret_cast<const char *>(v.data()), size_t(v.size()) * sizeof(qint32)),
                         sizeof(qint32)};
    }
    default: return std::nullopt;
    }
}

static const onnx::AttributeProto *attribute(const onnx::NodeProto &node, const char *name)
{
    for (const auto &a : node.attribute()) {
        if (a.name() == name)
            return &a;
    }
    return nullptr;
}

static void addInt64Initializer(onnx::GraphProto *graph, const std::string &name, const std::vector<qint64> &values)
{
    onnx::TensorProto *init = graph->add_initializer();
    init->set_name(name);
    init->set_data_type(onnx::TensorProto_DataType_INT64);
    init->add_dims(qint64(values.size()));
    init->set_raw_data(std::string(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(qint64)));
}

/**
 * "slice_layer: inputs.size()==1" at a Split of a constant (M-LSD's tf2onnx padding): the outputs
 * become initializers and the node goes. Returns how many nodes were folded.
 */
static int foldConstantSplits(onnx::GraphProto *graph, const QHash<std::string, const onnx::TensorProto *> &constants)
{
    int folded = 0;
    for (int i = graph->node_size() - 1; i >= 0; --i) {
        const onnx::NodeProto &node = graph->node(i);
        if (node.op_type() != "Split" || node.input_size() < 1 || !constants.contains(node.input(0)))
            continue;
        const onnx::TensorProto &t = *constants.value(node.input(0));
        const auto bytes = rawBytes(t);
        const int rank = t.dims_size();
        if (!bytes || rank == 0)
            continue;
        qint64 axis = 0;
        if (const auto *a = attribute(node, "axis"))
            axis = a->i() < 0 ? a->i() + rank : a->i();
        if (axis < 0 || axis >= rank)
            continue;
        std::vector<qint64> sizes;
        if (const auto *a = attribute(node, "split"))
            sizes.assign(a->ints().begin(), a->ints().end());
        else if (node.input_size() > 1 && !node.input(1).empty() && constants.contains(node.input(1)))
            sizes = int64Values(*constants.value(node.input(1))).value_or(std::vector<qint64>{});
        else if (t.dims(int(axis)) % node.output_size() == 0)
            sizes.assign(size_t(node.output_size()), t.dims(int(axis)) / node.output_size());
        qint64 total = 0;
        for (qint64 v : sizes)
            total += v;
        if (int(sizes.size()) != node.output_size() || total != t.dims(int(axis)))
            continue;
        qint64 outer = 1;
        qint64 inner = qint64(bytes->second);
        for (int d = 0; d < axis; ++d)
            outer *= t.dims(d);
        for (int d = int(axis) + 1; d < rank; ++d)
            inner *= t.dims(d);
        if (qint64(bytes->first.size()) != outer * total * inner)
            continue;
        qint64 offset = 0;
        for (int k = 0; k < node.output_size(); ++k) {
            onnx::TensorProto *out = graph->add_initializer();
            out->set_name(node.output(k));
            out->set_data_type(t.data_type());
            for (int d = 0; d < rank; ++d)
                out->add_dims(d == axis ? sizes[size_t(k)] : t.dims(d));
            std::string raw;
            for (qint64 o = 0; o < outer; ++o)
                raw.append(bytes->first, size_t((o * total + offset) * inner), size_t(sizes[size_t(k)] * inner));
            out->set_raw_data(raw);
            offset += sizes[size_t(k)];
        }
        graph->mutable_node()->DeleteSubrange(i, 1);
        ++folded;
    }
    return folded;
}

/**
 * "parseSlice: axes[i-1]==axes[i]-1" (M-LSD slices axes [0, 2, 3, 1], most of them whole): axes
 * that keep the whole dimension are dropped and the rest sorted, when that leaves consecutive
 * axes. Returns how many nodes were rewritten.
 */
static int dropWholeSliceAxes(onnx::GraphProto *graph,
                              const QHash<std::string, const onnx::TensorProto *> &constants,
                              const QHash<QString, QList<qint64>> &shapes)
{
    int rewritten = 0;
    for (auto &node : *graph->mutable_node()) {
        if (node.op_type() != "Slice" || node.input_size() < 4)
            continue;
        const QList<qint64> dims = shapes.value(QString::fromStdString(node.input(0)));
        const auto constant = [&](int k) {
            return node.input_size() > k && constants.contains(node.input(k))
                       ? int64Values(*constants.value(node.input(k)))
                       : std::nullopt;
        };
        const auto starts = constant(1);
        const auto ends = constant(2);
        const auto axes = constant(3);
        const auto steps = node.input_size() > 4 && !node.input(4).empty() ? constant(4)
                                                                           : std::optional<std::vector<qint64>>{};
        if (dims.isEmpty() || !starts || !ends || !axes || axes->size() != starts->size()
            || ends->size() != starts->size() || (node.input_size() > 4 && !node.input(4).empty() && !steps))
            continue;
        const qint64 rank = dims.size();
        struct Axis
        {
            qint64 axis, start, end, step;
        };
        std::vector<Axis> kept;
        bool consecutiveBefore = true;
        for (size_t k = 0; k < axes->size(); ++k) {
            const qint64 axis = (*axes)[k] < 0 ? (*axes)[k] + rank : (*axes)[k];
            const qint64 step = steps ? (*steps)[k] : 1;
            if (k > 0 && axis != ((*axes)[k - 1] < 0 ? (*axes)[k - 1] + rank : (*axes)[k - 1]) + 1)
                consecutiveBefore = false;
            const bool whole = step == 1 && (*starts)[k] == 0 && (*ends)[k] >= dims.value(axis, -1) && dims.value(axis, -1) > 0;
            if (!whole)
                kept.push_back({axis, (*starts)[k], (*ends)[k], step});
        }
        if (consecutiveBefore || kept.empty() || kept.size() == axes->size())
            continue;
        std::sort(kept.begin(), kept.end(), [](const Axis &a, const Axis &b) { return a.axis < b.axis; });
        bool consecutive = true;
        for (size_t k = 1; k < kept.size(); ++k)
            consecutive = consecutive && kept[k].axis == kept[k - 1].axis + 1;
        if (!consecutive)
            continue;
        std::vector<qint64> newStarts, newEnds, newAxes, newSteps;
        for (const Axis &a : kept) {
            newStarts.push_back(a.start);
            newEnds.push_back(a.end);
            newAxes.push_back(a.axis);
            newSteps.push_back(a.step);
        }
        const std::string base = node.output(0) + "_opencv_slice_";
        addInt64Initializer(graph, base + "starts", newStarts);
        addInt64Initializer(graph, base + "ends", newEnds);
        addInt64Initializer(graph, base + "axes", newAxes);
        node.set_input(1, base + "starts");
        node.set_input(2, base + "ends");
        node.set_input(3, base + "axes");
        if (node.input_size() > 4) {
            addInt64Initializer(graph, base + "steps", newSteps);
            node.set_input(4, base + "steps");
        }
        ++rewritten;
    }
    return rewritten;
}

QStringList OpenCvModelRewriter::rewrite(onnx::ModelProto &model,
                                         const QHash<QString, QList<qint64>> &shapes)
{
    QStringList done;
    auto *graph = model.mutable_graph();

    // Constant values by tensor name: initializers and Constant nodes.
    QHash<std::string, const onnx::TensorProto *> constants;
    for (const auto &init : graph->initializer())
        constants.insert(init.name(), &init);
    for (const auto &node : graph->node()) {
        if (node.op_type() == "Constant" && node.output_size() == 1) {
            for (const auto &a : node.attribute()) {
                if (a.name() == "value" && a.has_t())
                    constants.insert(node.output(0), &a.t());
            }
        }
    }

    // "parseClip: expected node_proto.input_size()==1": move constant bounds into attributes.
    int clips = 0;
    for (auto &node : *graph->mutable_node()) {
        if (node.op_type() != "Clip" || node.input_size() <= 1)
            continue;
        std::optional<float> lo = -std::numeric_limits<float>::max();
        std::optional<float> hi = std::numeric_limits<float>::max();
        if (node.input_size() > 1 && !node.input(1).empty())
            lo = constants.contains(node.input(1)) ? scalarValue(*constants.value(node.input(1)))
                                                   : std::nullopt;
        if (node.input_size() > 2 && !node.input(2).empty())
            hi = constants.contains(node.input(2)) ? scalarValue(*constants.value(node.input(2)))
                                                   : std::nullopt;
        if (!lo || !hi)
            continue; // computed bounds: leave it, OpenCV names the node if it cannot load it
        const std::string x = node.input(0);
        node.clear_input();
        node.add_input(x);
        auto *minAttr = node.add_attribute();
        minAttr->set_name("min");
        minAttr->set_type(onnx::AttributeProto_AttributeType_FLOAT);
        minAttr->set_f(*lo);
        auto *maxAttr = node.add_attribute();
        maxAttr->set_name("max");
        maxAttr->set_type(onnx::AttributeProto_AttributeType_FLOAT);
        maxAttr->set_f(*hi);
        ++clips;
    }
    if (clips > 0) {
        // The attribute form belongs to opset < 11; OpenCV reads it whatever the opset.
        done.append(
            QStringLiteral("%1 Clip node(s) with min/max inputs rewritten to the attribute form")
                .arg(clips));
    }

    // OpenCV 4.6 ignores Split's opset-13 `split` input and splits evenly (YOLOv8's 64 + nc box
    // and class split, YOLO11's attention split): move constant sizes into the attribute.
    int splits = 0;
    for (auto &node : *graph->mutable_node()) {
        if (node.op_type() != "Split" || node.input_size() != 2 || node.input(1).empty()
            || !constants.contains(node.input(1))) {
            continue;
        }
        const auto sizes = int64Values(*constants.value(node.input(1)));
        if (!sizes || sizes->empty())
            continue;
        const std::string x = node.input(0);
        node.clear_input();
        node.add_input(x);
        auto *attr = node.add_attribute();
        attr->set_name("split");
        attr->set_type(onnx::AttributeProto_AttributeType_INTS);
        for (qint64 v : *sizes)
            attr->add_ints(v);
        ++splits;
    }
    if (splits > 0)
        done.append(
            QStringLiteral("%1 Split node(s) with a sizes input rewritten to the attribute form")
                .arg(splits));

    // "shape_utils.hpp total()" at Mul(x[1,T,C], gamma[C]): give the constant x's full shape.
    int expanded = 0;
    for (auto &node : *graph->mutable_node()) {
        const std::string &op = node.op_type();
        if ((op != "Mul" && op != "Add" && op != "Sub" && op != "Div") || node.input_size() != 2)
            continue;
        for (int side = 0; side < 2; ++side) {
            const std::string &c = node.input(side);
            const QString other = QString::fromStdString(node.input(1 - side));
            if (!constants.contains(c) || constants.contains(node.input(1 - side))
                || !shapes.contains(other))
                continue;
            const onnx::TensorProto &t = *constants.value(c);
            const QList<qint64> full = shapes.value(other);
            if (t.dims_size() != 1 || full.size() != 3 || full[0] != 1 || full[2] != t.dims(0)
                || full[1] <= 1)
                continue;
            const auto values = floatValues(t);
            if (!values || qint64(values->size()) != t.dims(0))
                continue;
            onnx::TensorProto *init = graph->add_initializer();
            const std::string name = c + "_expanded_for_opencv_" + std::to_string(expanded);
            init->set_name(name);
            init->set_data_type(onnx::TensorProto_DataType_FLOAT);
            for (qint64 d : full)
                init->add_dims(d);
            std::string raw;
            raw.reserve(size_t(full[1] * full[2]) * sizeof(float));
            for (qint64 row = 0; row < full[1]; ++row)
                raw.append(reinterpret_cast<const char *>(values->data()),
                           values->size() * sizeof(float));
            init->set_raw_data(raw);
            node.set_input(side, name);
            ++expanded;
            break;
        }
    }
    if (expanded > 0)
        done.append(QStringLiteral(
                        "%1 1-D constant(s) of elementwise ops expanded to the full [1,T,C] shape")
                        .arg(expanded));

    if (const int folded = foldConstantSplits(graph, constants); folded > 0)
        done.append(QStringLiteral("%1 Split node(s) of a constant folded into constants").arg(folded));
    if (const int sliced = dropWholeSliceAxes(graph, constants, shapes); sliced > 0)
        done.append(QStringLiteral("%1 Slice node(s) without their whole-dimension axes").arg(sliced));

    // Stale or symbolic value_info trips the importer once the input dims are pinned.
    if (graph->value_info_size() > 0) {
        graph->clear_value_info();
        done.append(QStringLiteral("intermediate value_info dropped"));
    }
    return done;
}

} // namespace Mcw::Core
