// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: arbitrary bytes through OnnxLoader::loadBytes (parse, checks, shape inference
// with folding, Graph building), then a few Graph queries a caller would make. The loader must
// return a value or an Error; it must never crash, hang or leak.
#include <core/onnx/familydetector.h>
#include <core/onnx/graph.h>
#include <core/onnx/onnxloader.h>

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // External data is resolved next to this (nonexistent) path, so no real file is read.
    const auto graph = Mcw::Core::OnnxLoader::loadBytes(bytes, QStringLiteral("/nonexistent/fuzz.onnx"));
    if (!graph)
        return graph.error().message.isEmpty() ? 1 : 0;
    const Mcw::Core::Graph &g = *graph;
    for (const Mcw::Core::Tensor &t : g.tensors()) {
        (void)t.shape.toString();
        (void)t.shape.elementCount();
    }
    for (const QString &name : g.initializerNames()) {
        const auto tensorData = g.initializerData(name);
        if (tensorData)
            (void)Mcw::Core::computeStats(*tensorData);
    }
    for (const Mcw::Core::Node &node : g.nodes()) {
        for (const Mcw::Core::Attribute &a : node.attributes)
            (void)a.toDisplayString();
    }
    (void)g.parameterCount();
    (void)Mcw::Core::detectFamily(g);
    return 0;
}
