// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "interruptwatch.h"
#include "toolchainoptions.h"

#include <core/bundle/cvimodelinfo.h>
#include <core/bundle/cvimodeltensorinfo.h>
#include <core/project/conversionplan.h>
#include <core/project/projectfile.h>
#include <core/run/conversionjob.h>
#include <core/run/conversionsession.h>
#include <core/run/jobhistory.h>
#include <core/run/jobpool.h>
#include <core/run/processoutcome.h>
#include <core/workflow/qtableproposal.h>
#include <core/workflow/setupdoctor.h>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <cmath>
#include <csignal>
#include <cstdio>

namespace Mcw::Cli {

static const char s_runUsage[]
    = "Usage: maixcam-convert run PROJECT.yaml [--engine ENGINE]... [--backend docker|native] [--image IMG]\n"
      "                           [--container NAME] [--tools DIR] [--timeout MINUTES]\n"
      "                           [--runs DIR] [--reuse] [--compare-all] [--no-probe] [--verbose]\n"
      "Runs the tpu-mlir pipeline of the project (transform, calibration, INT8 deploy, and BF16 when\n"
      "the project asks for it) in a new folder under DIR (default: the project's workspace,\n"
      "workspace/ next to the project unless the project file names another).\n"
      "--reuse copies the steps whose inputs did not change from the newest earlier run in DIR\n"
      "instead of running them again (after a quantize-table edit only the INT8 deploy runs).\n"
      "--engine runs the steps on that Docker engine (a docker context or an address such as\n"
      "unix:///path.sock, ssh://user@host, tcp://host:2376); an engine that cannot see this machine's\n"
      "files gets them copied in and out. Repeat it to spread the steps over several engines.\n"
      "--search-qtable runs tpu-mlir's own mixed-precision search instead of converting (transform,\n"
      "calibration, run_calibration --search for cv181x) and prints the layers it proposes to keep in\n"
      "BF16; --adopt adds them to the project's quantize table and makes the calibration table the\n"
      "search wrote (new_cali_table.txt) the one the INT8 deploy reads (then 'run --reuse' deploys\n"
      "again without repeating the transform). Knobs, where the probed release has them:\n"
      "  --search-method search_qtable|fast_search|mix_search  --expected-cos X  --min-layer-cos X\n"
      "  --max-float-layers N  --inference-num N\n"
      "Exit code 0 when every step succeeded, 1 when one failed, 2 for bad input.";

/** Progress on a terminal (one redrawn line) or plain lines for pipes and CI logs. */
class ProgressPrinter
{
public:
    explicit ProgressPrinter(bool terminal)
        : m_terminal(terminal)
    {}

    void update(const Core::JobRecord &job)
    {
        for (int i = 0; i < job.steps.size(); ++i) {
            const Core::StepRecord &s = job.steps.at(i);
            const QString key = s.id + QLatin1Char('/') + QString::number(s.attempts);
            const QString state = Core::stepStateName(s.state);
            if (m_states.value(key) != state) {
                m_states.insert(key, state);
                if (s.state != Core::StepState::Pending)
                    printStepLine(job, i);
            } else if (s.state == Core::StepState::Running && !m_terminal && m_stages.value(key) != s.stage
                       && !s.stage.isEmpty()) {
                m_stages.insert(key, s.stage);
                printOut(QStringLiteral("[%1/%2] %3: %4").arg(i + 1).arg(job.steps.size()).arg(s.title, s.stage));
            }
            if (s.state == Core::StepState::Running && m_terminal)
                drawBar(job, i);
        }
    }

    void finishLine()
    {
        if (m_terminal && m_barShown) {
            std::fputc('\n', stdout);
            std::fflush(stdout);
            m_barShown = false;
        }
    }

private:
    void printStepLine(const Core::JobRecord &job, int i)
    {
        const Core::StepRecord &s = job.steps.at(i);
        finishLine();
        QString line = QStringLiteral("[%1/%2] %3: %4").arg(i + 1).arg(job.steps.size()).arg(s.title, Core::stepStateName(s.state));
        if (!s.reusedFrom.isEmpty())
            line = QStringLiteral("[%1/%2] %3: reused from %4").arg(i + 1).arg(job.steps.size()).arg(s.title, s.reusedFrom);
        else if (s.state == Core::StepState::Succeeded || s.state == Core::StepState::Failed)
            line += QStringLiteral(" after %1").arg(Core::formatDuration(s.elapsedMs()));
        if (s.state == Core::StepState::Running)
            line += QStringLiteral(": $ %1").arg(s.invocation.toUserOutput());
        printOut(line);
    }

    void drawBar(const Core::JobRecord &job, int i)
    {
        const Core::StepRecord &s = job.steps.at(i);
        constexpr int Width = 30;
        const int filled = int(s.progress * Width + 0.5);
        const QString bar = QString(filled, QLatin1Char('#')) + QString(Width - filled, QLatin1Char('-'));
        const qint64 secs = s.elapsedMs() / 1000;
        const QString text = QStringLiteral("\r[%1/%2] %3 [%4] %5% %6 %7:%8\x1b[K")
                                 .arg(i + 1)
                                 .arg(job.steps.size())
                                 .arg(s.title, bar)
                                 .arg(int(s.progress * 100), 3)
                                 .arg(s.stage)
                                 .arg(secs / 60, 2, 10, QLatin1Char('0'))
                                 .arg(secs % 60, 2, 10, QLatin1Char('0'));
        const QByteArray bytes = text.toUtf8();
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
        m_barShown = true;
    }

    QHash<QString, QString> m_states;
    QHash<QString, QString> m_stages;
    bool m_terminal = false;
    bool m_barShown = false;
};

/**
 * The doctor's local checks (docker CLI, mountable paths, disk space, firmware) before a run;
 * the engine itself is checked by the session's probe. False after printing an error.
 */
static bool runDoctorChecks(const Core::Project &project, const Core::ToolchainSettings &settings,
                            const QString &runsRoot)
{
    Core::SetupDoctor::Input input;
    input.toolchain = settings;
    input.project = project;
    input.runsDirectory = runsRoot;
    input.checkEngines = false;
    Core::SetupDoctor doctor(input);
    doctor.start(); // without engines it finishes at once
    for (const Core::DoctorFinding &f : doctor.findings()) {
        if (f.level != Core::DoctorFinding::Level::Warning && f.level != Core::DoctorFinding::Level::Error)
            continue;
        printErr(QStringLiteral("%1: %2%3").arg(Core::doctorLevelName(f.level), f.message,
                                               f.fix.isEmpty() ? QString() : QStringLiteral(" ") + f.fix));
    }
    return !doctor.hasErrors();
}

/** What the device will need for each model the run built, from its device info step's file. */
static void printDeviceNeeds(const Core::JobRecord &job, const Core::Project &project)
{
    for (const QString &file : {Core::ConversionPlan::int8ModelFile(project.name),
                                Core::ConversionPlan::bf16ModelFile(project.name)}) {
        const QString path = QDir(job.directory).filePath(file);
        const QString infoFile = Core::ConversionPlan::deviceInfoFile(path);
        if (!QFileInfo::exists(path) || !QFileInfo::exists(infoFile))
            continue;
        const auto info = Core::CvimodelInfo::readFile(infoFile);
        if (!info) {
            printErr(QStringLiteral("note: %1").arg(info.error().message));
            continue;
        }
        const QString cpu = info->cpuRoutines.isEmpty() ? QStringLiteral("none") : info->cpuRoutines.join(QStringLiteral(", "));
        printOut(QStringLiteral("Device needs for %1: file %2 KiB, ION %3 MB, weights %4 KiB, neurons %5 KiB, CPU layers: %6")
                     .arg(file)
                     .arg(QFileInfo(path).size() / 1024)
                     .arg(info->ionMegabytes, 0, 'f', 2)
                     .arg(info->weightBytes / 1024)
                     .arg(info->neuronBytes() < 0 ? QStringLiteral("?") : QString::number(info->neuronBytes() / 1024))
                     .arg(cpu));
        const auto tensors = Core::CvimodelTensorInfo::readFile(Core::CvimodelTensorInfo::pathFor(path));
        if (!tensors)
            continue; // releases before the tensor info file, or a BF16-only model without one
        printOut(QStringLiteral("  tensors by type: %1").arg(tensors->summary()));
        // The quantize table is a request; the compiled model says whether it was honoured.
        if (file == Core::ConversionPlan::int8ModelFile(project.name)) {
            for (const auto &entry : project.quantization.quantizeTable) {
                if (!tensors->hasType(entry.first, QStringLiteral("bf16")))
                    printErr(QStringLiteral("note: %1 was asked to stay in BF16 but is not BF16 in %2.")
                                 .arg(entry.first, Core::CvimodelTensorInfo::pathFor(path)));
            }
        }
    }
}

/** Prints what the search proposes and, with --adopt, writes it into the project's quantize table. */
static int reportQtableProposal(const Core::JobRecord &job, Core::Project project, const QString &projectPath,
                                bool adopt)
{
    const auto proposal = Core::QtableProposal::fromJob(job, project.name);
    if (!proposal) {
        printErr(proposal.error().message);
        return ExitFailure;
    }
    const Core::QtableSearchResult &s = proposal->search;
    const auto cos = [](double v) { return std::isnan(v) ? QStringLiteral("?") : QString::number(v, 'f', 6); };
    printOut(QStringLiteral("tpu-mlir proposes keeping %1 layer(s) in BF16 (output cosine %2 in INT8, %3 mixed):")
                 .arg(proposal->layers.size())
                 .arg(cos(s.int8Cosine), cos(s.mixCosine)));
    for (const QString &layer : proposal->layers) {
        const double loss = s.lossOf(layer);
        printOut(QStringLiteral("  %1%2").arg(layer, std::isnan(loss) ? QString() : QStringLiteral("  (loss %1)").arg(loss)));
    }
    if (!proposal->calibrationTable.isEmpty())
        printOut(QStringLiteral("Its calibration table with the best threshold per layer: %1")
                     .arg(proposal->calibrationTable));
    if (!adopt) {
        printOut(QStringLiteral("Adopt them with --adopt, or edit the quantize table in the workbench."));
        return ExitOk;
    }
    QString keptTable;
    if (!proposal->calibrationTable.isEmpty()) {
        // Kept in the workspace: the run folders may be cleaned, the adopted table must stay.
        const auto kept = proposal->keepCalibrationTable(project.workspaceDir, project.name);
        if (!kept) {
            printErr(kept.error().message);
            return ExitFailure;
        }
        keptTable = *kept;
    }
    const Core::QtableProposal::Adoption adoption = proposal->adoptInto(project, keptTable);
    const auto saved = Core::ProjectFile::save(project, projectPath);
    if (!saved) {
        printErr(saved.error().message);
        return ExitFailure;
    }
    printOut(QStringLiteral("Adopted %1 new layer(s) into %2.").arg(adoption.newLayers).arg(projectPath));
    if (adoption.tableChanged)
        printOut(QStringLiteral("The INT8 deploy now uses the search's calibration table %1.").arg(keptTable));
    printOut(QStringLiteral("'maixcam-convert run %1 --reuse' deploys again without repeating the transform.")
                 .arg(projectPath));
    return ExitOk;
}

int runRun(const QStringList &arguments)
{
    QString projectPath;
    QString runsRoot;
    ToolchainOptions toolchain;
    bool probe = true;
    bool compareAll = false;
    bool verbose = false;
    bool reuse = false;
    bool adopt = false;
    std::optional<Core::ConversionPlan::QtableSearch> search;
    const auto searchOptions = [&search]() -> Core::ConversionPlan::QtableSearch & {
        if (!search)
            search = Core::ConversionPlan::QtableSearch{};
        return *search;
    };
    auto bad = [](const QString &message) {
        printErr(QStringLiteral("maixcam-convert run: ") + message);
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
            printOut(QString::fromUtf8(s_runUsage));
            return ExitOk;
        } else if (a == QLatin1String("--runs") && hasValue) {
            runsRoot = QFileInfo(arguments[++i]).absoluteFilePath();
        } else if (a == QLatin1String("--no-probe")) {
            probe = false;
        } else if (a == QLatin1String("--reuse")) {
            reuse = true;
        } else if (a == QLatin1String("--search-qtable")) {
            searchOptions();
        } else if (a == QLatin1String("--adopt")) {
            adopt = true;
        } else if (a == QLatin1String("--search-method") && hasValue) {
            searchOptions().method = arguments[++i];
            static const QStringList methods{QStringLiteral("search_qtable"), QStringLiteral("fast_search"),
                                             QStringLiteral("mix_search")};
            if (!methods.contains(search->method))
                return bad(QStringLiteral("--search-method takes search_qtable, fast_search or mix_search, not '%1'.")
                               .arg(search->method));
        } else if ((a == QLatin1String("--expected-cos") || a == QLatin1String("--min-layer-cos")) && hasValue) {
            bool ok = false;
            const double value = arguments[++i].toDouble(&ok);
            if (!ok || value <= 0 || value > 1)
                return bad(QStringLiteral("%1 takes a cosine in (0, 1], not '%2'.").arg(a, arguments[i]));
            (a == QLatin1String("--expected-cos") ? searchOptions().expectedCos : searchOptions().minLayerCos) = value;
        } else if ((a == QLatin1String("--max-float-layers") || a == QLatin1String("--inference-num")) && hasValue) {
            bool ok = false;
            const int value = arguments[++i].toInt(&ok);
            if (!ok || value < 1)
                return bad(QStringLiteral("%1 takes a whole number from 1, not '%2'.").arg(a, arguments[i]));
            (a == QLatin1String("--max-float-layers") ? searchOptions().maxFloatLayers : searchOptions().inferenceNum) = value;
        } else if (a == QLatin1String("--compare-all")) {
            compareAll = true;
        } else if (a == QLatin1String("--verbose") || a == QLatin1String("-v")) {
            verbose = true;
        } else if (a.startsWith(QLatin1Char('-')) || !projectPath.isEmpty()) {
            return bad(QStringLiteral("unexpected argument '%1'.\n%2").arg(a, QString::fromUtf8(s_runUsage)));
        } else {
            projectPath = a;
        }
    }
    if (projectPath.isEmpty())
        return bad(QStringLiteral("no project file given.\n") + QString::fromUtf8(s_runUsage));

    auto loaded = Core::ProjectFile::load(projectPath);
    if (!loaded) {
        printErr(loaded.error().message);
        return ExitBadInput;
    }
    for (const Core::Diagnostic &d : std::as_const(loaded->diagnostics))
        printErr(QStringLiteral("%1: %2").arg(Core::severityName(d.severity), d.message));
    if (Core::hasErrors(loaded->diagnostics))
        return ExitBadInput;
    if (runsRoot.isEmpty())
        runsRoot = loaded->project.workspaceDir; // the project's workspace, where export looks

    const Core::ToolchainSettings settings = toolchain.settings();
    if (!runDoctorChecks(loaded->project, settings, runsRoot))
        return ExitFailure;
    Core::ConversionSession session;
    session.setToolchain(settings);
    QObject::connect(&session, &Core::ConversionSession::probeChecked, &session,
                     [verbose](const Core::ToolchainProbe::Check &c) {
                         if (verbose)
                             printErr(QStringLiteral("%1: %2").arg(c.title, c.message));
                     });
    Core::ConversionSession::RunOptions runOptions;
    runOptions.runsRoot = runsRoot;
    runOptions.compareAll = compareAll;
    runOptions.probe = probe;
    runOptions.qtableSearch = search;
    if (adopt && !search)
        return bad(QStringLiteral("--adopt needs --search-qtable."));
    // Loading the earlier runs also ends what an interrupted one left running (JobHistory).
    const Core::JobHistory::Result history = Core::JobHistory::load(runsRoot, loaded->project.name);
    for (const QString &sentence : history.ended)
        printErr(sentence);
    const QList<Core::JobRecord> &earlier = history.jobs;
    if (reuse && !earlier.isEmpty())
        runOptions.reuseFrom = earlier.last();
    const auto queued = session.startRunAndWait(loaded->project, runOptions);
    if (!queued) {
        printErr(queued.error().message);
        // A toolchain that cannot be reached is a failure; a project that cannot be set up is bad input.
        return session.capabilities() || !probe ? int(ExitBadInput) : int(ExitFailure);
    }
    Core::ConversionJob *running = *queued;
    const Core::JobRecord &started = running->record();
    const bool pulsar2 = loaded->project.device == Core::Device::MaixCam2;
    const QString version = pulsar2 ? started.toolVersion
                            : session.capabilities() ? session.capabilities()->version : QString();
    printOut(QStringLiteral("Running %1 with %2%3 in %4")
                 .arg(loaded->project.name, settings.describe(Core::toolchainFor(loaded->project.device)),
                      version.isEmpty() ? QString()
                                        : QStringLiteral(" (%1 %2)").arg(pulsar2 ? QStringLiteral("Pulsar2") : QStringLiteral("tpu-mlir"), version),
                      started.directory));

    Core::JobPool &pool = *session.pool();
    ProgressPrinter printer(stdoutIsTerminal());
    QEventLoop loop;
    QObject::connect(&pool, &Core::JobPool::jobChanged, &pool,
                     [&printer](Core::ConversionJob *j) { printer.update(j->record()); });
    QObject::connect(&pool, &Core::JobPool::idle, &loop, &QEventLoop::quit);
    if (verbose) {
        QObject::connect(running, &Core::ConversionJob::outputLine, running,
                         [&printer](const QString &step, Core::OutputStream, const QString &line) {
                             printer.finishLine();
                             printOut(step + QStringLiteral("| ") + line);
                         });
    }
    printer.update(running->record());
    // Ctrl-C cancels: the running step's whole process group (or container) is stopped.
    {
        const InterruptWatch interrupt([&pool, &printer] {
            printer.finishLine();
            printErr(QStringLiteral("Cancelling…"));
            pool.cancelAll();
        });
        if (!pool.isIdle())
            loop.exec();
    }
    printer.finishLine();

    const Core::JobRecord &r = running->record();
    if (r.state == Core::JobState::Succeeded) {
        printOut(QStringLiteral("Done: every step succeeded. Files and logs are in %1").arg(r.directory));
        if (search)
            return reportQtableProposal(r, loaded->project, projectPath, adopt);
        printDeviceNeeds(r, loaded->project);
        return ExitOk;
    }
    for (const Core::StepRecord &s : r.steps) {
        if (s.state != Core::StepState::Failed && s.state != Core::StepState::Cancelled)
            continue;
        const Core::Diagnostic *d = s.diagnostics.isEmpty() ? nullptr : &s.diagnostics.first();
        printErr(QStringLiteral("%1: %2").arg(s.title, d ? d->message : s.errorMessage));
        if (d && !d->suggestion.isEmpty())
            printErr(QStringLiteral("  Suggestion: %1").arg(d->suggestion));
        if (!s.logFile.isEmpty())
            printErr(QStringLiteral("  Log: %1").arg(QDir(r.directory).filePath(s.logFile)));
    }
    return ExitFailure;
}

} // namespace Mcw::Cli
