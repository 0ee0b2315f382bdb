// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Rendering benchmark of the graph view: mean time of a full synchronous repaint of the view at
// fit-to-window and at 100 % zoom, plus peak RSS. Usage: graphview_bench [MODEL.onnx ...]
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/graphview.h>

#include <core/onnx/onnxloader.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <sys/resource.h>

#include <ctime>

#include <cstdio>

using namespace Mcw;

static double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct FrameTime
{
    double cpuMs = 0.0;  // mean CPU time of the UI thread per frame: robust on a shared machine
    double wallMs = 0.0; // mean wall time per frame
};

static FrameTime meanRepaint(Widgets::GraphView &view, int frames)
{
    for (int i = 0; i < 3; ++i)
        view.viewport()->repaint(); // warm-up: index, glyph caches
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuMs();
    for (int i = 0; i < frames; ++i)
        view.viewport()->repaint();
    return {(threadCpuMs() - cpuStart) / frames, double(timer.nsecsElapsed()) / 1e6 / frames};
}

static long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

static int benchModel(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    const Core::Expected<Core::Graph> graph = Core::OnnxLoader::loadFile(path);
    if (!graph) {
        std::fprintf(stderr, "%s\n", qPrintable(graph.error().message));
        return 2;
    }
    const double loadMs = timer.elapsed();

    Widgets::GraphView view;
    view.resize(1600, 1000);
    view.show();
    QEventLoop loop;
    QObject::connect(&view, &Widgets::GraphView::layoutFinished, &loop, &QEventLoop::quit);
    timer.restart();
    view.setGraph(*graph);
    if (!view.graphScene())
        loop.exec();
    const double layoutAndSceneMs = timer.elapsed();
    const auto *scene = view.graphScene();
    std::printf("model %s: %lld ONNX nodes, %lld display nodes, %lld edges, scene %.0f x %.0f\n",
                qPrintable(path), qlonglong(graph->nodes().size()), qlonglong(scene->nodeItems().size()),
                qlonglong(scene->edgeItems().size()), scene->sceneRect().width(), scene->sceneRect().height());
    std::printf("  load %.0f ms, view graph + measure + layout + scene %.0f ms\n", loadMs, layoutAndSceneMs);

    constexpr int frames = 40;
    view.fitToWindow();
    const double fitZoom = view.zoom();
    const FrameTime fit = meanRepaint(view, frames);
    // The same frame drawn item by item (what the overview item replaces below the text zoom).
    view.setScene(view.graphScene());
    const FrameTime fitItems = meanRepaint(view, 5);
    view.setScene(view.graphScene()->overviewScene());
    timer.restart();
    view.setZoom(1.0);
    const double switchMs = timer.nsecsElapsed() / 1e6;
    view.centerOn(scene->sceneRect().center());
    const FrameTime actual = meanRepaint(view, frames);
    std::printf("  full repaint at fit-to-window (zoom %.4f): %.2f ms CPU, %.2f ms wall, mean of %d frames"
                " (item by item instead: %.2f ms CPU)\n", fitZoom, fit.cpuMs, fit.wallMs, frames, fitItems.cpuMs);
    std::printf("  full repaint at 100 %% zoom: %.2f ms CPU, %.2f ms wall, mean of %d frames"
                " (switch from overview: %.0f ms)\n", actual.cpuMs, actual.wallMs, frames, switchMs);
    view.fitToWindow();
    timer.restart();
    view.setZoom(1.0);
    view.viewport()->repaint();
    std::printf("  second switch overview -> 100 %% incl. one frame: %.0f ms\n", timer.nsecsElapsed() / 1e6);
    std::printf("  peak RSS so far: %ld MiB\n", peakRssMiB());
    return 0;
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList models = app.arguments().mid(1);
    if (models.isEmpty())
        models = {QStringLiteral(MCW_BENCH_DEFAULT_MODEL)};
    for (const QString &model : std::as_const(models)) {
        if (const int rc = benchModel(model))
            return rc;
    }
    return 0;
}
