// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// FP32 preview speed: image → device preprocessing → cut model (OpenCV dnn) → MaixPy decode →
// drawn boxes, on the YOLOv8n sample at 640×640 (or any model at its own input size), and beside it onnxruntime-node's forward on the
// very same input tensor (tests/core/preview/ort_run.js), in one run. Not a test.
//
// Usage: preview_bench MODEL.onnx IMAGE_A IMAGE_B NODE ORT_NODE_MODULES [RUNS]
#include <core/accuracy/npzwriter.h>
#include <core/atomicfile.h>
#include <core/onnx/familydetector.h>
#include <core/onnx/onnxloader.h>
#include <core/preview/outputdecoder.h>
#include <core/preview/previewengine.h>
#include <core/project/cocolabels.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Mcw::Core;

static double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 6) {
        std::fprintf(
            stderr,
            "usage: preview_bench MODEL.onnx IMAGE_A IMAGE_B NODE ORT_NODE_MODULES [RUNS]\n");
        return 2;
    }
    const int runs = args.size() > 6 ? args[6].toInt() : 20;
    const auto graph = OnnxLoader::loadFile(args[1]);
    if (!graph) {
        std::fprintf(stderr, "%s\n", qPrintable(graph.error().message));
        return 1;
    }
    const FamilyDetection family = detectFamily(*graph);
    Project project;
    project.modelPath = args[1];
    project.cutTensors = family.recommendedOutputs;
    // The model's own static input (the sample: 1×3×640×640).
    project.inputShape = graph->tensor(graph->inputNames().value(0))->shape.values();
    project.modelType = family.family;
    project.task = QStringLiteral("detector");
    project.labels = cocoLabels();
    const DecoderSettings settings = OutputDecoder::settingsFor(project);

    PreviewEngine engine;
    QElapsedTimer load;
    load.start();
    const auto first = engine.run(project, args[2], settings); // loads the network, warms up
    if (!first) {
        std::fprintf(stderr, "%s\n", qPrintable(first.error().message));
        return 1;
    }
    const double loadMs = load.nsecsElapsed() / 1e6;
    std::vector<double> total, prepare, forward, decode, draw;
    for (int i = 0; i < runs; ++i) {
        // Alternate two files so every run reads and decodes its image, like picking a new one.
        QElapsedTimer t;
        t.start();
        const auto r = engine.run(project, args[2 + (i + 1) % 2], settings);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            return 1;
        }
        total.push_back(t.nsecsElapsed() / 1e6);
        prepare.push_back(r->prepareMs);
        forward.push_back(r->forwardMs);
        decode.push_back(r->decodeMs);
        draw.push_back(r->drawMs);
    }

    // onnxruntime-node on the same tensor and the same cut model.
    QTemporaryDir dir;
    const QString cut = dir.filePath(QStringLiteral("cut.onnx"));
    const QString raw = dir.filePath(QStringLiteral("input.bin"));
    const auto runner = engine.runnerFor(project);
    if (!runner || !writeFileAtomically(cut, runner->cutModel())
        || !writeFileAtomically(
            raw,
            QByteArray(reinterpret_cast<const char *>(first->input.values.data()),
                       qsizetype(first->input.values.size() * sizeof(float))))) {
        std::fprintf(stderr, "cannot write the cut model or the input\n");
        return 1;
    }
    QJsonArray dims;
    for (qint64 d : first->input.shape)
        dims.append(double(d));
    const QJsonObject request{
        {QStringLiteral("model"), cut},
        {QStringLiteral("input"),
         QJsonObject{{QStringLiteral("name"), first->inputName},
                     {QStringLiteral("dims"), dims},
                     {QStringLiteral("file"), raw}}},
        {QStringLiteral("outputs"), QJsonArray::fromStringList(runner->outputNames())},
        {QStringLiteral("out_dir"), dir.path()},
        {QStringLiteral("runs"), runs + 1}};
    const QString requestFile = dir.filePath(QStringLiteral("request.json"));
    writeFileAtomically(requestFile, QJsonDocument(request).toJson());
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_PATH"), args[5]);
    node.setProcessEnvironment(env);
    node.start(args[4], {QStringLiteral(MCW_ORT_RUN_SCRIPT), requestFile});
    if (!node.waitForFinished(600000) || node.exitCode() != 0) {
        std::fprintf(
            stderr, "onnxruntime-node failed: %s\n", node.readAllStandardError().constData());
        return 1;
    }
    QFile resultFile(dir.filePath(QStringLiteral("result.json")));
    resultFile.open(QIODevice::ReadOnly);
    const QJsonArray times = QJsonDocument::fromJson(resultFile.readAll())
                                 .object()
                                 .value(QStringLiteral("ms"))
                                 .toArray();
    std::vector<double> ort;
    for (int i = 1; i < times.size(); ++i) // the first run is the warm-up
        ort.push_back(times[i].toDouble());

    std::printf("model %s, cut %s, input %lldx%lld, %d runs (median; min)\n",
                qPrintable(args[1]),
                qPrintable(project.cutTensors.join(QLatin1Char(','))),
                project.inputShape.value(3),
                project.inputShape.value(2),
                runs);
    std::printf("network load + first run: %.1f ms\n", loadMs);
    std::printf("| runtime | image → drawn boxes ms | prepare | forward | decode | draw "
                "|\n|---|---|---|---|---|---|\n");
    std::printf("| OpenCV 4.6 dnn | %.1f (%.1f) | %.1f | %.1f (%.1f) | %.1f | %.1f |\n",
                median(total),
                *std::min_element(total.begin(), total.end()),
                median(prepare),
                median(forward),
                *std::min_element(forward.begin(), forward.end()),
                median(decode),
                median(draw));
    std::printf("| onnxruntime-node (forward only) | — | — | %.1f (%.1f) | — | — |\n",
                median(ort),
                *std::min_element(ort.begin(), ort.end()));
    return 0;
}
