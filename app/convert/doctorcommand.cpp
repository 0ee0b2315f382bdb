// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "toolchainoptions.h"

#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <core/workflow/setupdoctor.h>

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace Mcw::Cli {

static const char s_doctorUsage[]
    = "Usage: maixcam-convert doctor [PROJECT.yaml] [options]\n"
      "Checks the set-up before anything runs: the docker CLI, each engine (reachable, socket\n"
      "permission, architecture, image and its tpu-mlir release, or for a MaixCAM2 project Axera's Pulsar2\n"
      "image and its release), free disk space for a run, project\n"
      "paths the engine cannot mount and the MaixPy firmware the model class needs.\n"
      "  --runs DIR           where runs are written (default: the project's workspace, else .)\n"
      "  --inference-num N    samples a --search-qtable run adds (disk estimate)\n"
      "  --json               one JSON object instead of text\n";

int runDoctor(const QStringList &arguments)
{
    QString projectPath;
    QString runsRoot;
    int inferenceNum = 0;
    bool json = false;
    ToolchainOptions toolchain;
    const auto bad = [](const QString &message) {
        printErr(QStringLiteral("maixcam-convert doctor: ") + message);
        return int(ExitBadInput);
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        const bool hasValue = i + 1 < arguments.size();
        QString error;
        if (toolchain.take(arguments, i, &error)) {
            if (!error.isEmpty())
                return bad(error);
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printOut(QString::fromUtf8(s_doctorUsage) + QString::fromUtf8(ToolchainOptions::Usage));
            return ExitOk;
        } else if (a == QLatin1String("--runs") && hasValue) {
            runsRoot = QFileInfo(arguments[++i]).absoluteFilePath();
        } else if (a == QLatin1String("--inference-num") && hasValue) {
            bool ok = false;
            inferenceNum = arguments[++i].toInt(&ok);
            if (!ok || inferenceNum < 0)
                return bad(QStringLiteral("--inference-num takes a whole number, not '%1'.").arg(arguments[i]));
        } else if (a == QLatin1String("--json")) {
            json = true;
        } else if (a.startsWith(QLatin1Char('-')) || !projectPath.isEmpty()) {
            return bad(QStringLiteral("unexpected argument '%1'.\n%2").arg(a, QString::fromUtf8(s_doctorUsage)));
        } else {
            projectPath = a;
        }
    }

    Core::SetupDoctor::Input input;
    input.toolchain = toolchain.settings();
    input.inferenceNum = inferenceNum;
    if (!projectPath.isEmpty()) {
        auto loaded = Core::ProjectFile::load(projectPath);
        if (!loaded) {
            printErr(loaded.error().message);
            return ExitBadInput;
        }
        input.project = loaded->project;
        if (runsRoot.isEmpty())
            runsRoot = loaded->project.workspaceDir;
        // The per-tensor dumps dominate a run's disk use: size them on the pinned model.
        Core::OnnxLoader::Options options;
        if (const auto probe = Core::OnnxLoader::loadFile(loaded->project.modelPath)) {
            if (!loaded->project.inputShape.isEmpty() && !probe->inputNames().isEmpty())
                options.inputShapes.insert(probe->inputNames().first(), loaded->project.inputShape);
            const auto graph = options.inputShapes.isEmpty() ? probe
                                                             : Core::OnnxLoader::loadFile(loaded->project.modelPath, options);
            if (graph)
                input.activationBytes = Core::SetupDoctor::activationBytes(*graph);
        }
    }
    input.runsDirectory = runsRoot.isEmpty() ? QDir::currentPath() : runsRoot;

    Core::SetupDoctor doctor(input);
    QEventLoop loop;
    QObject::connect(&doctor, &Core::SetupDoctor::finished, &loop, &QEventLoop::quit);
    if (!json) {
        QObject::connect(&doctor, &Core::SetupDoctor::findingAdded, &doctor, [](const Core::DoctorFinding &f) {
            printOut(QStringLiteral("%1  %2: %3").arg(Core::doctorLevelName(f.level).leftJustified(7), f.title, f.message));
            if (!f.fix.isEmpty())
                printOut(QStringLiteral("         fix: ") + f.fix);
        });
    }
    doctor.start();
    if (doctor.isRunning())
        loop.exec();

    int errors = 0;
    int warnings = 0;
    QJsonArray findings;
    for (const Core::DoctorFinding &f : doctor.findings()) {
        errors += f.level == Core::DoctorFinding::Level::Error;
        warnings += f.level == Core::DoctorFinding::Level::Warning;
        findings.append(QJsonObject{{QStringLiteral("id"), f.id},
                                    {QStringLiteral("title"), f.title},
                                    {QStringLiteral("level"), Core::doctorLevelName(f.level)},
                                    {QStringLiteral("message"), f.message},
                                    {QStringLiteral("fix"), f.fix}});
    }
    if (json) {
        const QJsonObject root{{QStringLiteral("findings"), findings},
                               {QStringLiteral("errors"), errors},
                               {QStringLiteral("warnings"), warnings}};
        const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
    } else {
        printOut(QStringLiteral("%1 error(s), %2 warning(s)").arg(errors).arg(warnings));
    }
    return errors > 0 ? ExitFailure : ExitOk;
}

} // namespace Mcw::Cli
