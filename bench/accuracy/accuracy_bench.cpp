// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// accuracy_bench: the speed targets of issue 6.
//   BM_CompareNpz   all metrics for two npz files of 300 tensors / 200 MB each (target < 1 s)
//   BM_ChartPan     frames per second while panning a 5,000-layer chart (target ≥ 30 fps)
// The npz files are written by numpy into $MCW_BENCH_DIR (default /tmp/mcw-accuracy-bench).
#include <core/accuracy/npzcomparison.h>
#ifdef MCW_BENCH_WIDGETS
#include <widgets/accuracy/accuracychartview.h>

#include <QApplication>
#else
#include <QCoreApplication>
#endif

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>

using namespace Mcw;

static QString benchDir()
{
    const QString dir
        = qEnvironmentVariable("MCW_BENCH_DIR", QStringLiteral("/tmp/mcw-accuracy-bench"));
    QDir().mkpath(dir);
    return dir;
}

static bool ensureNpzFiles()
{
    const QString dir = benchDir();
    if (QFile::exists(dir + QStringLiteral("/bench_target.npz"))
        && QFile::exists(dir + QStringLiteral("/bench_reference.npz"))) {
        return true;
    }
    std::fprintf(stderr, "writing 2 × 200 MB npz files into %s …\n", qPrintable(dir));
    QProcess python;
    python.start(QStringLiteral(MCW_PYTHON),
                 {QStringLiteral(MCW_NPZ_CASES_SCRIPT),
                  dir,
                  QStringLiteral("--bench"),
                  QStringLiteral("300"),
                  QStringLiteral("200")});
    return python.waitForFinished(600000) && python.exitCode() == 0;
}

static void BM_CompareNpz(benchmark::State &state)
{
    if (!ensureNpzFiles()) {
        state.SkipWithError("could not write the npz files with numpy");
        return;
    }
    const QString dir = benchDir();
    qint64 tensors = 0;
    for (auto _ : state) {
        auto result
            = Core::NpzComparison::compareFiles(dir + QStringLiteral("/bench_target.npz"),
                                                dir + QStringLiteral("/bench_reference.npz"));
        if (!result) {
            state.SkipWithError(qPrintable(result.error().message));
            return;
        }
        tensors = result->tensors.size();
        benchmark::DoNotOptimize(result->tensors.data());
    }
    state.counters["tensors"] = double(tensors);
    state.SetBytesProcessed(state.iterations()
                            * (QFile(dir + QStringLiteral("/bench_target.npz")).size()
                               + QFile(dir + QStringLiteral("/bench_reference.npz")).size()));
}
BENCHMARK(BM_CompareNpz)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

#ifdef MCW_BENCH_WIDGETS
static QList<Core::LayerMetrics> syntheticLayers(int count)
{
    QList<Core::LayerMetrics> layers;
    for (int i = 0; i < count; ++i) {
        Core::LayerMetrics m;
        m.index = i;
        m.tensorName = QStringLiteral("/model.%1/conv/Conv_output_0_Conv").arg(i / 8);
        m.onnxTensorName = QStringLiteral("/model.%1/conv/Conv_output_0").arg(i / 8);
        m.opType = QStringLiteral("Conv");
        const double t = double(i) / count;
        m.cosine = 1.0 - 0.02 * t * t - (i % 37 == 0 ? 0.05 : 0.0);
        m.euclidean = 1.0 - 0.3 * t - (i % 23 == 0 ? 0.2 : 0.0);
        m.sqnr = 50.0 - 40.0 * t;
        m.passed = m.cosine > 0.99 && m.euclidean > 0.9;
        m.status = m.passed ? Core::CompareStatus::Similar : Core::CompareStatus::NotSimilar;
        layers.append(m);
    }
    return layers;
}

// One frame = pan by 1/50 of the visible window + a synchronous repaint of the viewport.
static void BM_ChartPan(benchmark::State &state)
{
    const int layers = int(state.range(0));
    const double window = double(state.range(1)); // visible layers (layers = everything)
    Widgets::AccuracyChartView view;
    view.resize(1280, 720);
    view.setLayers(syntheticLayers(layers), Core::Tolerance{0.99, 0.90}, QStringLiteral("bench"));
    view.show();
    QCoreApplication::processEvents();
    view.zoomBy(window / layers, 0);
    double step = window / 50;
    qint64 frames = 0;
    QElapsedTimer timer;
    timer.start();
    for (auto _ : state) {
        if (view.visibleMax() >= layers - 1 || view.visibleMin() <= -0.5 + 1e-9)
            step = view.visibleMax() >= layers - 1 ? -std::fabs(step) : std::fabs(step);
        view.panBy(step);
        view.viewport()->repaint();
        ++frames;
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    state.counters["fps"] = frames / seconds;
}
BENCHMARK(BM_ChartPan)
    ->Args({5000, 500})
    ->Args({5000, 5000})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();

// Zoomed out, a pan is a no-op; what matters is one full redraw of all 5,000 layers.
static void BM_ChartFullRedraw(benchmark::State &state)
{
    Widgets::AccuracyChartView view;
    view.resize(1280, 720);
    view.setLayers(
        syntheticLayers(int(state.range(0))), Core::Tolerance{0.99, 0.90}, QStringLiteral("bench"));
    view.show();
    QCoreApplication::processEvents();
    qint64 frames = 0;
    QElapsedTimer timer;
    timer.start();
    for (auto _ : state) {
        view.resetZoom();
        view.zoomBy(0.999, 0); // forces the series to be laid out again
        view.viewport()->repaint();
        ++frames;
    }
    state.counters["fps"] = frames / (timer.nsecsElapsed() / 1e9);
}
BENCHMARK(BM_ChartFullRedraw)
    ->Arg(5000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
#endif

int main(int argc, char **argv)
{
#ifdef MCW_BENCH_WIDGETS
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
