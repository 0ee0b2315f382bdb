// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opencvmodelrewriter.h"

#include <QHash>

#include <cstring>
#include <limits>
#include <optional>
#include <string>
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

    // Stale or symbolic value_info trips the importer once the input dims are pinned.
    if (graph->value_info_size() > 0) {
        graph->clear_value_info();
        done.append(QStringLiteral("intermediate value_info dropped"));
    }
    return done;
}

} // namespace Mcw::Core
