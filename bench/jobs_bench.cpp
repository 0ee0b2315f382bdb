// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Job orchestration benchmark (docs/benchmarks.md, "Job orchestration"):
//  1. overhead per step: a pipeline of zero-delay fake_tool steps through JobPool (native
//     backend, logs on disk, job.json, output hashing) against starting the same process bare;
//  2. UI responsiveness: a step floods N lines into a LogView while a 10 ms QTimer probe measures
//     how late the event loop serves it (the longest block of the UI thread).
// Usage: jobs_bench [steps=40] [flood_lines=1000000]   (runs offscreen)
// jobs_bench_core is the same without the LogView (mcw_core only): runner, parser, log files.
#include <core/run/conversionpipeline.h>
#include <core/run/jobpool.h>
#include <core/run/toolchainbackend.h>
#ifdef MCW_BENCH_WITH_VIEW
#include <widgets/jobs/logview.h>

#include <QApplication>
#else
#include <QCoreApplication>
#endif
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Mcw;

/** CPU time of the calling (UI) thread in ms: unlike wall time, not inflated by other load. */
static double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

static Core::ToolInvocation fakeTool(const QStringList &script)
{
    return Core::ToolInvocation{QStringLiteral(MCW_FAKE_TOOL), script, {}, {}};
}

static bool runJob(Core::JobPool &pool, const Core::JobRecord &record, Core::ConversionJob **out = nullptr)
{
    Core::ConversionJob *job = pool.submit(record);
    if (out)
        *out = job;
    while (job->state() == Core::JobState::Queued || job->state() == Core::JobState::Running)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return job->state() == Core::JobState::Succeeded;
}

int main(int argc, char *argv[])
{
#ifdef MCW_BENCH_WITH_VIEW
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    const int steps = argc > 1 ? std::atoi(argv[1]) : 40;
    const long floodLines = argc > 2 ? std::atol(argv[2]) : 1000000;
    QTemporaryDir dir;
    Core::ToolchainSettings settings;
    settings.backend = Core::ToolchainSettings::Backend::Native;
    Core::JobPool pool;
    pool.setBackend(Core::ToolchainBackend::create(settings));

    // 1. Bare process start + wait, the floor any runner pays.
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < steps; ++i) {
        QProcess p;
        p.start(QStringLiteral(MCW_FAKE_TOOL), {QStringLiteral("out:hello")});
        p.waitForFinished();
    }
    const double bareMs = double(clock.nsecsElapsed()) / 1e6 / steps;

    QList<Core::PipelineStepSpec> specs;
    for (int i = 0; i < steps; ++i) {
        specs.append({QStringLiteral("s%1").arg(i), QStringLiteral("Step %1").arg(i), fakeTool({QStringLiteral("out:hello")}),
                      i == 0 ? QStringList() : QStringList{QStringLiteral("s%1").arg(i - 1)}});
    }
    auto record = Core::ConversionPipeline::createJob(QStringLiteral("bench"), dir.filePath(QStringLiteral("overhead")), specs);
    clock.restart();
    const double cpuBefore = threadCpuMs();
    if (!record || !runJob(pool, *record)) {
        std::fprintf(stderr, "overhead pipeline failed\n");
        return 1;
    }
    const double pipelineMs = double(clock.nsecsElapsed()) / 1e6 / steps;
    const double pipelineCpuMs = (threadCpuMs() - cpuBefore) / steps;
    std::printf("steps: %d\nbare process per step: %.2f ms\npipeline per step: %.2f ms\n"
                "orchestration overhead per step: %.2f ms wall (target < 50 ms), %.2f ms UI-thread CPU\n",
                steps, bareMs, pipelineMs, pipelineMs - bareMs, pipelineCpuMs);

    // 2. Event-loop latency while a step floods the log view.
#ifdef MCW_BENCH_WITH_VIEW
    Widgets::LogView view;
    view.resize(900, 600);
    view.show();
#endif
    auto flood = Core::ConversionPipeline::createJob(
        QStringLiteral("flood"), dir.filePath(QStringLiteral("flood")),
        {{QStringLiteral("flood"), QStringLiteral("Flood"), fakeTool({QStringLiteral("flood:%1").arg(floodLines)}), {}}});
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QElapsedTimer sinceTick;
    QList<qint64> lateness;
    double lastCpu = 0.0;
    double worstCpu = 0.0; // UI-thread CPU between two probe ticks: the longest block, load-independent
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const double cpu = threadCpuMs();
        if (sinceTick.isValid()) {
            lateness.append(qMax<qint64>(0, sinceTick.nsecsElapsed() / 1000000 - 10));
            worstCpu = std::max(worstCpu, cpu - lastCpu);
        }
        lastCpu = cpu;
        sinceTick.restart();
    });
    long received = 0;
    QObject::connect(&pool, &Core::JobPool::jobAdded, &pool, [&](Core::ConversionJob *job) {
        QObject::connect(job, &Core::ConversionJob::outputLine, job,
                         [&](const QString &, Core::OutputStream s, const QString &line) {
                             ++received;
#ifdef MCW_BENCH_WITH_VIEW
                             view.appendLine(s, line);
#else
                             Q_UNUSED(s);
                             Q_UNUSED(line);
#endif
                         });
    });
    probe.start();
    clock.restart();
    if (!flood || !runJob(pool, *flood)) {
        std::fprintf(stderr, "flood job failed\n");
        return 1;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    probe.stop();
    std::sort(lateness.begin(), lateness.end());
    const qint64 worst = lateness.isEmpty() ? 0 : lateness.last();
    const qint64 p99 = lateness.isEmpty() ? 0 : lateness.at(qsizetype(double(lateness.size() - 1) * 0.99));
    std::printf("flood: %ld lines in %.2f s (%.0f lines/s through runner, parser, log files%s)\n"
                "event-loop lateness (wall): p99 %lld ms, worst %lld ms over %lld probes\n"
                "UI-thread CPU between two 10 ms probes, worst: %.1f ms (target: < 50 ms)\n",
                received, seconds, double(received) / seconds,
#ifdef MCW_BENCH_WITH_VIEW
                " and the log view",
#else
                "",
#endif
                static_cast<long long>(p99),
                static_cast<long long>(worst), static_cast<long long>(lateness.size()), worstCpu);
    return received == floodLines ? 0 : 1;
}
