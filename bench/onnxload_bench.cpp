// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Load + shape-inference time and peak RSS of OnnxLoader, side by side with Python's
// onnx.load + onnx.shape_inference.infer_shapes on the same files. Each measurement runs in its
// own process so peak RSS belongs to one model and one implementation.
//
//   onnxload_bench [--runs N] [MODEL.onnx ...]
// Without models: BlazeFace and PP-OCR cls from the test-asset cache plus a generated 10k-node
// model. Prints a Markdown table for docs/benchmarks.md.
#include <core/onnx/onnxloader.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Mcw::Core;

static qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

static double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

static void print(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Child mode: time `runs` loads of one model, print one JSON line.
static int timeOne(const QString &path, int runs)
{
    const qint64 baseline = peakRssKb();
    QList<double> times;
    QList<double> cpu;
    int nodes = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double startCpu = processCpuMs();
        const auto graph = OnnxLoader::loadFile(path);
        times.append(double(timer.nsecsElapsed()) / 1e6);
        cpu.append(processCpuMs() - startCpu);
        if (!graph) {
            std::fprintf(stderr, "%s\n", qPrintable(graph.error().message));
            return 1;
        }
        nodes = int(graph->nodes().size());
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    const QJsonObject o{{QStringLiteral("median_ms"), times.at(times.size() / 2)},
                        {QStringLiteral("cpu_median_ms"), cpu.at(cpu.size() / 2)},
                        {QStringLiteral("min_ms"), times.front()},
                        {QStringLiteral("peak_rss_kb"), double(peakRssKb())},
                        {QStringLiteral("baseline_rss_kb"), double(baseline)},
                        {QStringLiteral("nodes"), nodes}};
    print(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    return 0;
}

static QJsonObject runChild(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(600000) || process.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program),
                     process.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput().trimmed().split('\n').last()).object();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 5;
    if (args.size() >= 2 && args.first() == QLatin1String("--runs")) {
        runs = std::max(1, args.at(1).toInt());
        args = args.mid(2);
    }
    if (args.size() == 2 && args.first() == QLatin1String("--one"))
        return timeOne(args.at(1), runs);

    const QString script = QStringLiteral(MCW_BENCH_SOURCE_DIR "/onnxload_bench.py");
    const QString python = QStringLiteral("/usr/bin/python3");
    QTemporaryDir work;
    QStringList models = args;
    if (models.isEmpty()) {
        QString assets = qEnvironmentVariable("MCW_TEST_ASSETS");
        if (assets.isEmpty())
            assets = QDir::homePath() + QStringLiteral("/.cache/maixcam-workbench/test-assets");
        models = {assets + QStringLiteral("/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx"),
                  assets + QStringLiteral("/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx")};
        const QString chain = work.filePath(QStringLiteral("chain10k.onnx"));
        QProcess::execute(python, {script, QStringLiteral("generate"), chain, QStringLiteral("10000")});
        models.append(chain);
    }

    print(QStringLiteral("| model | nodes | C++ wall median / min ms | C++ CPU median ms | C++ peak RSS "
                         "MiB (before load) | Python wall median / min ms | Python CPU median ms "
                         "| Python peak RSS MiB (before load) | speed-up wall / CPU |"));
    print(QStringLiteral("|---|---|---|---|---|---|---|---|---|"));
    for (const QString &model : std::as_const(models)) {
        const QJsonObject cpp = runChild(app.applicationFilePath(),
                                         {QStringLiteral("--runs"), QString::number(runs),
                                          QStringLiteral("--one"), model});
        const QJsonObject py = runChild(python, {script, QStringLiteral("time"), model,
                                                 QString::number(runs)});
        auto value = [](const QJsonObject &o, const char *key) {
            return o.value(QLatin1String(key)).toDouble();
        };
        auto ms = [&value](const QJsonObject &o, const char *key) {
            return QString::number(value(o, key), 'f', 1);
        };
        auto mib = [&value](const QJsonObject &o, const char *key) {
            return QString::number(value(o, key) / 1024.0, 'f', 1);
        };
        auto ratio = [&value, &cpp, &py](const char *key) {
            return QString::number(value(py, key) / std::max(value(cpp, key), 1e-9), 'f', 1);
        };
        print(QStringLiteral("| %1 | %2 | %3 / %4 | %5 | %6 (%7) | %8 / %9 | ")
                  .arg(QFileInfo(model).fileName())
                  .arg(cpp.value(QStringLiteral("nodes")).toInt())
                  .arg(ms(cpp, "median_ms"), ms(cpp, "min_ms"), ms(cpp, "cpu_median_ms"),
                       mib(cpp, "peak_rss_kb"), mib(cpp, "baseline_rss_kb"), ms(py, "median_ms"),
                       ms(py, "min_ms"))
              + QStringLiteral("%1 | %2 (%3) | %4× / %5× |")
                    .arg(ms(py, "cpu_median_ms"), mib(py, "peak_rss_kb"),
                         mib(py, "baseline_rss_kb"), ratio("median_ms"), ratio("cpu_median_ms")));
    }
    return 0;
}
