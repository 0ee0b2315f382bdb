// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolchainprobe.h"

#include <core/run/dockerimageid.h>
#include <core/run/dockermessages.h>
#include <core/run/processrunner.h>
#include <core/run/toolchainbackend.h>

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSettings>

namespace Mcw::Core {

ToolchainProbe::ToolchainProbe(ToolchainSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_backend(ToolchainBackend::create(m_settings))
    , m_tools{QStringLiteral("model_transform.py"), QStringLiteral("run_calibration.py"),
              QStringLiteral("model_deploy.py")}
    , m_workingDirectory(QDir::tempPath())
{}

ToolchainProbe::~ToolchainProbe() = default;

Expected<ToolCapabilities> ToolchainProbe::result() const
{
    if (m_error)
        return Unexpected(*m_error);
    return m_caps;
}

/** "model_deploy.py" ↔ "model_deploy": images differ in which spellings they install. */
static QString alternateEntryPoint(const QString &tool)
{
    if (tool.contains(QLatin1Char('/')))
        return {}; // an explicit path is taken as given
    return tool.endsWith(QLatin1String(".py")) ? tool.chopped(3) : tool + QStringLiteral(".py");
}

/** "executable file not found in $PATH" (docker, 127) or the shell's "not found" (native). */
static bool entryPointMissing(const ProcessOutcome &outcome, const QString &output)
{
    if (outcome.kind == ProcessOutcome::Kind::FailedToStart)
        return true;
    const QString text = output + outcome.stderrTail.join(QLatin1Char('\n'));
    return outcome.exitCode == 127 || text.contains(QLatin1String("executable file not found"));
}

void ToolchainProbe::start()
{
    if (m_running)
        return;
    m_running = true;
    m_checks.clear();
    m_error.reset();
    m_caps = ToolCapabilities{};
    m_steps.clear();
    const bool pulsar2 = m_toolchain == Toolchain::Pulsar2;
    const DockerContext context{m_settings.dockerProgram, m_settings.imageFor(m_toolchain),
                                m_settings.containerFor(m_toolchain), pulsar2 ? QStringLiteral("pulsar2") : QString(), {}};
    // The probe runs on the first engine (the session hands it the engine it checks).
    const QStringList on = m_settings.engines.isEmpty() ? QStringList{} : m_settings.engines.first().cliArguments();

    if (m_settings.backend == ToolchainSettings::Backend::Docker) {
        m_steps.append(Step{tr("Docker daemon"), {},
                            ToolInvocation{m_settings.dockerProgram,
                                           on + QStringList{QStringLiteral("version"), QStringLiteral("--format"),
                                            QStringLiteral("{{.Server.Version}}")},
                                           m_workingDirectory, {}},
                            [context](const ProcessOutcome &o, const QString &out) -> Expected<QString> {
                                if (o.succeeded())
                                    return tr("Docker server %1 is reachable.").arg(out.trimmed());
                                return Unexpected(interpretDockerFailure(o, context).value_or(
                                    describeOutcome(o, QStringLiteral("docker version"))));
                            }, false, {}});
        // No Pulsar2 container in exec mode: the tool step names the fix (the backend's wrap).
        if (m_settings.usesDockerExec() && !context.container.isEmpty()) {
            m_steps.append(Step{tr("Container"), {},
                                ToolInvocation{m_settings.dockerProgram,
                                               on + QStringList{QStringLiteral("inspect"), QStringLiteral("--format"),
                                                QStringLiteral("{{.State.Running}}"), context.container},
                                               m_workingDirectory, {}},
                                [context](const ProcessOutcome &o, const QString &out) -> Expected<QString> {
                                    if (!o.succeeded()) {
                                        return Unexpected(interpretDockerFailure(o, context).value_or(
                                            describeOutcome(o, QStringLiteral("docker inspect"))));
                                    }
                                    // The docker client may warn first on the same output (an
                                    // unreadable ~/.docker/config.json): look for the answer line.
                                    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                                    if (!lines.contains(QLatin1String("true"))) {
                                        return makeError(Error::Code::Unsupported,
                                                         tr("The container '%1' is not running; start it "
                                                            "with 'docker start %1'.")
                                                             .arg(context.container));
                                    }
                                    return tr("Container %1 is running.").arg(context.container);
                                }, false, {}});
        } else if (!m_settings.usesDockerExec()) {
            m_steps.append(Step{tr("Image"), {},
                                ToolInvocation{m_settings.dockerProgram,
                                               on + QStringList{QStringLiteral("image"), QStringLiteral("inspect"),
                                                QStringLiteral("--format"), QStringLiteral("{{.Id}}"),
                                                context.image},
                                               m_workingDirectory, {}},
                                [this, context](const ProcessOutcome &o, const QString &out) -> Expected<QString> {
                                    if (!o.succeeded()) {
                                        return Unexpected(interpretDockerFailure(o, context).value_or(
                                            describeOutcome(o, QStringLiteral("docker image inspect"))));
                                    }
                                    m_caps.imageId = dockerImageIdFromOutput(out);
                                    return tr("Image %1 is present (%2).").arg(context.image, m_caps.imageId.left(19));
                                }, false, {}});
        }
    }
    if (pulsar2) {
        // Pulsar2 takes no tpu-mlir flags: its version is what the run records.
        m_steps.append(Step{tr("pulsar2 version"), {},
                            ToolInvocation{QStringLiteral("pulsar2"), {QStringLiteral("version")}, m_workingDirectory, {}},
                            [this](const ProcessOutcome &o, const QString &out) -> Expected<QString> {
                                if (!o.succeeded())
                                    return Unexpected(m_backend->interpretFailure(o, QStringLiteral("pulsar2")));
                                static const QRegularExpression versionLine(QStringLiteral("^version:\\s*(\\S+)"),
                                                                            QRegularExpression::MultilineOption);
                                const QRegularExpressionMatch m = versionLine.match(out);
                                if (!m.hasMatch()) {
                                    return makeError(Error::Code::Unsupported,
                                                     tr("'pulsar2 version' printed no 'version:' line; this is not "
                                                        "Axera's Pulsar2."));
                                }
                                m_caps.version = m.captured(1);
                                m_caps.flags.insert(QStringLiteral("pulsar2"), {});
                                m_caps.programs.insert(QStringLiteral("pulsar2"), QStringLiteral("pulsar2"));
                                return tr("Pulsar2 %1 answers.").arg(m_caps.version);
                            },
                            true,
                            {}});
    }
    const QStringList tools = pulsar2 ? QStringList{} : m_tools;
    for (const QString &tool : tools) {
        const QString name = toolDisplayName(tool);
        m_steps.append(Step{tr("%1 --help").arg(name), {},
                            ToolInvocation{tool, {QStringLiteral("--help")}, m_workingDirectory, {}},
                            [this, name](const ProcessOutcome &o, const QString &out) -> Expected<QString> {
                                if (!o.succeeded())
                                    return Unexpected(m_backend->interpretFailure(o, name));
                                if (!out.contains(QLatin1String("usage:"))) {
                                    return makeError(Error::Code::Unsupported,
                                                     tr("%1 --help printed no argparse usage; this is "
                                                        "not a tpu-mlir tool.")
                                                         .arg(name));
                                }
                                const QSet<QString> flags = ToolCapabilities::parseHelpFlags(out);
                                m_caps.flags.insert(name, flags);
                                m_caps.choices.insert(name, ToolCapabilities::parseHelpChoices(out));
                                if (m_caps.version.isEmpty())
                                    m_caps.version = ToolCapabilities::parseVersion(out);
                                return tr("%1 accepts %2 flags.").arg(name).arg(flags.size());
                            },
                            true,
                            alternateEntryPoint(tool)});
    }
    QMetaObject::invokeMethod(this, &ToolchainProbe::runNext, Qt::QueuedConnection);
}

void ToolchainProbe::cancel()
{
    if (!m_running)
        return;
    m_steps.clear();
    if (m_runner && m_runner->isRunning())
        m_runner->cancel();
}

void ToolchainProbe::fail(const Error &error, const QString &title)
{
    const Check check{title, false, error.message};
    m_checks.append(check);
    m_error = error;
    m_running = false;
    emit checkFinished(check);
    emit finished();
}

void ToolchainProbe::runNext()
{
    if (m_steps.isEmpty()) {
        const qsizetype expected = m_toolchain == Toolchain::Pulsar2 ? 1 : m_tools.size();
        if (!m_error && m_running && m_caps.flags.size() < expected)
            m_error = Error::make(Error::Code::Cancelled, tr("The toolchain test was cancelled."));
        m_running = false;
        emit finished();
        return;
    }
    Step step = m_steps.takeFirst();
    ToolInvocation inv = step.invocation;
    // Tool checks go through the backend; the docker checks run the docker CLI directly.
    if (step.toolCheck) {
        auto wrapped = m_backend->wrap(inv, QStringLiteral("probe-%1-%2")
                                                .arg(QCoreApplication::applicationPid())
                                                .arg(m_checks.size()));
        if (!wrapped && !step.alternate.isEmpty()) {
            // The native backend looks the program up first: try the other spelling.
            Step retry = step;
            retry.invocation.program = step.alternate;
            retry.alternate.clear();
            m_steps.prepend(retry);
            runNext();
            return;
        }
        if (!wrapped) {
            fail(wrapped.error(), step.title);
            return;
        }
        inv = *wrapped;
    }
    m_output.clear();
    m_runner = std::make_unique<ProcessRunner>();
    m_runner->setTimeout(m_timeoutMs);
    m_runner->setKillGracePeriod(1000);
    connect(m_runner.get(), &ProcessRunner::lineReceived, this,
            [this](OutputStream, const QString &line) { m_output += line + QLatin1Char('\n'); });
    connect(m_runner.get(), &ProcessRunner::finished, this, [this, step] {
        const ProcessOutcome outcome = m_runner->outcome();
        m_runner.release()->deleteLater();
        if (outcome.kind == ProcessOutcome::Kind::Cancelled) {
            fail(Error::make(Error::Code::Cancelled, tr("The toolchain test was cancelled.")), step.title);
            return;
        }
        if (step.toolCheck && !outcome.succeeded() && !step.alternate.isEmpty()
            && entryPointMissing(outcome, m_output)) {
            Step retry = step;
            retry.invocation.program = step.alternate;
            retry.alternate.clear();
            m_steps.prepend(retry);
            runNext();
            return;
        }
        const Expected<QString> verdict = step.evaluate(outcome, m_output);
        if (verdict && step.toolCheck)
            m_caps.programs.insert(toolDisplayName(step.invocation.program), step.invocation.program);
        if (!verdict) {
            fail(verdict.error(), step.title);
            return;
        }
        const Check check{step.title, true, *verdict};
        m_checks.append(check);
        emit checkFinished(check);
        runNext();
    });
    m_runner->start(inv);
}

static QString capabilitiesKey(const ToolchainSettings &toolchain)
{
    QString key = toolchain.describe();
    key.replace(QLatin1Char('/'), QLatin1Char('_'));
    key.replace(QLatin1Char('\\'), QLatin1Char('_'));
    return QStringLiteral("toolchain/capabilities/") + key;
}

void ToolchainProbe::storeCapabilities(QSettings &settings, const ToolchainSettings &toolchain,
                                       const ToolCapabilities &caps)
{
    settings.setValue(capabilitiesKey(toolchain),
                      QString::fromUtf8(QJsonDocument(caps.toJson()).toJson(QJsonDocument::Compact)));
}

ToolCapabilities ToolchainProbe::storedCapabilities(QSettings &settings, const ToolchainSettings &toolchain)
{
    const QString text = settings.value(capabilitiesKey(toolchain)).toString();
    if (text.isEmpty())
        return {};
    ToolCapabilities caps = ToolCapabilities::fromJson(QJsonDocument::fromJson(text.toUtf8()).object());
    // Stored before probes kept the image id: a re-pulled image could not be told apart.
    if (toolchain.backend == ToolchainSettings::Backend::Docker && !toolchain.usesDockerExec() && caps.imageId.isEmpty())
        return {};
    return caps;
}

} // namespace Mcw::Core
