// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <widgets/graphview/graphexporter.h>

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstring>

// `--export-graph MODEL.onnx OUT.png|OUT.svg`: render and exit without a window. Runs before
// the GUI exists so that it also works on machines without a display.
static int exportGraph(const QString &model, const QStringList &positional)
{
    if (positional.size() != 1) {
        std::fputs("--export-graph needs exactly one output file (OUT.png or OUT.svg).\n", stderr);
        return 2;
    }
    const auto result = Mcw::Widgets::GraphExporter::exportModel(model, positional.first());
    if (!result) {
        std::fprintf(stderr, "%s\n", qPrintable(result.error().message));
        return 2;
    }
    return 0;
}

int main(int argc, char *argv[])
{
    // Export, --help and --version never open a window: they must work without a display.
    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"--export-graph", "--help", "-h", "--version", "-v"})
            headless = headless || std::strncmp(argv[i], option, std::strlen(option)) == 0;
    }
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("maixcam-workbench"));
    QApplication::setOrganizationName(QStringLiteral("maixcam-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("MaixCAM Model Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(MCW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Turns ONNX models into MaixCAM bundles."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption exportOption(
        QStringLiteral("export-graph"),
        QStringLiteral("Render the graph of MODEL.onnx to the positional OUT.png or OUT.svg and exit."),
        QStringLiteral("MODEL.onnx"));
    parser.addOption(exportOption);
    const QCommandLineOption runOption(
        QStringLiteral("run"),
        QStringLiteral("Open PROJECT.yaml and convert it with every step run again, as Convert → Run "
                       "Conversion without reuse (and `maixcam-convert run`) does."),
        QStringLiteral("PROJECT.yaml"));
    parser.addOption(runOption);
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("ONNX model to open."),
                                 QStringLiteral("[MODEL.onnx]"));
    parser.process(app);

    if (parser.isSet(exportOption))
        return exportGraph(parser.value(exportOption), parser.positionalArguments());

    Mcw::App::MainWindow window;
    window.showAtStart();
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(runOption)) {
        QObject::connect(&window, &Mcw::App::MainWindow::modelLoaded, &window,
                         [&window] { window.runConversion(false); }, Qt::SingleShotConnection);
        window.openProject(parser.value(runOption));
    } else if (!positional.isEmpty()) {
        window.openModel(positional.first());
    }
    return QApplication::exec();
}
