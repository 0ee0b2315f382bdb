// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Main-window stalls (docs/benchmarks.md, "Main window stalls", issue 16): the worst time the UI
// thread is busy between two 10 ms timer probes while the window
//  1. exports a bundle whose provenance hashes every calibration image (default 500), off the UI
//     thread, against the reference: BundleExporter on the UI thread, as the window did before;
//  2. takes "0.485, 0.456, 0.406" typed key by key into the preprocessing form's mean, with the
//     debounced project check off the UI thread, against the reference: the project check
//     (pre-flight + operator support + family detection) run on the UI thread after every key.
// UI-thread CPU between probes is load-independent (the machine is shared); wall lateness is
// printed too. Usage: guistall_bench MODEL.onnx PHOTO_DIR [images=500]   (runs offscreen)
#include <app/workbench/mainwindow.h>
#include <core/bundle/bundleexporter.h>
#include <core/run/conversionsession.h>
#include <core/workflow/projectcheck.h>
#include <widgets/document/projectdocument.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <ctime>

using namespace Mcw;

static double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/** A 10 ms probe timer: the longest UI-thread CPU block and wall lateness between two ticks. */
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const double cpu = threadCpuMs();
            m_worstCpu = qMax(m_worstCpu, cpu - m_lastCpu);
            m_worstLate = qMax(m_worstLate, double(m_sinceTick.nsecsElapsed()) / 1e6 - 10.0);
            m_lastCpu = cpu;
            m_sinceTick.restart();
        });
    }
    void start()
    {
        m_worstCpu = m_worstLate = 0.0;
        m_lastCpu = threadCpuMs();
        m_sinceTick.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worstCpu() const { return m_worstCpu; }
    double worstLate() const { return m_worstLate; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    double m_lastCpu = 0.0;
    double m_worstCpu = 0.0;
    double m_worstLate = 0.0;
};

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("MCW_NO_DIALOGS", "1");
    qputenv("FAKE_TPU_SPEED", "0");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("maixcam-workbench-bench"));
    if (argc < 3) {
        std::fprintf(stderr, "usage: guistall_bench MODEL.onnx PHOTO_DIR [images=500]\n");
        return 2;
    }
    const QString model = QString::fromLocal8Bit(argv[1]);
    const QString photos = QString::fromLocal8Bit(argv[2]);
    const int images = argc > 3 ? std::atoi(argv[3]) : 500;

    // A calibration folder of N real photos (copies under distinct names).
    QTemporaryDir dir;
    const QString dataset = dir.filePath(QStringLiteral("calibration"));
    QDir().mkpath(dataset);
    const QStringList sources = QDir(photos).entryList(QDir::Files, QDir::Name);
    if (sources.isEmpty()) {
        std::fprintf(stderr, "no photos in %s\n", qPrintable(photos));
        return 2;
    }
    qint64 bytes = 0;
    for (int i = 0; i < images; ++i) {
        const QString source = photos + QLatin1Char('/') + sources.at(i % sources.size());
        const QString target = QStringLiteral("%1/%2_%3").arg(dataset).arg(i, 4, 10, QLatin1Char('0')).arg(sources.at(i % sources.size()));
        QFile::copy(source, target);
        bytes += QFileInfo(target).size();
    }

    App::MainWindow window;
    Core::ToolchainSettings toolchain;
    toolchain.backend = Core::ToolchainSettings::Backend::Native;
    toolchain.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
    window.setToolchainSettings(toolchain);
    window.resize(1440, 900);
    window.show();
    QSignalSpy loaded(&window, &App::MainWindow::modelLoaded);
    window.openModel(model);
    if (!loaded.wait(60000))
        return 1;
    Core::Project project = window.document()->project();
    project.quantization.datasetDir = dataset;
    project.quantization.inputNum = 5;
    project.testImage = photos + QLatin1Char('/') + sources.first();
    window.document()->edit(project, QStringLiteral("bench"));
    window.saveProjectAs(dir.filePath(QStringLiteral("bench.yaml")));
    QSignalSpy finished(&window, &App::MainWindow::conversionFinished);
    window.runConversion(false);
    if (!finished.wait(300000) || !finished.first().first().toBool()) {
        std::fprintf(stderr, "the conversion on the doubles failed\n");
        return 1;
    }
    QTest::qWait(500); // accuracy and history reads settle

    StallProbe probe;
    // 1a. Export through the window (off the UI thread).
    QSignalSpy exported(&window, &App::MainWindow::bundleExportFinished);
    probe.start();
    QElapsedTimer clock;
    clock.start();
    window.exportBundle(dir.filePath(QStringLiteral("bundle-window")), false);
    exported.wait(600000);
    const double windowMs = double(clock.nsecsElapsed()) / 1e6;
    probe.stop();
    const double exportCpu = probe.worstCpu();
    const double exportLate = probe.worstLate();
    // 1b. Reference: the same export on the UI thread (the block is the whole call).
    Core::BundleExporter::Request request;
    request.project = window.document()->project();
    request.projectPath = window.document()->filePath();
    request.graph = window.currentGraph();
    request.job = *window.lastJob();
    const double cpuBefore = threadCpuMs();
    clock.restart();
    const auto reference = Core::BundleExporter::exportBundle(request, dir.filePath(QStringLiteral("bundle-ui")), false);
    const double referenceWall = double(clock.nsecsElapsed()) / 1e6;
    const double referenceCpu = threadCpuMs() - cpuBefore;
    if (!reference)
        std::fprintf(stderr, "reference export failed: %s\n", qPrintable(reference.error().message));

    // 2a. Typing into the preprocessing form's mean, 30 ms between keys.
    auto *mean = window.findChild<QLineEdit *>(QStringLiteral("mean"));
    if (!mean)
        return 1;
    const QString typed = QStringLiteral("0.485, 0.456, 0.406");
    mean->setFocus();
    mean->selectAll();
    QTest::keyClick(mean, Qt::Key_Backspace);
    QTest::qWait(300);
    probe.start();
    for (const QChar c : typed) {
        QTest::keyClick(mean, c.toLatin1());
        QTest::qWait(30);
    }
    if (!QTest::qWaitFor([&window] { return !window.isCheckingProject(); }, 10000))
        std::fprintf(stderr, "the project check did not settle\n");
    probe.stop();
    const double typingCpu = probe.worstCpu();
    const double typingLate = probe.worstLate();
    // 2b. Reference: the project check on the UI thread after every key.
    double worstCheck = 0.0;
    const Core::Project edited = window.document()->project();
    for (qsizetype i = 1; i <= typed.size(); ++i) {
        const double before = threadCpuMs();
        const auto diagnostics = Core::checkProject(edited, window.currentGraph());
        worstCheck = qMax(worstCheck, threadCpuMs() - before);
        Q_UNUSED(diagnostics);
    }

    std::printf("calibration images: %d (%.1f MB)\n", images, double(bytes) / 1e6);
    std::printf("export, window (worker thread): %.0f ms wall; UI thread worst CPU between probes %.1f ms, "
                "worst lateness %.1f ms (target < 50 ms)\n",
                windowMs, exportCpu, exportLate);
    std::printf("export, reference (UI thread):  %.0f ms wall, UI thread blocked %.1f ms CPU\n", referenceWall,
                referenceCpu);
    std::printf("typing %lld keys, window (debounced check off the UI thread): worst CPU between probes %.1f ms, "
                "worst lateness %.1f ms (target < 50 ms)\n",
                static_cast<long long>(typed.size()), typingCpu, typingLate);
    std::printf("typing, reference (check on the UI thread per key): worst check %.1f ms CPU\n", worstCheck);
    return 0;
}
