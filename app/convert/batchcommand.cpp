// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "interruptwatch.h"
#include "toolchainoptions.h"

#include <core/bundle/bundleexporter.h>
#include <core/onnx/onnxloader.h>
#include <core/project/projectfile.h>
#include <core/run/batchrun.h>
#include <core/run/conversionjob.h>
#include <core/run/jobpool.h>
#include <core/run/processoutcome.h>

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace Mcw::Cli {

static const char s_batchUsage[]
    = "Usage: maixcam-convert batch PROJECT.yaml... [--engine ENGINE]... [--image IMG] [-j N]\n"
      "                             [--export DIR] [--json] [--runs DIR] [--compare-all] [--no-probe]\n"
      "Runs many projects through one pool of Docker engines: each engine takes N steps at once\n"
      "(-j, default 1), a project's steps stay on the engine that holds their files when it is free,\n"
      "and a step whose engine stops answering runs again on another one. One live line per\n"
      "project, then a summary table (project, status, min cosine, model size — the cvimodel, or\n"
      "model_npu's axmodel for MaixCAM2 —, time, engine).\n"
      "--export DIR writes each converted project's bundle to DIR/<project>/ (DIR/<project>-<n>/ when\n"
      "projects share a name).\n"
      "--json prints the summary as JSON instead (schema in docs/cli.md).\n"
      "Exit code 0 when every project converted (and exported), 1 when one did not, 2 for bad input.\n"
      "Options:\n";

static QString sizeText(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("-");
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 2);
}

static QString cosineText(double cosine)
{
    return std::isnan(cosine) ? QStringLiteral("-") : QString::number(cosine, 'f', 6);
}

/** What a project is doing now, for its live line. */
static QString liveText(const Core::BatchRun::Row &row, const Core::ConversionJob *job)
{
    if (!job)
        return row.status;
    const Core::JobRecord &r = job->record();
    if (r.state != Core::JobState::Running)
        return row.status + (row.message.isEmpty() ? QString() : QStringLiteral(": ") + row.message);
    for (const Core::StepRecord &s : r.steps) {
        if (s.state != Core::StepState::Running)
            continue;
        return QStringLiteral("%1 %2% on %3%4")
            .arg(s.title)
            .arg(int(s.progress * 100))
            .arg(s.engine.isEmpty() ? QStringLiteral("this machine") : s.engine)
            .arg(s.stage.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(s.stage));
    }
    return QStringLiteral("running");
}

static void printTable(const QList<Core::BatchRun::Row> &rows, const QStringList &labels)
{
    QList<QStringList> cells{{QStringLiteral("project"), QStringLiteral("status"), QStringLiteral("min cosine"),
                              QStringLiteral("model"), QStringLiteral("time"), QStringLiteral("engine")}};
    for (int i = 0; i < rows.size(); ++i) {
        const Core::BatchRun::Row &r = rows.at(i);
        cells.append({labels.at(i), r.status, cosineText(r.minCosine), sizeText(r.cvimodelBytes),
                      Core::formatDuration(r.elapsedMs), r.engines.isEmpty() ? QStringLiteral("-") : r.engines.join(QLatin1Char(','))});
    }
    QList<int> widths(cells.first().size(), 0);
    for (const QStringList &row : std::as_const(cells)) {
        for (int c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], int(row.at(c).size()));
    }
    for (const QStringList &row : std::as_const(cells)) {
        QStringList padded;
        for (int c = 0; c < row.size(); ++c)
            padded.append(row.at(c).leftJustified(widths[c]));
        printOut(padded.join(QStringLiteral("  ")).trimmed());
    }
    for (int i = 0; i < rows.size(); ++i) {
        if (!rows.at(i).succeeded() && !rows.at(i).message.isEmpty())
            printErr(QStringLiteral("%1: %2").arg(labels.at(i), rows.at(i).message));
    }
}

int runBatch(const QStringList &arguments)
{
    QStringList projectPaths;
    ToolchainOptions toolchain;
    QString exportDir;
    QString runsRoot;
    bool json = false;
    bool probe = true;
    bool compareAll = false;
    auto bad = [](const QString &message) {
        printErr(QStringLiteral("maixcam-convert batch: ") + message);
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
            printOut(QString::fromUtf8(s_batchUsage) + QString::fromUtf8(ToolchainOptions::Usage));
            return ExitOk;
        } else if ((a == QLatin1String("-j") || a == QLatin1String("--jobs")) && hasValue) {
            bool ok = false;
            const int n = arguments[++i].toInt(&ok);
            if (!ok || n < 1)
                return bad(QStringLiteral("-j takes a whole number of steps per engine (1 or more), not '%1'.").arg(arguments[i]));
            toolchain.setStepsPerEngine(n);
        } else if (a == QLatin1String("--export") && hasValue) {
            exportDir = QFileInfo(arguments[++i]).absoluteFilePath();
        } else if (a == QLatin1String("--runs") && hasValue) {
            runsRoot = QFileInfo(arguments[++i]).absoluteFilePath();
        } else if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--no-probe")) {
            probe = false;
        } else if (a == QLatin1String("--compare-all")) {
            compareAll = true;
        } else if (a.startsWith(QLatin1Char('-'))) {
            return bad(QStringLiteral("unexpected argument '%1'.\n%2").arg(a, QString::fromUtf8(s_batchUsage)));
        } else {
            projectPaths.append(a);
        }
    }
    if (projectPaths.isEmpty())
        return bad(QStringLiteral("no project file given.\n") + QString::fromUtf8(s_batchUsage));

    // Every project must load before anything runs: a typo in the tenth should not wait an hour.
    QList<Core::BatchRun::Item> items;
    for (const QString &path : std::as_const(projectPaths)) {
        auto loaded = Core::ProjectFile::load(path);
        if (!loaded) {
            printErr(loaded.error().message);
            return ExitBadInput;
        }
        if (Core::hasErrors(loaded->diagnostics)) {
            for (const Core::Diagnostic &d : std::as_const(loaded->diagnostics))
                printErr(QStringLiteral("%1: %2: %3").arg(path, Core::severityName(d.severity), d.message));
            return ExitBadInput;
        }
        items.append({QFileInfo(path).absoluteFilePath(), loaded->project});
    }

    const Core::ToolchainSettings settings = toolchain.settings();
    if (const QString problem = Core::DockerEngine::listProblem(settings.engines); !problem.isEmpty())
        return bad(problem);
    Core::ConversionSession session;
    session.setToolchain(settings);
    QObject::connect(&session, &Core::ConversionSession::engineChecked, &session,
                     [json](const Core::EngineCheck::Result &r) {
                         if (json)
                             return;
                         for (const Core::EngineCheck::Finding &f : r.findings) {
                             if (f.level != Core::EngineCheck::Finding::Level::Ok || f.title == QLatin1String("Files"))
                                 printErr(QStringLiteral("engine %1: %2").arg(r.engine.name, f.message));
                         }
                     });
    Core::ConversionSession::RunOptions options;
    options.runsRoot = runsRoot;
    options.compareAll = compareAll;
    options.probe = probe;
    Core::BatchRun batch(&session, items, options);

    // Projects are named by their name, or by their file when two share a name.
    QStringList labels;
    for (const Core::BatchRun::Item &item : std::as_const(items)) {
        const bool shared = std::count_if(items.cbegin(), items.cend(), [&](const Core::BatchRun::Item &other) {
                                return other.project.name == item.project.name;
                            }) > 1;
        labels.append(shared ? QDir::current().relativeFilePath(item.projectPath) : item.project.name);
    }
    const bool terminal = stdoutIsTerminal() && !json;
    int drawn = 0;
    QHash<int, QString> lastLine;
    auto redraw = [&] {
        if (json)
            return;
        if (terminal) {
            QString block;
            if (drawn > 0)
                block += QStringLiteral("\x1b[%1A").arg(drawn);
            for (int i = 0; i < items.size(); ++i) {
                block += QStringLiteral("\r%1: %2\x1b[K\n").arg(labels.at(i), liveText(batch.row(i), batch.job(i)));
            }
            drawn = int(items.size());
            const QByteArray bytes = block.toUtf8();
            std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
            std::fflush(stdout);
            return;
        }
        for (int i = 0; i < items.size(); ++i) {
            const Core::BatchRun::Row row = batch.row(i);
            const Core::ConversionJob *job = batch.job(i);
            // Plain lines: one when a project's state or step (or its engine) changes, not per percent.
            QString key = row.status;
            if (job) {
                for (const Core::StepRecord &s : job->record().steps) {
                    if (s.state == Core::StepState::Running)
                        key += s.id + s.engine;
                }
            }
            if (lastLine.value(i) != key && row.status != QLatin1String("waiting") && row.status != QLatin1String("queued")) {
                lastLine.insert(i, key);
                printOut(QStringLiteral("%1: %2").arg(labels.at(i), liveText(row, job)));
            }
        }
    };
    QEventLoop loop;
    QObject::connect(&batch, &Core::BatchRun::itemChanged, &batch, [&](int) { redraw(); });
    QObject::connect(&batch, &Core::BatchRun::retrying, &batch, [&](int index, const QString &step, const QString &engine) {
        if (json)
            return;
        if (!terminal)
            printOut(QStringLiteral("%1: %2 runs again on another engine (engine %3 stopped answering)")
                         .arg(labels.at(index), step, engine));
        redraw();
    });
    QObject::connect(&batch, &Core::BatchRun::finished, &loop, &QEventLoop::quit);

    {
        const InterruptWatch interrupt([&batch] {
            printErr(QStringLiteral("Cancelling…"));
            batch.cancel();
        });
        batch.start();
        if (!batch.isFinished())
            loop.exec();
    }

    QList<Core::BatchRun::Row> rows = batch.rows();
    QHash<int, QString> bundles;
    if (!exportDir.isEmpty()) {
        for (int i = 0; i < rows.size(); ++i) {
            Core::BatchRun::Row &row = rows[i];
            const Core::ConversionJob *job = batch.job(i);
            if (!row.succeeded() || !job)
                continue;
            Core::BundleExporter::Request request;
            request.project = items.at(i).project;
            request.projectPath = items.at(i).projectPath;
            request.job = job->record();
            if (const auto graph = Core::OnnxLoader::loadFile(request.project.modelPath))
                request.graph = *graph;
            const Core::BundleExporter::Prepared prepared = Core::BundleExporter::prepare(request);
            // DIR/<project>, or DIR/<project>-<n> when projects share a name.
            const QString folder = labels.at(i) == request.project.name ? request.project.name
                                                                         : QStringLiteral("%1-%2").arg(request.project.name).arg(i + 1);
            const QString target = QDir(exportDir).filePath(folder);
            if (Core::hasErrors(prepared.problems)) {
                row.status = QStringLiteral("export failed");
                row.message = prepared.problems.first().message;
                continue;
            }
            const auto files = Core::BundleExporter::write(prepared, target, true);
            if (!files) {
                row.status = QStringLiteral("export failed");
                row.message = files.error().message;
                continue;
            }
            bundles.insert(i, target);
        }
    }

    bool allGood = true;
    for (const Core::BatchRun::Row &r : std::as_const(rows))
        allGood = allGood && r.succeeded();
    if (json) {
        QJsonArray projects;
        for (int i = 0; i < rows.size(); ++i) {
            const Core::BatchRun::Row &r = rows.at(i);
            projects.append(QJsonObject{
                {QStringLiteral("project"), r.project},
                {QStringLiteral("path"), r.projectPath},
                {QStringLiteral("status"), r.status},
                {QStringLiteral("min_cosine"), std::isnan(r.minCosine) ? QJsonValue() : QJsonValue(r.minCosine)},
                {QStringLiteral("cvimodel_bytes"), r.cvimodelBytes < 0 ? QJsonValue() : QJsonValue(r.cvimodelBytes)},
                {QStringLiteral("elapsed_ms"), r.elapsedMs},
                {QStringLiteral("engines"), QJsonArray::fromStringList(r.engines)},
                {QStringLiteral("retries"), r.retries},
                {QStringLiteral("run"), r.jobDirectory},
                {QStringLiteral("bundle"), bundles.value(i)},
                {QStringLiteral("message"), r.message},
            });
        }
        int succeeded = 0;
        for (const Core::BatchRun::Row &r : std::as_const(rows))
            succeeded += r.succeeded() ? 1 : 0;
        const QJsonObject root{{QStringLiteral("projects"), projects},
                               {QStringLiteral("succeeded"), succeeded},
                               {QStringLiteral("failed"), int(rows.size()) - succeeded}};
        printOut(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)).trimmed());
    } else {
        printOut(QString());
        printTable(rows, labels);
        for (auto it = bundles.cbegin(); it != bundles.cend(); ++it)
            printOut(QStringLiteral("Exported %1 to %2").arg(labels.at(it.key()), it.value()));
    }
    return allGood ? ExitOk : ExitFailure;
}

} // namespace Mcw::Cli
