// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupportanalyzer.h"

#include <core/onnx/graphcut.h>

#include <QSet>

#include <cmath>
#include <limits>
#include <optional>

namespace Mcw::Core {

enum class PredicateResult { False, True, Unknown };

static PredicateResult truth(bool value)
{
    return value ? PredicateResult::True : PredicateResult::False;
}

/** Per-analysis facts about tensors, indexed like Graph::tensors(). */
struct OpSupportContext
{
    const Graph &graph;
    QList<bool> kept;         // per node: inside the converted part
    QList<bool> constant;     // per tensor: initializer, Constant or folded
    QList<bool> dynamicShape; // per tensor: shape depends on data (NonZero, runtime Reshape, ...)
    QSet<int> convertedOutputs;
};

static int inputTensor(const OpSupportContext &ctx, const Node &node, int input)
{
    if (input < 0 || input >= node.inputs.size() || node.inputs.at(input).isEmpty())
        return -1;
    return ctx.graph.tensorIndex(node.inputs.at(input));
}

static bool isPresent(const Node &node, int input)
{
    return input >= 0 && input < node.inputs.size() && !node.inputs.at(input).isEmpty();
}

static bool isConstantTensor(const OpSupportContext &ctx, int tensor)
{
    return tensor >= 0 && ctx.constant.at(tensor);
}

/** Values of a constant the file stores (initializer or Constant); folded results are not known. */
static std::optional<QList<double>> constantValues(const OpSupportContext &ctx, int tensor)
{
    if (tensor < 0)
        return std::nullopt;
    const Tensor &t = ctx.graph.tensors().at(tensor);
    if (!t.isInitializer && !t.isConstant)
        return std::nullopt;
    const auto data = ctx.graph.initializerData(t.name);
    if (!data)
        return std::nullopt;
    return data->toDoubles();
}

static int tensorRank(const OpSupportContext &ctx, int tensor)
{
    if (tensor < 0)
        return -1;
    const Shape &shape = ctx.graph.tensors().at(tensor).shape;
    return shape.known ? shape.rank() : -1;
}

static qint64 paramInt(const OpCondition &c, const char *key, qint64 fallback = 0)
{
    const QVariant v = c.params.value(QLatin1String(key));
    return v.isValid() ? v.toLongLong() : fallback;
}

static QString paramString(const OpCondition &c, const char *key)
{
    return c.params.value(QLatin1String(key)).toString();
}

static QStringList paramStrings(const OpCondition &c, const char *key)
{
    return c.params.value(QLatin1String(key)).toStringList();
}

static bool isInteger(double v)
{
    return std::abs(v - std::round(v)) < 1e-6;
}

/** H and W scale factors and sizes of a Resize/Upsample, where the model reveals them. */
struct ResizeGeometry
{
    std::optional<double> scaleH, scaleW;
    std::optional<qint64> inH, inW, outH, outW;
};

static ResizeGeometry resizeGeometry(const OpSupportContext &ctx, const Node &node)
{
    ResizeGeometry g;
    const int in = inputTensor(ctx, node, 0);
    const int out = node.outputs.isEmpty() ? -1 : ctx.graph.tensorIndex(node.outputs.first());
    const QList<qint64> inDims = in >= 0 && ctx.graph.tensors().at(in).shape.isStatic()
                                     ? ctx.graph.tensors().at(in).shape.values()
                                     : QList<qint64>{};
    const QList<qint64> outDims = out >= 0 && ctx.graph.tensors().at(out).shape.isStatic()
                                      ? ctx.graph.tensors().at(out).shape.values()
                                      : QList<qint64>{};
    if (inDims.size() >= 3 && inDims.last() > 0 && inDims.at(inDims.size() - 2) > 0) {
        g.inH = inDims.at(inDims.size() - 2);
        g.inW = inDims.last();
    }
    if (g.inH && outDims.size() == inDims.size()) {
        g.outH = outDims.at(outDims.size() - 2);
        g.outW = outDims.last();
        g.scaleH = double(*g.outH) / double(*g.inH);
        g.scaleW = double(*g.outW) / double(*g.inW);
        return g;
    }
    QList<double> scales;
    if (const Attribute *a = node.attribute(QStringLiteral("scales")))
        scales = a->floats; // Upsample-7
    const bool opset10Form = node.opType == QLatin1String("Upsample") || node.inputs.size() == 2;
    const int scalesInput = opset10Form ? 1 : 2;
    if (scales.isEmpty()) {
        if (const auto values = constantValues(ctx, inputTensor(ctx, node, scalesInput)))
            scales = *values;
    }
    if (scales.size() >= 2) {
        g.scaleH = scales.at(scales.size() - 2);
        g.scaleW = scales.last();
        return g;
    }
    if (!opset10Form && g.inH) {
        if (const auto sizes = constantValues(ctx, inputTensor(ctx, node, 3));
            sizes && sizes->size() >= 2) {
            g.outH = qint64(sizes->at(sizes->size() - 2));
            g.outW = qint64(sizes->last());
            g.scaleH = double(*g.outH) / double(*g.inH);
            g.scaleW = double(*g.outW) / double(*g.inW);
        }
    }
    return g;
}

static QString resizeMode(const Node &node)
{
    const QString mode = node.stringAttribute(QStringLiteral("mode"), QStringLiteral("nearest"));
    // tpu-mlir converts cubic as linear (with a logged warning).
    return mode == QLatin1String("cubic") ? QStringLiteral("linear") : mode;
}

static QString resizeCoordinateMode(const Node &node)
{
    if (node.opType == QLatin1String("Upsample"))
        return QStringLiteral("asymmetric");
    return node.stringAttribute(QStringLiteral("coordinate_transformation_mode"),
                                QStringLiteral("half_pixel"));
}

/** Renames an Einsum equation's letters in order of appearance: "bij,bjk->bik" → "abc,acd->abd". */
static QString normalizeEquation(const QString &equation)
{
    QString out;
    QHash<QChar, QChar> names;
    for (const QChar c : equation) {
        if (c.isSpace())
            continue;
        if (c.isLetter()) {
            if (!names.contains(c))
                names.insert(c, QChar(u'a' + char16_t(names.size())));
            out.append(names.value(c));
        } else {
            out.append(c);
        }
    }
    return out;
}

struct ClipBounds
{
    PredicateResult known = PredicateResult::True;
    double min = -std::numeric_limits<double>::infinity();
    bool hasMax = false;
};

static ClipBounds clipBounds(const OpSupportContext &ctx, const Node &node)
{
    ClipBounds b;
    if (node.attribute(QStringLiteral("min")) || node.attribute(QStringLiteral("max"))) {
        b.min = node.floatAttribute(QStringLiteral("min"), b.min); // Clip-6 attributes
        b.hasMax = node.attribute(QStringLiteral("max")) != nullptr;
        return b;
    }
    if (isPresent(node, 1)) {
        const auto values = constantValues(ctx, inputTensor(ctx, node, 1));
        if (!values || values->isEmpty()) {
            b.known = PredicateResult::Unknown;
            return b;
        }
        b.min = values->first();
    }
    b.hasMax = isPresent(node, 2);
    return b;
}

static PredicateResult evaluate(const OpCondition &c, const Node &node, const OpSupportContext &ctx)
{
    const QString &kind = c.kind;
    if (kind == QLatin1String("always"))
        return PredicateResult::True;
    if (kind == QLatin1String("input_count_not")) {
        int count = 0;
        for (int i = 0; i < node.inputs.size(); ++i)
            count += isPresent(node, i) ? 1 : 0;
        return truth(count != paramInt(c, "count"));
    }
    if (kind == QLatin1String("any_input_constant")) {
        for (int i = 0; i < node.inputs.size(); ++i) {
            if (isConstantTensor(ctx, inputTensor(ctx, node, i)))
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("input_constant")) {
        return truth(isConstantTensor(ctx, inputTensor(ctx, node, int(paramInt(c, "input")))));
    }
    if (kind == QLatin1String("input_not_constant")) {
        const int input = int(paramInt(c, "input"));
        return truth(isPresent(node, input)
                     && !isConstantTensor(ctx, inputTensor(ctx, node, input)));
    }
    if (kind == QLatin1String("inputs_not_constant")) {
        for (const QVariant &v : c.params.value(QLatin1String("inputs")).toList()) {
            const int input = v.toInt();
            if (isPresent(node, input) && !isConstantTensor(ctx, inputTensor(ctx, node, input)))
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("input_constant_scalar")) {
        const int tensor = inputTensor(ctx, node, int(paramInt(c, "input")));
        if (!isConstantTensor(ctx, tensor))
            return PredicateResult::False;
        const Shape &shape = ctx.graph.tensors().at(tensor).shape;
        if (shape.isStatic())
            return truth(shape.elementCount() == 1);
        if (const auto values = constantValues(ctx, tensor))
            return truth(values->size() == 1);
        return PredicateResult::Unknown;
    }
    if (kind == QLatin1String("input_present"))
        return truth(isPresent(node, int(paramInt(c, "input"))));
    if (kind == QLatin1String("input_rank_at_least")) {
        const int rank = tensorRank(ctx, inputTensor(ctx, node, int(paramInt(c, "input"))));
        return rank < 0 ? PredicateResult::Unknown : truth(rank >= paramInt(c, "rank"));
    }
    if (kind == QLatin1String("attr_ints_length_at_least")) {
        const QString attr = paramString(c, "attr");
        qint64 length = -1;
        if (const Attribute *a = node.attribute(attr))
            length = a->ints.size();
        else
            length = tensorRank(ctx, inputTensor(ctx, node, 0));
        return length < 0 ? PredicateResult::Unknown : truth(length >= paramInt(c, "length"));
    }
    if (kind == QLatin1String("output_used")) {
        const int output = int(paramInt(c, "output"));
        if (output >= node.outputs.size() || node.outputs.at(output).isEmpty())
            return PredicateResult::False;
        const int tensor = ctx.graph.tensorIndex(node.outputs.at(output));
        if (tensor < 0)
            return PredicateResult::False;
        if (ctx.convertedOutputs.contains(tensor))
            return PredicateResult::True;
        for (int consumer : ctx.graph.tensors().at(tensor).consumers) {
            if (ctx.kept.at(consumer))
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("has_consumers")) {
        const int tensor = node.outputs.isEmpty() ? -1 : ctx.graph.tensorIndex(node.outputs.first());
        if (tensor < 0)
            return PredicateResult::False;
        for (int consumer : ctx.graph.tensors().at(tensor).consumers) {
            if (ctx.kept.at(consumer))
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("attr_not_equal")) {
        const QString attr = paramString(c, "attr");
        return truth(node.intAttribute(attr, paramInt(c, "default")) != paramInt(c, "value"));
    }
    if (kind == QLatin1String("attr_int_not_in")) {
        const qint64 value = node.intAttribute(paramString(c, "attr"), paramInt(c, "default"));
        for (const QVariant &v : c.params.value(QLatin1String("values")).toList()) {
            if (v.toLongLong() == value)
                return PredicateResult::False;
        }
        return PredicateResult::True;
    }
    if (kind == QLatin1String("attr_float_not_equal")) {
        const double fallback = c.params.value(QLatin1String("default")).toDouble();
        const double value = node.floatAttribute(paramString(c, "attr"), fallback);
        return truth(value != c.params.value(QLatin1String("value")).toDouble());
    }
    if (kind == QLatin1String("attr_present"))
        return truth(node.attribute(paramString(c, "attr")) != nullptr);
    if (kind == QLatin1String("attr_ints_not_all")) {
        const Attribute *a = node.attribute(paramString(c, "attr"));
        if (!a)
            return PredicateResult::False;
        for (qint64 v : a->ints) {
            if (v != paramInt(c, "value"))
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("axis_not_last")) {
        const qint64 axis = node.intAttribute(paramString(c, "attr"), paramInt(c, "default"));
        if (axis == -1)
            return PredicateResult::False;
        const int rank = tensorRank(ctx, inputTensor(ctx, node, 0));
        return rank < 0 ? PredicateResult::Unknown : truth(axis != rank - 1);
    }
    if (kind == QLatin1String("avgpool_excludes_padding")) {
        if (node.intAttribute(QStringLiteral("count_include_pad"), 0) == 1)
            return PredicateResult::False;
        // Without padding both counts agree, so the attribute does not matter.
        const Attribute *pads = node.attribute(QStringLiteral("pads"));
        for (qint64 v : pads ? pads->ints : QList<qint64>{}) {
            if (v != 0)
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("resize_nearest_mode_not_in")) {
        if (resizeMode(node) != QLatin1String("nearest"))
            return PredicateResult::False;
        const QString mode = node.stringAttribute(QStringLiteral("nearest_mode"),
                                                  QStringLiteral("round_prefer_floor"));
        return truth(!paramStrings(c, "values").contains(mode));
    }
    if (kind == QLatin1String("attr_string_in") || kind == QLatin1String("attr_string_not_in")) {
        const QString value = node.stringAttribute(paramString(c, "attr"), paramString(c, "default"));
        const bool in = paramStrings(c, "values").contains(value);
        return truth(kind == QLatin1String("attr_string_in") ? in : !in);
    }
    if (kind == QLatin1String("clip_relu_unbounded") || kind == QLatin1String("clip_relu_after_conv")) {
        const ClipBounds b = clipBounds(ctx, node);
        if (b.known == PredicateResult::Unknown)
            return PredicateResult::Unknown;
        if (b.min != 0.0)
            return PredicateResult::False;
        if (kind == QLatin1String("clip_relu_unbounded"))
            return truth(!b.hasMax);
        const int in = inputTensor(ctx, node, 0);
        const int producer = in < 0 ? -1 : ctx.graph.tensors().at(in).producer;
        const QString producerOp = producer < 0 ? QString() : ctx.graph.nodes().at(producer).opType;
        return truth(b.hasMax
                     && (producerOp == QLatin1String("Conv")
                         || producerOp == QLatin1String("ConvTranspose")));
    }
    if (kind == QLatin1String("constant_operand_near_zero")) {
        const double threshold = c.params.value(QLatin1String("threshold")).toDouble();
        bool unknown = false;
        for (int i = 0; i < node.inputs.size(); ++i) {
            const int tensor = inputTensor(ctx, node, i);
            if (!isConstantTensor(ctx, tensor))
                continue;
            const auto values = constantValues(ctx, tensor);
            if (!values) {
                unknown = true;
                continue;
            }
            bool allSmall = !values->isEmpty();
            for (double v : *values)
                allSmall = allSmall && std::abs(v) < threshold;
            if (allSmall)
                return PredicateResult::True;
        }
        return unknown ? PredicateResult::Unknown : PredicateResult::False;
    }
    if (kind == QLatin1String("erf_in_gelu_pattern")) {
        const Tensor *out = node.outputs.isEmpty() ? nullptr : ctx.graph.tensor(node.outputs.first());
        if (!out || out->consumers.size() != 1)
            return PredicateResult::False;
        const Node &add = ctx.graph.nodes().at(out->consumers.first());
        if (add.opType != QLatin1String("Add") || add.outputs.isEmpty())
            return PredicateResult::False;
        bool hasConstant = false;
        for (int i = 0; i < add.inputs.size(); ++i)
            hasConstant = hasConstant || isConstantTensor(ctx, inputTensor(ctx, add, i));
        const Tensor *sum = ctx.graph.tensor(add.outputs.first());
        bool feedsMul = false;
        for (int consumer : sum ? sum->consumers : QList<int>{})
            feedsMul = feedsMul || ctx.graph.nodes().at(consumer).opType == QLatin1String("Mul");
        return truth(hasConstant && feedsMul);
    }
    if (kind == QLatin1String("einsum_equation_in")) {
        const QString eq = normalizeEquation(node.stringAttribute(QStringLiteral("equation")));
        for (const QString &candidate : paramStrings(c, "equations")) {
            if (normalizeEquation(candidate) == eq)
                return PredicateResult::True;
        }
        return PredicateResult::False;
    }
    if (kind == QLatin1String("gather_slice_indices")) {
        const int indices = inputTensor(ctx, node, 1);
        if (!isConstantTensor(ctx, indices))
            return PredicateResult::False;
        const auto values = constantValues(ctx, indices);
        if (!values)
            return PredicateResult::Unknown;
        const Shape &shape = ctx.graph.tensors().at(indices).shape;
        if (values->size() == 1)
            return truth(!shape.known || shape.rank() <= 1);
        if (shape.known && shape.rank() != 1)
            return PredicateResult::False;
        const double step = values->at(1) - values->at(0);
        bool even = step > 0;
        for (int i = 2; i < values->size() && even; ++i)
            even = values->at(i) - values->at(i - 1) == step;
        return truth(even);
    }
    if (kind == QLatin1String("gather_embedding")) {
        const int rank = tensorRank(ctx, inputTensor(ctx, node, 0));
        if (rank < 0)
            return PredicateResult::Unknown;
        return truth(rank == 2 && node.intAttribute(QStringLiteral("axis"), 0) == 0);
    }
    if (kind == QLatin1String("resize_nearest_integer_scale")) {
        if (resizeMode(node) != QLatin1String("nearest"))
            return PredicateResult::False;
        const ResizeGeometry g = resizeGeometry(ctx, node);
        if (!g.scaleH || !g.scaleW)
            return PredicateResult::Unknown;
        return truth(isInteger(*g.scaleH) && isInteger(*g.scaleW) && *g.scaleH >= 1
                     && *g.scaleW >= 1);
    }
    if (kind == QLatin1String("resize_linear_half_pixel_conv")) {
        const QString ctm = resizeCoordinateMode(node);
        if (resizeMode(node) != QLatin1String("linear")
            || (ctm != QLatin1String("half_pixel") && ctm != QLatin1String("pytorch_half_pixel")))
            return PredicateResult::False;
        const ResizeGeometry g = resizeGeometry(ctx, node);
        if (!g.scaleH || !g.scaleW)
            return PredicateResult::Unknown;
        const bool up = isInteger(*g.scaleH) && isInteger(*g.scaleW) && *g.scaleH >= 2
                        && *g.scaleW >= 2;
        const bool half = *g.scaleH == 0.5 && *g.scaleW == 0.5;
        return truth(up || half);
    }
    if (kind == QLatin1String("resize_align_corners_divisible")) {
        if (resizeMode(node) != QLatin1String("linear")
            || resizeCoordinateMode(node) != QLatin1String("align_corners"))
            return PredicateResult::False;
        const ResizeGeometry g = resizeGeometry(ctx, node);
        if (!g.inH || !g.outH)
            return PredicateResult::Unknown;
        auto divides = [](qint64 a, qint64 b) { return a > 0 && b > 0 && (a % b == 0 || b % a == 0); };
        return truth(divides(*g.inH, *g.outH) && divides(*g.inW, *g.outW));
    }
    return PredicateResult::Unknown; // a kind this analyser does not know (tested to not occur)
}

static OpVerdict toOpVerdict(LoweringVerdict v)
{
    switch (v) {
    case LoweringVerdict::Npu:
    case LoweringVerdict::Lut: return OpVerdict::Npu;
    case LoweringVerdict::Bf16Fallback: return OpVerdict::Bf16Fallback;
    case LoweringVerdict::Cpu: return OpVerdict::Cpu;
    case LoweringVerdict::Unsupported: return OpVerdict::TargetUnsupported;
    case LoweringVerdict::Conditional: return OpVerdict::Conditional;
    case LoweringVerdict::None: return OpVerdict::NoOp;
    case LoweringVerdict::Unknown: break;
    }
    return OpVerdict::Unknown;
}

static void classify(const OpSupportTable &table, const Node &node, const OpSupportContext &ctx,
                     OpSupportAnalyzer::Quantize quantize, NodeSupport *out)
{
    const OpRule *rule = table.rule(node.opType);
    if (!rule) {
        out->verdict = table.unlistedFrontendRejects() ? OpVerdict::FrontendUnsupported
                                                       : OpVerdict::TargetUnsupported;
        out->reason = table.unlistedReason().arg(node.opType);
        return;
    }
    if (!rule->frontendAccepted) {
        out->verdict = OpVerdict::FrontendUnsupported;
        out->reason = rule->reason;
        return;
    }
    const bool int8 = quantize == OpSupportAnalyzer::Quantize::Int8;
    LoweringVerdict verdict = int8 ? rule->int8 : rule->bf16;
    QString reason = rule->reason;
    for (const OpCondition &cond : rule->conditions) {
        const std::optional<LoweringVerdict> override = int8 ? cond.int8 : cond.bf16;
        if (!cond.frontendRejects && !override)
            continue; // does not affect the requested mode
        const PredicateResult r = evaluate(cond, node, ctx);
        if (r == PredicateResult::False)
            continue;
        if (r == PredicateResult::Unknown) {
            out->verdict = OpVerdict::Unknown;
            out->reason = QStringLiteral("The model does not reveal (constant inputs or static "
                                         "shapes missing) whether this applies: %1")
                              .arg(cond.reason);
            return;
        }
        if (cond.frontendRejects) {
            out->verdict = OpVerdict::FrontendUnsupported;
            out->reason = cond.reason;
            return;
        }
        verdict = *override;
        reason = cond.reason;
        break;
    }
    out->verdict = toOpVerdict(verdict);
    out->reason = reason;
}

static bool isRandomOp(const QString &opType)
{
    return opType.startsWith(QLatin1String("Random")) || opType == QLatin1String("Bernoulli")
           || opType == QLatin1String("Multinomial");
}

static bool producesDataDependentShape(const Node &node, const OpSupportContext &ctx)
{
    static const QStringList alwaysDynamic = {QStringLiteral("NonZero"),
                                              QStringLiteral("NonMaxSuppression"),
                                              QStringLiteral("Unique"), QStringLiteral("Compress")};
    if (alwaysDynamic.contains(node.opType))
        return true;
    // Ops whose output shape comes from the values of these inputs.
    static const QHash<QString, QList<int>> shapeInputs = {
        {QStringLiteral("TopK"), {1}},        {QStringLiteral("Range"), {0, 1, 2}},
        {QStringLiteral("ConstantOfShape"), {0}}, {QStringLiteral("Expand"), {1}},
        {QStringLiteral("Tile"), {1}},        {QStringLiteral("Reshape"), {1}},
        {QStringLiteral("Resize"), {1, 2, 3}}, {QStringLiteral("Upsample"), {1}},
        {QStringLiteral("Slice"), {1, 2, 3, 4}}, {QStringLiteral("Pad"), {1}},
        {QStringLiteral("OneHot"), {1}},
    };
    for (int input : shapeInputs.value(node.opType)) {
        if (isPresent(node, input) && !isConstantTensor(ctx, inputTensor(ctx, node, input)))
            return true;
    }
    return false;
}

QStringList OpSupportAnalyzer::knownConditionKinds()
{
    return {QStringLiteral("always"), QStringLiteral("input_count_not"),
            QStringLiteral("any_input_constant"), QStringLiteral("input_constant"),
            QStringLiteral("input_not_constant"), QStringLiteral("inputs_not_constant"),
            QStringLiteral("input_constant_scalar"), QStringLiteral("input_present"),
            QStringLiteral("input_rank_at_least"), QStringLiteral("attr_ints_length_at_least"),
            QStringLiteral("output_used"), QStringLiteral("has_consumers"),
            QStringLiteral("attr_not_equal"), QStringLiteral("attr_string_in"),
            QStringLiteral("attr_string_not_in"), QStringLiteral("clip_relu_unbounded"),
            QStringLiteral("clip_relu_after_conv"), QStringLiteral("constant_operand_near_zero"),
            QStringLiteral("erf_in_gelu_pattern"), QStringLiteral("einsum_equation_in"),
            QStringLiteral("gather_slice_indices"), QStringLiteral("gather_embedding"),
            QStringLiteral("resize_nearest_integer_scale"),
            QStringLiteral("resize_linear_half_pixel_conv"),
            QStringLiteral("resize_align_corners_divisible"),
            // Pulsar2's AX620E limits (resources/opsupport/ax620e-ops.json).
            QStringLiteral("attr_int_not_in"), QStringLiteral("attr_float_not_equal"),
            QStringLiteral("attr_present"), QStringLiteral("attr_ints_not_all"),
            QStringLiteral("axis_not_last"), QStringLiteral("avgpool_excludes_padding"),
            QStringLiteral("resize_nearest_mode_not_in")};
}

OpSupportAnalyzer::OpSupportAnalyzer(const OpSupportTable &table)
    : m_table(&table)
{}

OpSupportReport OpSupportAnalyzer::analyze(const Graph &graph, const QStringList &cut) const
{
    return analyze(graph, cut, Options{});
}

OpSupportReport OpSupportAnalyzer::analyze(const Graph &graph, const QStringList &cut,
                                           const Options &options) const
{
    const QList<Node> &nodes = graph.nodes();
    const QList<Tensor> &tensors = graph.tensors();
    OpSupportContext ctx{graph, nodesKeptByCut(graph, cut), QList<bool>(tensors.size(), false),
                         QList<bool>(tensors.size(), false), {}};
    for (int t = 0; t < tensors.size(); ++t)
        ctx.constant[t] = tensors.at(t).isInitializer || tensors.at(t).isConstant;
    for (const QString &name : cut.isEmpty() ? graph.outputNames() : cut) {
        const int t = graph.tensorIndex(name);
        if (t >= 0)
            ctx.convertedOutputs.insert(t);
    }

    QList<NodeSupport> result(nodes.size());
    for (int index : graph.topologicalOrder()) {
        const Node &node = nodes.at(index);
        NodeSupport &ns = result[index];
        ns.nodeIndex = index;
        ns.nodeId = node.id;
        ns.opType = node.opType;

        // Constant folding, the way tpu-mlir's ONNX clean-up (onnxsim) and Pulsar2's ONNX
        // optimisation do it.
        bool anyInput = false;
        bool allConstant = true;
        bool anyDynamic = false;
        for (int i = 0; i < node.inputs.size(); ++i) {
            const int t = inputTensor(ctx, node, i);
            if (!isPresent(node, i))
                continue;
            anyInput = true;
            allConstant = allConstant && isConstantTensor(ctx, t);
            anyDynamic = anyDynamic || (t >= 0 && ctx.dynamicShape.at(t));
        }
        const bool shapeOfStatic = (node.opType == QLatin1String("Shape")
                                    || node.opType == QLatin1String("Size"))
                                   && anyInput && !anyDynamic;
        const bool folds = node.opType != QLatin1String("Constant") && !isRandomOp(node.opType)
                           && ((anyInput && allConstant) || shapeOfStatic);
        const bool dynamicOut = anyDynamic || producesDataDependentShape(node, ctx);
        for (const QString &output : node.outputs) {
            const int t = output.isEmpty() ? -1 : graph.tensorIndex(output);
            if (t < 0)
                continue;
            ctx.constant[t] = ctx.constant.at(t) || folds;
            ctx.dynamicShape[t] = dynamicOut && !folds;
        }

        if (!ctx.kept.at(index)) {
            ns.verdict = OpVerdict::NotConverted;
            ns.reason = QStringLiteral("After the cut: not converted, left to the CPU "
                                       "post-processing.");
        } else if (folds) {
            ns.verdict = OpVerdict::Folded;
            ns.reason = shapeOfStatic && !allConstant
                            ? QStringLiteral("Folded to a constant: the shape is static once "
                                             "the input shapes are fixed.")
                            : QStringLiteral("Folded to a constant by %1 (all inputs are "
                                             "constants).")
                                  .arg(m_table->foldedBy());
        } else {
            classify(*m_table, node, ctx, options.quantize, &ns);
        }
    }
    return OpSupportReport(result, cut,
                           {m_table->tableVersion(), m_table->targetName(), m_table->toolchain()});
}

} // namespace Mcw::Core
