// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <core/onnx/subgraphextractor.h>

#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QString model(const QString &name)
{
    return QStringLiteral(MCW_PREFLIGHT_MODELS "/%1.onnx").arg(name);
}

/** Runs Python's onnx (an independent implementation) on the cut and reference models. */
static QString pythonSummary(const QString &source, const QString &cut, const QStringList &outputs)
{
    const QString script = QStringLiteral(
        "import sys, onnx, onnx.utils\n"
        "src, cut, ref = sys.argv[1], sys.argv[2], sys.argv[3]\n"
        "outs = sys.argv[4].split('|')\n"
        "onnx.utils.extract_model(src, ref, ['images'], outs)\n"
        "a, b = onnx.load(cut), onnx.load(ref)\n"
        "onnx.checker.check_model(a)\n"
        "same_nodes = sorted(n.name for n in a.graph.node) == sorted(n.name for n in b.graph.node)\n"
        "same_inits = sorted(i.name for i in a.graph.initializer) == sorted(i.name for i in b.graph.initializer)\n"
        "shapes = ';'.join(o.name + '=' + ','.join(str(d.dim_value) for d in o.type.tensor_type.shape.dim) for o in a.graph.output)\n"
        "meta = ','.join(sorted(p.key for p in a.metadata_props))\n"
        "print(same_nodes, same_inits, len(a.graph.node), [i.name for i in a.graph.input], shapes, meta)\n");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), script, source, cut, cut + QStringLiteral(".ref.onnx"), outputs.join(QLatin1Char('|'))});
    EXPECT_TRUE(python.waitForFinished(60000));
    EXPECT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

TEST(SubgraphExtractorTest, MatchesOnnxExtractModel)
{
    QTemporaryDir dir;
    const auto graph = OnnxLoader::loadFile(model(QStringLiteral("v8_pose")));
    ASSERT_TRUE(graph);
    const QStringList outputs{QStringLiteral("/model.22/dfl/conv/Conv_output_0"), QStringLiteral("/model.22/Sigmoid_output_0"),
                              QStringLiteral("/model.22/Concat_output_0")};
    const QString path = dir.filePath(QStringLiteral("cut.onnx"));
    const auto result = SubgraphExtractor::extractToFile(*graph, outputs, path);
    ASSERT_TRUE(result) << result.error().message.toStdString() << result.error().details.toStdString();
    EXPECT_TRUE(result->warnings.isEmpty());
    EXPECT_GT(result->removedNodes, 0);
    EXPECT_GT(result->removedInitializers, 0);
    EXPECT_EQ(result->keptNodes + result->removedNodes, graph->nodes().size());

    const QString summary = pythonSummary(model(QStringLiteral("v8_pose")), path, outputs);
    EXPECT_EQ(summary, QStringLiteral("True True %1 ['images'] "
                                      "/model.22/dfl/conv/Conv_output_0=1,1,4,126;/model.22/Sigmoid_output_0=1,1,126;"
                                      "/model.22/Concat_output_0=1,51,126 names,task").arg(result->keptNodes));

    // The cut model loads again and its outputs are exactly the cut.
    const auto reloaded = OnnxLoader::loadFile(path);
    ASSERT_TRUE(reloaded);
    EXPECT_EQ(reloaded->outputNames(), outputs);
    EXPECT_EQ(reloaded->metadataValue(QStringLiteral("task")), QStringLiteral("pose"));
}

TEST(SubgraphExtractorTest, RejectsBadOutputs)
{
    const auto graph = OnnxLoader::loadFile(model(QStringLiteral("classifier")));
    ASSERT_TRUE(graph);
    EXPECT_FALSE(SubgraphExtractor::extract(*graph, {}));
    EXPECT_FALSE(SubgraphExtractor::extract(*graph, {QStringLiteral("nope")}));
    EXPECT_FALSE(SubgraphExtractor::extract(*graph, {QStringLiteral("images")}));
    EXPECT_FALSE(SubgraphExtractor::extract(*graph, {QStringLiteral("fc.weight")}));
    const auto ok = SubgraphExtractor::extract(*graph, {QStringLiteral("/fc/Gemm_output_0")});
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->removedNodes, 1); // the Softmax
}
