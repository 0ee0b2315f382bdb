// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("maixcam-workbench"));
    QApplication::setOrganizationName(QStringLiteral("maixcam-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("MaixCAM Model Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(MCW_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Turns ONNX models into MaixCAM bundles."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("ONNX model to open."),
                                 QStringLiteral("[MODEL.onnx]"));
    parser.process(app);

    Mcw::App::MainWindow window;
    window.show();
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        window.openModel(positional.first());
    return QApplication::exec();
}
