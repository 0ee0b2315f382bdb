// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchgraphs.h"

#include <QList>

#include <algorithm>
#include <vector>

namespace Mcw::Bench {

namespace {

using Core::LayoutInput;

class Builder
{
public:
    int add(const char *opType, int attributeLines, std::initializer_list<int> inputs)
    {
        // Header plus one line per attribute, text measured at ~7 px per character.
        const double width = std::max(60.0, 16.0 + 7.0 * double(qstrlen(opType)));
        const double height = 22.0 + 14.0 * attributeLines;
        const int index = int(m_input.nodes.size());
        m_input.nodes.append({width, height});
        m_multiOutput.push_back(qstrcmp(opType, "Split") == 0);
        for (const int from : inputs)
            connect(from, index);
        return index;
    }
    void connect(int from, int to)
    {
        // One output tensor per op, as the view groups edges by tensor; a Split's outputs differ.
        LayoutInput::Edge edge;
        edge.from = from;
        edge.to = to;
        edge.group = m_multiOutput[size_t(from)] ? -1 : from;
        m_input.edges.append(edge);
    }
    int size() const { return int(m_input.nodes.size()); }
    LayoutInput take() { return std::move(m_input); }

private:
    LayoutInput m_input;
    std::vector<bool> m_multiOutput;
};

int convAct(Builder &b, int x, const char *act = "Relu")
{
    return b.add(act, 0, {b.add("Conv", 3, {x})});
}

int squeezeExcite(Builder &b, int x)
{
    const int pooled = b.add("GlobalAveragePool", 0, {x});
    const int squeeze = b.add("Relu", 0, {b.add("Conv", 2, {pooled})});
    const int excite = b.add("Sigmoid", 0, {b.add("Conv", 2, {squeeze})});
    return b.add("Mul", 0, {x, excite});
}

int bottleneck(Builder &b, int x, bool project, bool se)
{
    int y = convAct(b, x);
    y = convAct(b, y);
    y = b.add("Conv", 3, {y});
    if (se)
        y = squeezeExcite(b, y);
    const int skip = project ? b.add("Conv", 3, {x}) : x;
    return b.add("Relu", 0, {b.add("Add", 0, {y, skip})});
}

// YOLOv8 C2f: split, n bottlenecks chained, every intermediate output concatenated.
int cspBlock(Builder &b, int x, int repeats)
{
    const int split = b.add("Split", 1, {convAct(b, x, "Sigmoid")});
    QList<int> parts{split, split};
    int y = split;
    for (int i = 0; i < repeats; ++i) {
        const int inner = convAct(b, convAct(b, y, "Sigmoid"), "Sigmoid");
        y = b.add("Add", 0, {y, inner});
        parts.append(y);
    }
    const int concat = b.add("Concat", 1, {});
    for (const int part : parts)
        b.connect(part, concat);
    return convAct(b, concat, "Sigmoid");
}

int head(Builder &b, int feature)
{
    int box = feature;
    int cls = feature;
    for (int i = 0; i < 3; ++i) {
        box = convAct(b, box, "Sigmoid");
        cls = convAct(b, cls, "Sigmoid");
    }
    box = b.add("Reshape", 0, {b.add("Conv", 3, {box})});
    cls = b.add("Sigmoid", 0, {b.add("Reshape", 0, {b.add("Conv", 3, {cls})})});
    return b.add("Concat", 1, {box, cls});
}

} // namespace

Core::LayoutInput BenchGraphs::detectionCnn(int targetNodes)
{
    // Fixed part (stem, necks, heads) is about 150 nodes; the rest goes to the stages.
    const int perUnit = 58; // nodes of one unit: 1 + 2 + 4 + 1 blocks of ~7-13 nodes
    const int units = std::max(1, (targetNodes - 150) / perUnit);
    Builder b;
    int x = b.add("Input", 0, {});
    x = convAct(b, convAct(b, x));
    x = b.add("MaxPool", 2, {x});
    QList<int> stages;
    const int blocksPerStage[] = {1, 2, 4, 1};
    for (int stage = 0; stage < 4; ++stage) {
        for (int block = 0; block < blocksPerStage[stage] * units; ++block) {
            if (block % 6 == 5)
                x = cspBlock(b, x, 2);
            else
                x = bottleneck(b, x, block == 0, block % 3 == 0);
        }
        stages.append(x);
    }
    // FPN top-down: every stage output joins through a lateral conv (long skip edges).
    QList<int> pyramid(4);
    pyramid[3] = b.add("Conv", 3, {stages[3]});
    for (int level = 2; level >= 0; --level) {
        const int lateral = b.add("Conv", 3, {stages[level]});
        const int up = b.add("Resize", 2, {pyramid[level + 1]});
        pyramid[level] = cspBlock(b, b.add("Add", 0, {lateral, up}), 1);
    }
    // PAN bottom-up.
    QList<int> outputs{pyramid[0]};
    for (int level = 1; level < 4; ++level) {
        const int down = b.add("Conv", 3, {outputs.last()});
        outputs.append(cspBlock(b, b.add("Concat", 1, {down, pyramid[level]}), 1));
    }
    QList<int> heads;
    for (const int feature : outputs)
        heads.append(head(b, feature));
    const int all = b.add("Concat", 1, {});
    for (const int h : heads)
        b.connect(h, all);
    b.add("Output", 0, {all});
    return b.take();
}

namespace {

int layerNorm(Builder &b, int x)
{
    const int mean = b.add("ReduceMean", 1, {x});
    const int centred = b.add("Sub", 0, {x, mean});
    const int variance = b.add("ReduceMean", 1, {b.add("Pow", 0, {centred})});
    const int deviation = b.add("Sqrt", 0, {b.add("Add", 0, {variance})});
    const int normed = b.add("Div", 0, {centred, deviation});
    return b.add("Add", 0, {b.add("Mul", 0, {normed})});
}

int headsReshape(Builder &b, int x, int source)
{
    // Exporters compute the target shape from the input's Shape at run time.
    const int dim = b.add("Unsqueeze", 1, {b.add("Gather", 1, {b.add("Shape", 0, {source})})});
    const int shape = b.add("Concat", 1, {dim});
    return b.add("Reshape", 0, {x, shape});
}

int encoderLayer(Builder &b, int x, int mask)
{
    const int normed = layerNorm(b, x);
    QList<int> qkv;
    for (int i = 0; i < 3; ++i) {
        const int projected = b.add("Add", 0, {b.add("MatMul", 0, {normed})});
        qkv.append(b.add("Transpose", 1, {headsReshape(b, projected, normed)}));
    }
    int scores = b.add("Div", 0, {b.add("MatMul", 0, {qkv[0], qkv[1]})});
    scores = b.add("Softmax", 1, {b.add("Add", 0, {scores, mask})});
    int context = b.add("Transpose", 1, {b.add("MatMul", 0, {scores, qkv[2]})});
    context = headsReshape(b, context, normed);
    const int attention = b.add("Add", 0, {b.add("MatMul", 0, {context})});
    const int residual = b.add("Add", 0, {x, attention});
    const int normed2 = layerNorm(b, residual);
    const int hidden = b.add("Add", 0, {b.add("MatMul", 0, {normed2})});
    const int erf = b.add("Add", 0, {b.add("Erf", 0, {b.add("Div", 0, {hidden})})});
    const int gelu = b.add("Mul", 0, {b.add("Mul", 0, {hidden, erf})});
    const int out = b.add("Add", 0, {b.add("MatMul", 0, {gelu})});
    return b.add("Add", 0, {residual, out});
}

} // namespace

Core::LayoutInput BenchGraphs::transformer(int targetNodes)
{
    const int perLayer = 67;
    const int layers = std::max(1, (targetNodes - 40) / perLayer);
    Builder b;
    const int ids = b.add("Input", 0, {});
    const int maskInput = b.add("Input", 0, {});
    const int tokens = b.add("Gather", 1, {ids});
    const int positions = b.add("Gather", 1, {b.add("Range", 0, {b.add("Shape", 0, {ids})})});
    int x = layerNorm(b, b.add("Add", 0, {tokens, positions}));
    const int mask = b.add("Mul", 0, {b.add("Sub", 0, {b.add("Cast", 1, {
                                          b.add("Unsqueeze", 1, {maskInput})})})});
    for (int layer = 0; layer < layers; ++layer)
        x = encoderLayer(b, x, mask);
    // Task heads: pooler, token classifier, span start/end.
    const int pooled = b.add("Tanh", 0, {b.add("Gemm", 2, {b.add("Gather", 1, {x})})});
    b.add("Output", 0, {b.add("Gemm", 2, {pooled})});
    b.add("Output", 0, {b.add("Softmax", 1, {b.add("MatMul", 0, {x})})});
    const int logits = b.add("Split", 1, {b.add("Add", 0, {b.add("MatMul", 0, {x})})});
    b.add("Output", 0, {b.add("Squeeze", 1, {logits})});
    b.add("Output", 0, {b.add("Squeeze", 1, {logits})});
    return b.take();
}

Core::LayoutInput BenchGraphs::withLabels(const Core::LayoutInput &input)
{
    Core::LayoutInput labelled = input;
    for (int e = 0; e < labelled.edges.size(); ++e) {
        // "1,256,40,40"-like text at ~6 px per character, deterministic per edge.
        labelled.edges[e].labelWidth = 6.0 * double(9 + (e * 7) % 6);
        labelled.edges[e].labelHeight = 11.0;
    }
    return labelled;
}

} // namespace Mcw::Bench
