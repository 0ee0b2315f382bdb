// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensornames.h"

#include <core/onnx/graph.h>

namespace Mcw::Core {

QString onnxTensorName(const QString &mlirName)
{
    const qsizetype us = mlirName.lastIndexOf(QLatin1Char('_'));
    if (us <= 0 || us + 1 >= mlirName.size())
        return mlirName;
    // ONNX op types are CamelCase words: "Conv", "MatMul", "Sigmoid", "LayerNormalization".
    const QStringView suffix = QStringView(mlirName).mid(us + 1);
    if (!suffix.front().isUpper())
        return mlirName;
    for (QChar c : suffix) {
        if (!c.isLetterOrNumber() || c.unicode() > 127)
            return mlirName;
    }
    return mlirName.left(us);
}

QString onnxNodeNameGuess(const QString &mlirName)
{
    const QString tensor = onnxTensorName(mlirName);
    const qsizetype at = tensor.lastIndexOf(QLatin1StringView("_output_"));
    if (at <= 0)
        return {};
    bool ok = false;
    const int index = QStringView(tensor).mid(at + 8).toInt(&ok);
    return ok && index >= 0 ? tensor.left(at) : QString();
}

QString onnxNodeId(const Graph &graph, const QString &mlirName)
{
    for (const QString &candidate : {onnxTensorName(mlirName), mlirName}) {
        if (const Tensor *t = graph.tensor(candidate); t && t->producer >= 0)
            return graph.nodes().at(t->producer).id;
    }
    const QString guess = onnxNodeNameGuess(mlirName);
    if (!guess.isEmpty()) {
        if (const Node *n = graph.node(guess))
            return n->id;
    }
    return {};
}

} // namespace Mcw::Core
