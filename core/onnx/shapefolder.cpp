// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shapefolder.h"
#include "graphdata.h"
#include "guardedschemaregistry.h"

#include <onnx/shape_inference/implementation.h>

#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace Mcw::Core {

using TP = onnx::TensorProto;

// Shape tensors are tiny; anything bigger is data, not shape, and is never folded.
static constexpr int64_t s_maxElements = 4096;
static constexpr int s_maxRounds = 4;

namespace {

/** A folded constant: integers exactly (Slice ends are often INT64_MAX), reals as double. */
struct Value
{
    int32_t type = TP::UNDEFINED;
    std::vector<int64_t> dims;
    std::vector<int64_t> ints;
    std::vector<double> reals;

    bool isReal() const
    {
        return type == TP::FLOAT || type == TP::DOUBLE || type == TP::FLOAT16
               || type == TP::BFLOAT16;
    }
    size_t size() const { return isReal() ? reals.size() : ints.size(); }
    int rank() const { return int(dims.size()); }
};

} // namespace

static bool isIntegerType(int32_t type)
{
    switch (type) {
    case TP::INT8:
    case TP::INT16:
    case TP::INT32:
    case TP::INT64:
    case TP::UINT8:
    case TP::UINT16:
    case TP::UINT32:
    case TP::UINT64:
    case TP::BOOL: return true;
    default: return false;
    }
}

static bool isFoldableType(int32_t type)
{
    return isIntegerType(type) || type == TP::FLOAT || type == TP::DOUBLE;
}

// Wraps an integer to the range of \a type the way a C cast would.
static int64_t wrapTo(int64_t v, int32_t type)
{
    switch (type) {
    case TP::INT8: return int8_t(v);
    case TP::INT16: return int16_t(v);
    case TP::INT32: return int32_t(v);
    case TP::UINT8: return uint8_t(v);
    case TP::UINT16: return uint16_t(v);
    case TP::UINT32: return uint32_t(v);
    case TP::BOOL: return v != 0 ? 1 : 0;
    default: return v;
    }
}

static std::optional<int64_t> elementCount(const std::vector<int64_t> &dims)
{
    int64_t count = 1;
    for (int64_t d : dims) {
        if (d < 0 || (d > 0 && count > s_maxElements / d))
            return std::nullopt;
        count *= d;
    }
    return count;
}

static std::optional<Value> valueFromTensor(const TP &proto)
{
    if (!isFoldableType(proto.data_type()) || proto.data_location() == TP::EXTERNAL)
        return std::nullopt;
    Value v;
    v.type = proto.data_type();
    v.dims.assign(proto.dims().begin(), proto.dims().end());
    const auto count = elementCount(v.dims);
    if (!count)
        return std::nullopt;
    const auto decoded = decodeTensorProto(proto, QString());
    if (!decoded)
        return std::nullopt;
    const TensorData &data = *decoded;
    if (v.isReal()) {
        const QList<double> reals = data.toDoubles();
        v.reals.assign(reals.begin(), reals.end());
    } else {
        const int size = dataTypeSize(data.type);
        v.ints.reserve(size_t(*count));
        for (qsizetype offset = 0; offset + size <= data.bytes.size(); offset += size) {
            const char *p = data.bytes.constData() + offset;
            switch (v.type) {
            case TP::INT8: v.ints.push_back(int8_t(*p)); break;
            case TP::UINT8:
            case TP::BOOL: v.ints.push_back(uint8_t(*p)); break;
            case TP::INT16: { int16_t x; std::memcpy(&x, p, 2); v.ints.push_back(x); break; }
            case TP::UINT16: { uint16_t x; std::memcpy(&x, p, 2); v.ints.push_back(x); break; }
            case TP::INT32: { int32_t x; std::memcpy(&x, p, 4); v.ints.push_back(x); break; }
            case TP::UINT32: { uint32_t x; std::memcpy(&x, p, 4); v.ints.push_back(x); break; }
            default: { int64_t x; std::memcpy(&x, p, 8); v.ints.push_back(x); break; }
            }
        }
    }
    if (int64_t(v.size()) != *count)
        return std::nullopt;
    return v;
}

static TP tensorFromValue(const Value &v, const std::string &name)
{
    TP proto;
    proto.set_name(name);
    proto.set_data_type(v.type);
    for (int64_t d : v.dims)
        proto.add_dims(d);
    switch (v.type) {
    case TP::FLOAT:
        for (double x : v.reals)
            proto.add_float_data(float(x));
        break;
    case TP::DOUBLE:
        for (double x : v.reals)
            proto.add_double_data(x);
        break;
    case TP::INT64:
        for (int64_t x : v.ints)
            proto.add_int64_data(x);
        break;
    case TP::UINT32:
    case TP::UINT64:
        for (int64_t x : v.ints)
            proto.add_uint64_data(uint64_t(x));
        break;
    default:
        for (int64_t x : v.ints)
            proto.add_int32_data(int32_t(x));
        break;
    }
    return proto;
}

static const onnx::AttributeProto *findAttribute(const onnx::NodeProto &node, const char *name)
{
    for (const auto &attr : node.attribute()) {
        if (attr.name() == name)
            return &attr;
    }
    return nullptr;
}

static int64_t intAttribute(const onnx::NodeProto &node, const char *name, int64_t fallback)
{
    const auto *attr = findAttribute(node, name);
    return attr && attr->type() == onnx::AttributeProto::INT ? attr->i() : fallback;
}

static std::optional<std::vector<int64_t>> intsAttribute(const onnx::NodeProto &node,
                                                         const char *name)
{
    const auto *attr = findAttribute(node, name);
    if (!attr || attr->type() != onnx::AttributeProto::INTS)
        return std::nullopt;
    return std::vector<int64_t>(attr->ints().begin(), attr->ints().end());
}

namespace {

/** Folds one node when all the inputs it needs are known constants. */
class Folder
{
public:
    mutable std::unordered_map<std::string, Value> known;
    /** Initializers not decoded yet. */
    mutable std::unordered_map<std::string, const TP *> initializers;
    std::unordered_map<std::string, std::vector<int64_t>> staticShapes;

    std::optional<std::vector<Value>> fold(const onnx::NodeProto &node) const
    {
        if (!node.domain().empty() && node.domain() != "ai.onnx")
            return std::nullopt;
        const std::string &op = node.op_type();
        if (op == "Constant")
            return single(foldConstant(node));
        if (op == "Shape")
            return single(foldShape(node));
        if (op == "Size")
            return single(foldSize(node));
        if (op == "ConstantOfShape")
            return single(foldConstantOfShape(node));
        if (op == "Split")
            return foldSplit(node);
        const Value *a = input(node, 0);
        if (!a)
            return std::nullopt;
        if (op == "Identity")
            return single(*a);
        if (op == "Cast")
            return single(foldCast(node, *a));
        if (op == "Slice")
            return single(foldSlice(node, *a));
        if (op == "Concat")
            return single(foldConcat(node));
        if (op == "Gather")
            return single(foldGather(node, *a));
        if (op == "Unsqueeze")
            return single(foldUnsqueeze(node, *a));
        if (op == "Squeeze")
            return single(foldSqueeze(node, *a));
        if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div")
            return single(foldArithmetic(op, node, *a));
        return std::nullopt;
    }

private:
    static std::optional<std::vector<Value>> single(std::optional<Value> v)
    {
        if (!v)
            return std::nullopt;
        return std::vector<Value>{std::move(*v)};
    }

    const Value *input(const onnx::NodeProto &node, int index) const
    {
        if (index >= node.input_size() || node.input(index).empty())
            return nullptr;
        const std::string &name = node.input(index);
        if (const auto it = known.find(name); it != known.end())
            return &it->second;
        // Initializers are decoded only when a foldable node asks (weights rarely are asked).
        const auto init = initializers.find(name);
        if (init == initializers.end())
            return nullptr;
        auto value = valueFromTensor(*init->second);
        initializers.erase(init);
        if (!value)
            return nullptr;
        return &known.emplace(name, std::move(*value)).first->second;
    }

    // An optional int list that may come from an attribute (older opsets) or an input (newer).
    std::optional<std::vector<int64_t>> intsFrom(const onnx::NodeProto &node, const char *attr,
                                                 int inputIndex, bool &present) const
    {
        present = true;
        if (auto fromAttr = intsAttribute(node, attr))
            return fromAttr;
        if (inputIndex < node.input_size() && !node.input(inputIndex).empty()) {
            const Value *v = input(node, inputIndex);
            if (!v || v->isReal())
                return std::nullopt;
            return v->ints;
        }
        present = false;
        return std::vector<int64_t>{};
    }

    static std::optional<Value> foldConstant(const onnx::NodeProto &node)
    {
        for (const auto &attr : node.attribute()) {
            Value v;
            if (attr.name() == "value" && attr.has_t())
                return valueFromTensor(attr.t());
            if (attr.name() == "value_int") {
                v.type = TP::INT64;
                v.ints = {attr.i()};
                return v;
            }
            if (attr.name() == "value_ints" && attr.ints_size() <= s_maxElements) {
                v.type = TP::INT64;
                v.dims = {attr.ints_size()};
                v.ints.assign(attr.ints().begin(), attr.ints().end());
                return v;
            }
            if (attr.name() == "value_float") {
                v.type = TP::FLOAT;
                v.reals = {attr.f()};
                return v;
            }
            if (attr.name() == "value_floats" && attr.floats_size() <= s_maxElements) {
                v.type = TP::FLOAT;
                v.dims = {attr.floats_size()};
                v.reals.assign(attr.floats().begin(), attr.floats().end());
                return v;
            }
        }
        return std::nullopt;
    }

    const std::vector<int64_t> *staticShapeOf(const onnx::NodeProto &node) const
    {
        if (node.input_size() < 1)
            return nullptr;
        const auto knownIt = known.find(node.input(0));
        if (knownIt != known.end())
            return &knownIt->second.dims;
        const auto it = staticShapes.find(node.input(0));
        return it == staticShapes.end() ? nullptr : &it->second;
    }

    std::optional<Value> foldShape(const onnx::NodeProto &node) const
    {
        const std::vector<int64_t> *dims = staticShapeOf(node);
        if (!dims)
            return std::nullopt;
        const int64_t rank = int64_t(dims->size());
        auto clampIndex = [rank](int64_t i) {
            if (i < 0)
                i += rank;
            return std::clamp<int64_t>(i, 0, rank);
        };
        const int64_t start = clampIndex(intAttribute(node, "start", 0));
        const int64_t end = clampIndex(intAttribute(node, "end", rank));
        Value v;
        v.type = TP::INT64;
        for (int64_t i = start; i < end; ++i)
            v.ints.push_back((*dims)[size_t(i)]);
        v.dims = {int64_t(v.ints.size())};
        return v;
    }

    std::optional<Value> foldSize(const onnx::NodeProto &node) const
    {
        const std::vector<int64_t> *dims = staticShapeOf(node);
        if (!dims)
            return std::nullopt;
        int64_t count = 1;
        for (int64_t d : *dims) {
            if (d < 0 || __builtin_mul_overflow(count, d, &count))
                return std::nullopt;
        }
        Value v;
        v.type = TP::INT64;
        v.ints = {count};
        return v;
    }

    std::optional<Value> foldConstantOfShape(const onnx::NodeProto &node) const
    {
        const Value *shape = input(node, 0);
        if (!shape || shape->isReal() || shape->rank() != 1)
            return std::nullopt;
        const auto count = elementCount(shape->ints);
        if (!count)
            return std::nullopt;
        Value fill;
        fill.type = TP::FLOAT;
        fill.reals = {0.0};
        if (const auto *attr = findAttribute(node, "value"); attr && attr->has_t()) {
            const auto v = valueFromTensor(attr->t());
            if (!v || v->size() != 1)
                return std::nullopt;
            fill = *v;
        }
        Value out;
        out.type = fill.type;
        out.dims = shape->ints;
        if (fill.isReal())
            out.reals.assign(size_t(*count), fill.reals.front());
        else
            out.ints.assign(size_t(*count), fill.ints.front());
        return out;
    }

    static std::optional<Value> foldCast(const onnx::NodeProto &node, const Value &a)
    {
        const int64_t to = intAttribute(node, "to", TP::UNDEFINED);
        if (to > std::numeric_limits<int32_t>::max() || !isFoldableType(int32_t(to)))
            return std::nullopt;
        Value v;
        v.type = int32_t(to);
        v.dims = a.dims;
        if (v.isReal()) {
            if (a.isReal())
                v.reals = a.reals;
            else
                v.reals.assign(a.ints.begin(), a.ints.end());
            if (v.type == TP::FLOAT) {
                for (double &x : v.reals)
                    x = double(float(x));
            }
        } else if (a.isReal()) {
            for (double x : a.reals) {
                if (!std::isfinite(x) || std::fabs(x) >= 9.2e18)
                    return std::nullopt;
                v.ints.push_back(wrapTo(int64_t(x), v.type));
            }
        } else {
            for (int64_t x : a.ints)
                v.ints.push_back(wrapTo(x, v.type));
        }
        return v;
    }

    std::optional<Value> foldSlice(const onnx::NodeProto &node, const Value &a) const
    {
        if (a.rank() != 1)
            return std::nullopt;
        bool present = false;
        const auto starts = intsFrom(node, "starts", 1, present);
        const auto ends = intsFrom(node, "ends", 2, present);
        const auto axes = intsFrom(node, "axes", 3, present);
        const auto steps = intsFrom(node, "steps", 4, present);
        if (!starts || !ends || !axes || !steps || starts->size() != 1 || ends->size() != 1)
            return std::nullopt;
        if (!axes->empty() && (axes->size() != 1 || (axes->front() != 0 && axes->front() != -1)))
            return std::nullopt;
        const int64_t step = steps->empty() ? 1 : steps->front();
        if (step == 0 || steps->size() > 1)
            return std::nullopt;
        const int64_t n = int64_t(a.size());
        int64_t start = starts->front();
        int64_t end = ends->front();
        if (start < 0)
            start = start < -n ? 0 : start + n;
        if (end < 0)
            end = end < -n ? -1 : end + n;
        if (step > 0) {
            start = std::clamp<int64_t>(start, 0, n);
            end = std::clamp<int64_t>(end, 0, n);
        } else {
            start = std::clamp<int64_t>(start, 0, n - 1);
            end = std::clamp<int64_t>(end, -1, n - 1);
        }
        Value v;
        v.type = a.type;
        for (int64_t i = start; step > 0 ? i < end : i > end; i += step) {
            if (a.isReal())
                v.reals.push_back(a.reals[size_t(i)]);
            else
                v.ints.push_back(a.ints[size_t(i)]);
        }
        v.dims = {int64_t(v.size())};
        return v;
    }

    std::optional<Value> foldConcat(const onnx::NodeProto &node) const
    {
        const int64_t axis = intAttribute(node, "axis", 0);
        if (axis != 0 && axis != -1)
            return std::nullopt;
        Value v;
        for (int i = 0; i < node.input_size(); ++i) {
            const Value *part = input(node, i);
            if (!part || part->rank() != 1 || (i > 0 && part->type != v.type))
                return std::nullopt;
            v.type = part->type;
            v.ints.insert(v.ints.end(), part->ints.begin(), part->ints.end());
            v.reals.insert(v.reals.end(), part->reals.begin(), part->reals.end());
            if (int64_t(v.size()) > s_maxElements)
                return std::nullopt;
        }
        v.dims = {int64_t(v.size())};
        return v;
    }

    std::optional<Value> foldGather(const onnx::NodeProto &node, const Value &a) const
    {
        const Value *indices = input(node, 1);
        const int64_t axis = intAttribute(node, "axis", 0);
        if (!indices || indices->isReal() || a.rank() != 1 || (axis != 0 && axis != -1))
            return std::nullopt;
        const int64_t n = int64_t(a.size());
        Value v;
        v.type = a.type;
        v.dims = indices->dims;
        for (int64_t index : indices->ints) {
            if (index < 0)
                index += n;
            if (index < 0 || index >= n)
                return std::nullopt;
            if (a.isReal())
                v.reals.push_back(a.reals[size_t(index)]);
            else
                v.ints.push_back(a.ints[size_t(index)]);
        }
        return v;
    }

    std::optional<Value> foldUnsqueeze(const onnx::NodeProto &node, const Value &a) const
    {
        bool present = false;
        const auto axes = intsFrom(node, "axes", 1, present);
        if (!axes || !present || axes->empty())
            return std::nullopt;
        const int64_t outRank = a.rank() + int64_t(axes->size());
        if (outRank > 64)
            return std::nullopt;
        std::vector<bool> inserted(size_t(outRank), false);
        for (int64_t axis : *axes) {
            if (axis < 0)
                axis += outRank;
            if (axis < 0 || axis >= outRank || inserted[size_t(axis)])
                return std::nullopt;
            inserted[size_t(axis)] = true;
        }
        Value v = a;
        v.dims.clear();
        size_t next = 0;
        for (int64_t i = 0; i < outRank; ++i) {
            if (inserted[size_t(i)])
                v.dims.push_back(1);
            else if (next < a.dims.size())
                v.dims.push_back(a.dims[next++]);
            else
                return std::nullopt;
        }
        return v;
    }

    std::optional<Value> foldSqueeze(const onnx::NodeProto &node, const Value &a) const
    {
        bool present = false;
        const auto axes = intsFrom(node, "axes", 1, present);
        if (!axes)
            return std::nullopt;
        std::vector<bool> removed(a.dims.size(), false);
        for (size_t i = 0; i < a.dims.size(); ++i)
            removed[i] = !present && a.dims[i] == 1;
        for (int64_t axis : *axes) {
            if (axis < 0)
                axis += a.rank();
            if (axis < 0 || axis >= a.rank() || a.dims[size_t(axis)] != 1)
                return std::nullopt;
            removed[size_t(axis)] = true;
        }
        Value v = a;
        v.dims.clear();
        for (size_t i = 0; i < a.dims.size(); ++i) {
            if (!removed[i])
                v.dims.push_back(a.dims[i]);
        }
        return v;
    }

    std::optional<std::vector<Value>> foldSplit(const onnx::NodeProto &node) const
    {
        const Value *a = input(node, 0);
        const int64_t axis = intAttribute(node, "axis", 0);
        if (!a || a->rank() != 1 || (axis != 0 && axis != -1) || node.output_size() < 1)
            return std::nullopt;
        bool present = false;
        auto sizes = intsFrom(node, "split", 1, present);
        if (!sizes)
            return std::nullopt;
        const int64_t n = int64_t(a->size());
        const int64_t parts = node.output_size();
        if (!present) {
            const int64_t chunk = (n + parts - 1) / parts;
            sizes->clear();
            for (int64_t i = 0, left = n; i < parts; ++i, left -= chunk)
                sizes->push_back(std::clamp<int64_t>(left, 0, chunk));
        }
        if (int64_t(sizes->size()) != parts)
            return std::nullopt;
        int64_t total = 0;
        for (int64_t s : *sizes) {
            if (s < 0 || s > n)
                return std::nullopt;
            total += s;
        }
        if (total != n)
            return std::nullopt;
        std::vector<Value> out;
        int64_t offset = 0;
        for (int64_t s : *sizes) {
            Value v;
            v.type = a->type;
            v.dims = {s};
            if (a->isReal())
                v.reals.assign(a->reals.begin() + offset, a->reals.begin() + offset + s);
            else
                v.ints.assign(a->ints.begin() + offset, a->ints.begin() + offset + s);
            offset += s;
            out.push_back(std::move(v));
        }
        return out;
    }

    std::optional<Value> foldArithmetic(const std::string &op, const onnx::NodeProto &node,
                                        const Value &a) const
    {
        const Value *b = input(node, 1);
        if (!b || b->type != a.type || a.type == TP::BOOL)
            return std::nullopt;
        // Same shape, or one side a single element whose rank does not grow the result.
        const Value *big = &a;
        if (a.dims != b->dims) {
            if (b->size() == 1 && b->rank() <= a.rank())
                big = &a;
            else if (a.size() == 1 && a.rank() <= b->rank())
                big = b;
            else
                return std::nullopt;
        }
        Value v;
        v.type = a.type;
        v.dims = big->dims;
        const size_t count = big->size();
        for (size_t i = 0; i < count; ++i) {
            const size_t ia = a.size() == 1 ? 0 : i;
            const size_t ib = b->size() == 1 ? 0 : i;
            if (a.isReal()) {
                const double x = a.reals[ia];
                const double y = b->reals[ib];
                double r = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y;
                if (v.type == TP::FLOAT)
                    r = double(float(r));
                v.reals.push_back(r);
                continue;
            }
            const int64_t x = a.ints[ia];
            const int64_t y = b->ints[ib];
            int64_t r = 0;
            bool overflow = false;
            if (op == "Add")
                overflow = __builtin_add_overflow(x, y, &r);
            else if (op == "Sub")
                overflow = __builtin_sub_overflow(x, y, &r);
            else if (op == "Mul")
                overflow = __builtin_mul_overflow(x, y, &r);
            else if (y == 0 || (x == std::numeric_limits<int64_t>::min() && y == -1))
                overflow = true;
            else
                r = x / y; // integer Div truncates toward zero, as in onnxruntime
            if (overflow)
                return std::nullopt;
            v.ints.push_back(wrapTo(r, v.type));
        }
        return v;
    }
};

} // namespace

static void runInference(onnx::ModelProto &model)
{
    try {
        // No libonnx data propagation: its propagators (e.g. MathOpDataPropagator) crash on
        // malformed graphs (found by the fuzzer), and the folding here covers what it adds.
        onnx::ShapeInferenceOptions options(false, 0, false);
        onnx::shape_inference::InferShapes(model, GuardedSchemaRegistry::instance(), options);
    } catch (const std::exception &) {
        // Inference is advisory: a model it cannot fully handle keeps fewer shapes.
    }
}

static void collectStaticShape(const onnx::ValueInfoProto &info,
                               std::unordered_map<std::string, std::vector<int64_t>> &out)
{
    if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
        return;
    std::vector<int64_t> dims;
    for (const auto &dim : info.type().tensor_type().shape().dim()) {
        if (!dim.has_dim_value() || dim.dim_value() < 0)
            return;
        dims.push_back(dim.dim_value());
    }
    out[info.name()] = std::move(dims);
}

// Node indices in dependency order; empty when the graph has a cycle.
static std::vector<int> dependencyOrder(const onnx::GraphProto &graph)
{
    const int n = graph.node_size();
    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < n; ++i) {
        for (const std::string &output : graph.node(i).output())
            producer.emplace(output, i);
    }
    std::vector<int> indegree(static_cast<size_t>(n), 0);
    std::vector<std::vector<int>> successors(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        for (const std::string &input : graph.node(i).input()) {
            const auto it = producer.find(input);
            if (it != producer.end()) {
                successors[size_t(it->second)].push_back(i);
                ++indegree[size_t(i)];
            }
        }
    }
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    for (int i = 0; i < n; ++i) {
        if (indegree[size_t(i)] == 0)
            ready.push(i);
    }
    std::vector<int> order;
    order.reserve(size_t(n));
    while (!ready.empty()) {
        const int current = ready.top();
        ready.pop();
        order.push_back(current);
        for (int s : successors[size_t(current)]) {
            if (--indegree[size_t(s)] == 0)
                ready.push(s);
        }
    }
    if (int(order.size()) != n)
        order.clear();
    return order;
}

static bool isFoldableOp(const std::string &op)
{
    static const std::unordered_set<std::string> ops = {
        "Shape", "Size", "Cast", "Identity", "Slice", "Concat", "Gather", "Unsqueeze",
        "Squeeze", "Split", "ConstantOfShape", "Add", "Sub", "Mul", "Div"};
    return ops.count(op) > 0;
}

// Folding can only start at Shape/Size or at a foldable node reading constants; most static
// models (and big ones) have neither, and then one inference is all there is to do.
static bool worthFolding(const onnx::GraphProto &graph)
{
    std::unordered_set<std::string_view> constants;
    for (const auto &init : graph.initializer())
        constants.insert(init.name());
    for (const auto &node : graph.node()) {
        if (node.op_type() == "Constant" && node.output_size() == 1)
            constants.insert(node.output(0));
    }
    for (const auto &node : graph.node()) {
        if (node.op_type() == "Shape" || node.op_type() == "Size")
            return true;
        if (!isFoldableOp(node.op_type()) || node.input_size() == 0)
            continue;
        bool allConstant = true;
        for (const std::string &input : node.input())
            allConstant = allConstant && (input.empty() || constants.count(input) > 0);
        if (allConstant)
            return true;
    }
    return false;
}

ShapeFolder::Result ShapeFolder::inferShapes(onnx::ModelProto &model)
{
    Result result;
    runInference(model);
    result.inferenceRounds = 1;

    onnx::GraphProto &graph = *model.mutable_graph();
    if (!worthFolding(graph))
        return result;
    const std::vector<int> order = dependencyOrder(graph);
    if (order.empty())
        return result;

    Folder folder;
    std::unordered_set<std::string> initializerNames;
    for (const auto &init : graph.initializer()) {
        initializerNames.insert(init.name());
        folder.initializers.emplace(init.name(), &init);
    }
    // Node outputs whose value was folded, in folding order (Constant outputs excluded: ONNX
    // inference already reads Constant values itself).
    std::vector<std::string> folded;

    bool readsShapes = false;
    for (const auto &node : graph.node())
        readsShapes = readsShapes || node.op_type() == "Shape" || node.op_type() == "Size";

    for (int round = 0; round < s_maxRounds; ++round) {
        folder.staticShapes.clear();
        if (readsShapes) {
            for (const auto &info : graph.input())
                collectStaticShape(info, folder.staticShapes);
            for (const auto &info : graph.value_info())
                collectStaticShape(info, folder.staticShapes);
            for (const auto &info : graph.output())
                collectStaticShape(info, folder.staticShapes);
            for (const auto &init : graph.initializer())
                folder.staticShapes[init.name()].assign(init.dims().begin(), init.dims().end());
        }

        bool feedsUnfolded = false;
        const size_t before = folded.size();
        for (int index : order) {
            const onnx::NodeProto &node = graph.node(index);
            if (node.output_size() == 0 || folder.known.count(node.output(0)))
                continue;
            auto values = folder.fold(node);
            if (!values || int(values->size()) != node.output_size())
                continue;
            for (int i = 0; i < node.output_size(); ++i) {
                const std::string &name = node.output(i);
                if (name.empty() || initializerNames.count(name))
                    continue;
                folder.known[name] = std::move((*values)[size_t(i)]);
                if (node.op_type() != "Constant")
                    folded.push_back(name);
            }
        }
        if (folded.size() == before)
            break;
        // Only infer again when a newly folded value feeds a node that folding did not handle.
        std::unordered_set<std::string> newlyFolded(folded.begin() + long(before), folded.end());
        for (const auto &node : graph.node()) {
            if (node.output_size() > 0 && folder.known.count(node.output(0)))
                continue;
            for (const std::string &input : node.input())
                feedsUnfolded = feedsUnfolded || newlyFolded.count(input) > 0;
        }
        if (!feedsUnfolded)
            continue;

        const int firstInjected = graph.initializer_size();
        for (const std::string &name : folded) {
            const Value &v = folder.known.at(name);
            if (v.type != TP::FLOAT16 && v.type != TP::BFLOAT16)
                *graph.add_initializer() = tensorFromValue(v, name);
        }
        runInference(model);
        ++result.inferenceRounds;
        graph.mutable_initializer()->DeleteSubrange(firstInjected,
                                                    graph.initializer_size() - firstInjected);
    }

    // The folded tensors' own shapes are exact: record them.
    std::unordered_map<std::string, onnx::ValueInfoProto *> infos;
    for (auto &info : *graph.mutable_value_info())
        infos[info.name()] = &info;
    for (auto &info : *graph.mutable_output())
        infos[info.name()] = &info;
    for (const std::string &name : folded) {
        const Value &v = folder.known.at(name);
        auto it = infos.find(name);
        onnx::ValueInfoProto *info = it != infos.end() ? it->second : graph.add_value_info();
        info->set_name(name);
        auto *tensorType = info->mutable_type()->mutable_tensor_type();
        tensorType->set_elem_type(v.type);
        auto *shape = tensorType->mutable_shape();
        shape->clear_dim();
        for (int64_t d : v.dims)
            shape->add_dim()->set_dim_value(d);
    }
    result.foldedTensors = int(folded.size());
    return result;
}

} // namespace Mcw::Core
