// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Graph layout benchmark: our Sugiyama engine against Graphviz dot (benchmark-only) on the same
// graphs, synthetic and real. Prints a Markdown table for docs/benchmarks.md.
#include "benchgraphs.h"

#include <core/layout/graphlayout.h>
#include <core/onnx/onnxloader.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <optional>

using namespace Mcw;
using Core::LayoutInput;
using Core::LayoutResult;

namespace {

struct Case
{
    QString name;
    LayoutInput input;
};

struct DotRun
{
    bool ran = false;
    bool timedOut = false;
    QString error;
    double ms = 0.0;
    double cpuMs = -1.0;
    int crossings = 0;
    double rssMiB = 0.0;
};

void out(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

// Resets the kernel's peak-RSS mark (VmHWM) so that each case reports its own peak.
void resetPeakRss()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    if (file.open(QIODevice::WriteOnly))
        file.write("5");
}

double peakRssMiB()
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0.0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0.0;
}

std::optional<LayoutInput> modelInput(const QString &path)
{
    const Core::Expected<Core::Graph> loaded = Core::OnnxLoader::loadFile(path);
    if (!loaded)
        return std::nullopt;
    const Core::Graph &graph = *loaded;
    // One box per non-Constant node, one edge per producer -> consumer of each tensor.
    QList<int> boxOf(graph.nodes().size(), -1);
    LayoutInput input;
    for (const Core::Node &node : graph.nodes()) {
        if (node.opType == QLatin1String("Constant"))
            continue;
        boxOf[node.index] = int(input.nodes.size());
        const int lines = std::min<int>(3, int(node.attributes.size()));
        input.nodes.append({std::max(60.0, 16.0 + 7.0 * node.opType.size()), 22.0 + 14.0 * lines});
    }
    int group = -1;
    for (const Core::Tensor &tensor : graph.tensors()) {
        ++group;
        if (tensor.producer < 0 || boxOf[tensor.producer] < 0)
            continue;
        for (const int consumer : tensor.consumers) {
            if (boxOf[consumer] < 0)
                continue;
            LayoutInput::Edge edge;
            edge.from = boxOf[tensor.producer];
            edge.to = boxOf[consumer];
            edge.group = group; // consumers of one tensor share a route, as in the view
            input.edges.append(edge);
        }
    }
    return input;
}

QByteArray toDot(const LayoutInput &input)
{
    QByteArray dot;
    dot += "digraph G {\n";
    dot += "  graph [nodesep=" + QByteArray::number(input.nodeSeparation / 72.0) + ", ranksep="
           + QByteArray::number(input.rankSeparation / 72.0) + "];\n";
    dot += "  node [shape=box, fixedsize=true, label=\"\"];\n";
    for (int v = 0; v < input.nodes.size(); ++v) {
        dot += "  n" + QByteArray::number(v) + " [width="
               + QByteArray::number(input.nodes[v].width / 72.0) + ", height="
               + QByteArray::number(input.nodes[v].height / 72.0) + "];\n";
    }
    for (const LayoutInput::Edge &edge : input.edges)
        dot += "  n" + QByteArray::number(edge.from) + " -> n" + QByteArray::number(edge.to)
               + ";\n";
    dot += "}\n";
    return dot;
}

// Reads dot's plain output back into a LayoutResult: ranks from the distinct node rows,
// edge paths from the B-spline control points (y flipped to grow downwards).
LayoutResult fromPlain(const LayoutInput &input, const QByteArray &plain)
{
    LayoutResult result;
    const int n = int(input.nodes.size());
    result.nodeRects.resize(n);
    result.edgePaths.resize(input.edges.size());
    QHash<QPair<int, int>, QList<int>> pending;
    for (int e = 0; e < input.edges.size(); ++e)
        pending[{input.edges[e].from, input.edges[e].to}].append(e);
    double height = 0.0;
    QList<double> rowOf(n, 0.0);
    const auto id = [](const QByteArray &name) { return name.mid(1).toInt(); };
    for (const QByteArray &line : plain.split('\n')) {
        const QList<QByteArray> t = line.simplified().split(' ');
        if (t.isEmpty())
            continue;
        if (t[0] == "graph" && t.size() >= 4) {
            height = t[3].toDouble() * 72.0;
        } else if (t[0] == "node" && t.size() >= 6) {
            const int v = id(t[1]);
            const double x = t[2].toDouble() * 72.0;
            const double y = height - t[3].toDouble() * 72.0;
            const double w = t[4].toDouble() * 72.0;
            const double h = t[5].toDouble() * 72.0;
            result.nodeRects[v] = QRectF(x - w / 2.0, y - h / 2.0, w, h);
            rowOf[v] = std::round(y * 10.0) / 10.0;
        } else if (t[0] == "edge" && t.size() >= 4) {
            const int from = id(t[1]);
            const int to = id(t[2]);
            const int count = t[3].toInt();
            QList<int> &queue = pending[{from, to}];
            if (queue.isEmpty() || t.size() < 4 + 2 * count)
                continue;
            LayoutResult::EdgePath &path = result.edgePaths[queue.takeFirst()];
            for (int i = 0; i < count; ++i)
                path.points.append(QPointF(t[4 + 2 * i].toDouble() * 72.0,
                                           height - t[5 + 2 * i].toDouble() * 72.0));
        }
    }
    QList<double> rows = rowOf;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int v = 0; v < n; ++v)
        result.nodeRanks.append(int(std::lower_bound(rows.begin(), rows.end(), rowOf[v])
                                    - rows.begin()));
    return result;
}

DotRun runDot(const LayoutInput &input, const QString &dotFile, int timeoutSeconds)
{
    DotRun run;
    QFile file(dotFile);
    if (!file.open(QIODevice::WriteOnly)) {
        run.error = QStringLiteral("cannot write %1").arg(dotFile);
        return run;
    }
    file.write(toDot(input));
    file.close();

    // GNU time reports dot's peak RSS and CPU time; coreutils' timeout makes sure dot itself
    // dies at the limit (killing only the time wrapper would leave dot running).
    const bool haveTime = QFileInfo::exists(QStringLiteral("/usr/bin/time"));
    QProcess process;
    QStringList arguments{QStringLiteral("-s"), QStringLiteral("KILL"),
                          QString::number(timeoutSeconds), QStringLiteral("dot"),
                          QStringLiteral("-Tplain"), dotFile};
    QString program = QStringLiteral("timeout");
    if (haveTime) {
        arguments = QStringList{QStringLiteral("-f"), QStringLiteral("MCWRSS %M %U %S"), program}
                    + arguments;
        program = QStringLiteral("/usr/bin/time");
    }
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        run.error = QStringLiteral("dot did not start");
        return run;
    }
    if (!process.waitForFinished((timeoutSeconds + 30) * 1000)) {
        process.kill();
        process.waitForFinished();
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() == 124
        || process.exitCode() == 137) {
        run.timedOut = true;
        run.ms = double(timer.elapsed());
        return run;
    }
    run.ms = double(timer.nsecsElapsed()) / 1e6;
    const QByteArray plain = process.readAllStandardOutput();
    const QByteArray errors = process.readAllStandardError();
    if (process.exitCode() != 0) {
        run.error = QString::fromUtf8(errors.trimmed());
        return run;
    }
    const int marker = errors.lastIndexOf("MCWRSS ");
    if (marker >= 0) {
        const QList<QByteArray> fields = errors.mid(marker + 7).simplified().split(' ');
        run.rssMiB = fields.value(0).toDouble() / 1024.0;
        if (fields.size() >= 3)
            run.cpuMs = (fields[1].toDouble() + fields[2].toDouble()) * 1000.0;
    }
    run.crossings = Core::countCrossings(input, fromPlain(input, plain));
    run.ran = true;
    return run;
}

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct Timing
{
    double wallMs = 0.0;
    double cpuMs = 0.0;
};

// Median wall and CPU time: the machine is shared, so CPU time is the stable figure.
Timing medianTiming(const LayoutInput &input, int runs, LayoutResult &result)
{
    QList<double> walls;
    QList<double> cpus;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double cpuStart = threadCpuMs();
        timer.start();
        result = Core::layoutGraph(input);
        walls.append(double(timer.nsecsElapsed()) / 1e6);
        cpus.append(threadCpuMs() - cpuStart);
    }
    std::sort(walls.begin(), walls.end());
    std::sort(cpus.begin(), cpus.end());
    return {walls[walls.size() / 2], cpus[cpus.size() / 2]};
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '));
}

QString number(double value, int decimals = 0)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int dotTimeout = 120;
    int runs = 3;
    bool withDot = true;
    QString only;
    QList<int> sizes{1000, 3000, 10000};
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--dot-timeout") && i + 1 < args.size()) {
            // GNU timeout reads 0 as "no limit", which once left dot running for an hour.
            dotTimeout = args[++i].toInt();
            if (dotTimeout <= 0) {
                std::fprintf(stderr, "layout_bench: --dot-timeout takes a positive number of seconds "
                                     "(use --no-dot to skip dot)\n");
                return 2;
            }
        }
        else if (args[i] == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--no-dot"))
            withDot = false;
        else if (args[i] == QLatin1String("--only") && i + 1 < args.size())
            only = args[++i];
        else if (args[i] == QLatin1String("--sizes") && i + 1 < args.size()) {
            sizes.clear();
            for (const QString &size : args[++i].split(u','))
                sizes.append(size.toInt());
        }
        else {
            std::fprintf(stderr, "usage: layout_bench [--runs N] [--dot-timeout S] [--no-dot] "
                                 "[--only NAME-PART] [--sizes 1000,3000,10000]\n");
            return 2;
        }
    }

    QList<Case> cases;
    const QString assets = qEnvironmentVariable("MCW_TEST_ASSETS",
                                                QDir::homePath()
                                                    + QStringLiteral(
                                                        "/.cache/maixcam-workbench/test-assets"));
    const QList<QPair<QString, QString>> models{
        {QStringLiteral("blazeface-front (npm)"),
         QStringLiteral("/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx")},
        {QStringLiteral("ppocr-cls (npm)"),
         QStringLiteral("/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx")},
        {QStringLiteral("ppocrv4-det (npm)"),
         QStringLiteral("/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx")},
        {QStringLiteral("ppocrv4-rec (npm)"),
         QStringLiteral("/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx")},
    };
    for (const auto &[name, relative] : models) {
        if (std::optional<LayoutInput> input = modelInput(assets + relative))
            cases.append({name, *input});
        else
            std::fprintf(stderr, "skipping %s: cannot load %s\n", qPrintable(name),
                         qPrintable(assets + relative));
    }
    for (const int size : std::as_const(sizes)) {
        cases.append({QStringLiteral("cnn-%1").arg(size), Bench::BenchGraphs::detectionCnn(size)});
        cases.append({QStringLiteral("transformer-%1").arg(size),
                      Bench::BenchGraphs::transformer(size)});
    }

    QTemporaryDir dotDir;
    out(QStringLiteral("Load average at start: %1\n\n").arg(loadAverage()));
    out(QStringLiteral("| graph | nodes | edges | ours CPU ms | ours wall ms "
                       "| ours CPU ms, labels | ours crossings | ours peak RSS MiB | dot CPU ms "
                       "| dot wall ms | dot crossings | dot peak RSS MiB "
                       "| CPU time ratio ours/dot | crossing ratio ours/dot |\n"
                       "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"));
    for (const Case &c : std::as_const(cases)) {
        if (!only.isEmpty() && !c.name.contains(only))
            continue;
        resetPeakRss();
        LayoutResult result;
        const Timing timing = medianTiming(c.input, runs, result);
        const double rss = peakRssMiB();
        LayoutResult labelled;
        const Timing labelTiming = medianTiming(Bench::BenchGraphs::withLabels(c.input), runs,
                                                labelled);

        QString dotCpu = QStringLiteral("–");
        QString dotMs = QStringLiteral("–");
        QString dotCrossings = QStringLiteral("–");
        QString dotRss = QStringLiteral("–");
        QString timeRatio = QStringLiteral("–");
        QString crossingRatio = QStringLiteral("–");
        if (withDot) {
            const DotRun dot = runDot(c.input, dotDir.filePath(c.name.section(u' ', 0, 0)
                                                               + QStringLiteral(".dot")),
                                      dotTimeout);
            if (dot.timedOut) {
                dotMs = QStringLiteral("timed out (> %1 s)").arg(dotTimeout);
                timeRatio = QStringLiteral("< %1").arg(
                    number(timing.cpuMs / (dotTimeout * 1000.0), 4));
            } else if (!dot.ran) {
                dotMs = QStringLiteral("failed: %1").arg(dot.error);
            } else {
                dotMs = number(dot.ms);
                dotCrossings = QString::number(dot.crossings);
                dotRss = number(dot.rssMiB, 1);
                const double reference = dot.cpuMs > 0.0 ? dot.cpuMs : dot.ms;
                dotCpu = dot.cpuMs >= 0.0 ? number(dot.cpuMs) : QStringLiteral("?");
                timeRatio = number(timing.cpuMs / reference, 4);
                crossingRatio = dot.crossings > 0 ? number(double(result.crossings)
                                                               / dot.crossings, 2)
                                                  : (result.crossings == 0
                                                         ? QStringLiteral("1.00 (both 0)")
                                                         : QStringLiteral("∞ (dot 0)"));
            }
        }
        const auto ms = [](double value) { return number(value, value < 100 ? 1 : 0); };
        out(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 | %11 | %12 | %13 "
                           "| %14 |\n")
                .arg(c.name)
                .arg(c.input.nodes.size())
                .arg(c.input.edges.size())
                .arg(ms(timing.cpuMs), ms(timing.wallMs), ms(labelTiming.cpuMs))
                .arg(result.crossings)
                .arg(number(rss, 1))
                .arg(dotCpu, dotMs, dotCrossings, dotRss, timeRatio, crossingRatio));
    }
    out(QStringLiteral("\nLoad average at end: %1\n").arg(loadAverage()));
    return 0;
}
