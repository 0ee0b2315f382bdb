// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Operator-support analysis benchmark: OpSupportAnalyzer::analyze and the diagnostics with
// cut suggestion on the models given on the command line. Prints a Markdown table for
// docs/benchmarks.md.
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>
#include <core/opsupport/opsupportdiagnostics.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <functional>
#include <cstdio>

using namespace Mcw::Core;

static double medianMs(const std::function<void()> &work, int runs)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList models = app.arguments().mid(1);
    if (models.isEmpty()) {
        std::fputs("Usage: opsupport_bench MODEL.onnx...\n", stderr);
        return 2;
    }
    std::printf("| Model | Nodes | analyze (median ms) | diagnostics + cut suggestion (median ms) |\n");
    std::printf("|---|---:|---:|---:|\n");
    const OpSupportAnalyzer analyzer;
    for (const QString &path : models) {
        const auto graph = OnnxLoader::loadFile(path);
        if (!graph) {
            std::fprintf(stderr, "%s\n", qPrintable(graph.error().message));
            return 2;
        }
        const double analyze = medianMs([&] { analyzer.analyze(*graph, {}); }, 21);
        const double diagnostics = medianMs(
            [&] { opSupportDiagnostics(*graph, QStringList(), FamilyDetection{}); }, 21);
        std::printf("| %s | %lld | %.2f | %.2f |\n", qPrintable(QFileInfo(path).fileName()),
                    qlonglong(graph->nodes().size()), analyze, diagnostics);
    }
    return 0;
}
