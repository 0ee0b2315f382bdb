// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A real model OpenCV 4.6 refuses as it is (M-LSD tiny from npm: a Split of a constant and a
// Slice over axes [0, 2, 3, 1], reference/feasibility.md §2) loads after the rewrites, and its
// FP32 outputs match onnxruntime-node on the same tensor.
#include <tests/support/testpaths.h>

#include <core/preview/cutmodelrunner.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace Mcw::Core;
namespace Tests = Mcw::Tests;

static double cosine(const std::vector<float> &a, const std::vector<float> &b)
{
    double ab = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        ab += double(a[i]) * b[i];
        aa += double(a[i]) * a[i];
        bb += double(b[i]) * b[i];
    }
    return ab / std::sqrt(aa * bb);
}

TEST(OpenCvRewrites, MlsdLoadsAfterFoldingItsConstantSplitAndItsSliceAxesAndMatchesOnnxRuntime)
{
    const QString model = Tests::mlsdModel();
    const QList<qint64> shape{1, 320, 320, 4};
    // Cut before the Equal of its peak filter (scores == maxpool(scores)), as feasibility.md did:
    // an exact float comparison flips on the last bit, whatever the runtime.
    const QStringList cut{QStringLiteral("offsets"), QStringLiteral("WireFrameModel_with_alpha/Decoder/Sigmoid_4:0")};
    const auto runner = CutModelRunner::load(model, cut, shape);
    ASSERT_TRUE(runner) << runner.error().message.toStdString();
    const QString rewrites = runner->rewrites().join(QLatin1Char('\n'));
    EXPECT_TRUE(rewrites.contains(QStringLiteral("1 Split node(s) of a constant folded"))) << rewrites.toStdString();
    EXPECT_TRUE(rewrites.contains(QStringLiteral("Slice node(s) without their whole-dimension axes")))
        << rewrites.toStdString();

    InputTensor input;
    input.shape = shape;
    input.nhwc = true;
    input.values.resize(size_t(320 * 320 * 4));
    quint32 state = 12345; // a fixed picture-like pattern in 0..1
    for (float &v : input.values) {
        state = state * 1664525u + 1013904223u;
        v = float(state >> 8) / float(1u << 24);
    }
    const auto outputs = runner->run(input);
    ASSERT_TRUE(outputs) << outputs.error().message.toStdString();

    QTemporaryDir dir;
    QFile raw(dir.filePath(QStringLiteral("input.bin")));
    ASSERT_TRUE(raw.open(QIODevice::WriteOnly));
    raw.write(reinterpret_cast<const char *>(input.values.data()), qint64(input.values.size() * sizeof(float)));
    raw.close();
    QJsonArray names;
    for (const OutputTensor &t : *outputs)
        names.append(t.name);
    // onnxruntime runs the cut model as tpu-mlir would get it: before the OpenCV rewrites.
    QFile cutModel(dir.filePath(QStringLiteral("cut.onnx")));
    ASSERT_TRUE(cutModel.open(QIODevice::WriteOnly));
    cutModel.write(runner->cutModel());
    cutModel.close();
    const QJsonObject request{
        {QStringLiteral("model"), cutModel.fileName()},
        {QStringLiteral("input"),
         QJsonObject{{QStringLiteral("name"), runner->inputName()},
                     {QStringLiteral("dims"), QJsonArray{1, 320, 320, 4}},
                     {QStringLiteral("file"), raw.fileName()}}},
        {QStringLiteral("outputs"), names},
        {QStringLiteral("out_dir"), dir.path()}};
    QFile requestFile(dir.filePath(QStringLiteral("request.json")));
    ASSERT_TRUE(requestFile.open(QIODevice::WriteOnly));
    requestFile.write(QJsonDocument(request).toJson());
    requestFile.close();

    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_PATH"), Tests::assetDir() + QStringLiteral("/onnxruntime/node_modules"));
    node.setProcessEnvironment(env);
    node.start(QStringLiteral(MCW_TEST_NODE), {QStringLiteral(MCW_TEST_ORT_RUN), requestFile.fileName()});
    ASSERT_TRUE(node.waitForFinished(120000));
    ASSERT_EQ(node.exitCode(), 0) << node.readAllStandardError().toStdString();

    QFile result(dir.filePath(QStringLiteral("result.json")));
    ASSERT_TRUE(result.open(QIODevice::ReadOnly));
    const QJsonArray reference = QJsonDocument::fromJson(result.readAll()).object().value(QStringLiteral("outputs")).toArray();
    ASSERT_EQ(reference.size(), outputs->size());
    for (int i = 0; i < outputs->size(); ++i) {
        QFile bin(reference.at(i).toObject().value(QStringLiteral("file")).toString());
        ASSERT_TRUE(bin.open(QIODevice::ReadOnly));
        const QByteArray bytes = bin.readAll();
        std::vector<float> ref(size_t(bytes.size()) / sizeof(float));
        std::memcpy(ref.data(), bytes.constData(), ref.size() * sizeof(float));
        const std::vector<float> &got = outputs->at(i).values;
        ASSERT_EQ(got.size(), ref.size()) << outputs->at(i).name.toStdString();
        EXPECT_GE(cosine(got, ref), 0.9999) << outputs->at(i).name.toStdString();
    }
}
