// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `graphview_screenshots OUTDIR`: writes pictures of the graph view for a human to look at
// (docs, reviews). Not a test: it asserts nothing about looks, so it stays out of ctest.
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/graphview.h>
#include <widgets/graphview/nodeitem.h>

#include <core/layout/viewgraph.h>
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>

#include "../../tests/support/testpaths.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>

#include <cstdio>

using namespace Mcw;
using Widgets::GraphView;

static bool load(const QString &name, Core::Graph &graph)
{
    const QString path = Tests::generatedModel(name);
    auto loaded = Core::OnnxLoader::loadFile(path);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error().message));
        return false;
    }
    graph = *loaded;
    return true;
}

static bool showLaidOut(GraphView &view, const Core::Graph &graph)
{
    view.resize(1400, 900);
    view.show();
    QSignalSpy done(&view, &GraphView::layoutFinished);
    view.setGraph(graph);
    if (!done.wait(60000)) {
        std::fputs("the layout did not finish within 60 s.\n", stderr);
        return false;
    }
    return true;
}

static bool save(GraphView &view, const QDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    if (!view.grab().save(path)) {
        std::fprintf(stderr, "%s: cannot be written.\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("Usage: graphview_screenshots OUTDIR\n", stderr);
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.exists() && !QDir().mkpath(dir.path())) {
        std::fprintf(stderr, "%s: the folder cannot be created.\n", argv[1]);
        return 1;
    }

    // YOLOv8n: the whole picture, 100 %, and where one tensor fans out to the detection head.
    Core::Graph yolo;
    GraphView view;
    if (!load(QStringLiteral("yolov8n"), yolo) || !showLaidOut(view, yolo))
        return 1;
    bool ok = save(view, dir, QStringLiteral("view-fit.png"));
    view.setZoom(1.0);
    view.centerOn(view.graphScene()->sceneRect().center());
    ok = save(view, dir, QStringLiteral("view-100.png")) && ok;
    const Core::ViewGraph &vg = view.viewGraph();
    for (int i = 0; i < vg.nodes().size(); ++i) {
        if (vg.nodes().at(i).name == QLatin1String("/model.22/cv2.0/cv2.0.0/conv/Conv")) {
            view.centerOn(view.graphScene()->nodeItem(i)->sceneBoundingRect().center());
            ok = save(view, dir, QStringLiteral("view-head.png")) && ok;
        }
    }

    // YOLO26n coloured by operator support, whole and at its TopK.
    Core::Graph yolo26;
    GraphView support;
    if (!load(QStringLiteral("yolo26n"), yolo26) || !showLaidOut(support, yolo26))
        return 1;
    support.setOpSupportReport(Core::OpSupportAnalyzer().analyze(yolo26, {}));
    support.setColourBy(GraphView::ColourBy::OpSupport);
    support.fitToWindow();
    ok = save(support, dir, QStringLiteral("support-fit.png")) && ok;
    for (int i = 0; i < yolo26.nodes().size(); ++i) {
        if (yolo26.nodes().at(i).opType == QLatin1String("TopK")) {
            support.setZoom(1.0);
            support.centerOnNode(support.viewGraph().displayNodeOfOnnxNode(i));
            ok = save(support, dir, QStringLiteral("support-100.png")) && ok;
            break;
        }
    }
    return ok ? 0 : 1;
}
