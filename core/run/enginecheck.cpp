// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginecheck.h"

#include <core/run/dockermessages.h>
#include <core/run/processrunner.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUuid>

namespace Mcw::Core {

// Runs inside the image: the tpu_mlir release, and what the marker file holds when the runs
// folder was mounted. A fixed script; the marker path comes as sys.argv[1], never as code.
static const char InsideScript[] = R"PY(
import sys
try:
    from importlib.metadata import version
    print("tpu_mlir=" + version("tpu_mlir"))
except Exception:
    print("tpu_mlir=")
if len(sys.argv) > 1:
    try:
        print("marker=" + open(sys.argv[1]).read().strip())
    except OSError:
        print("marker=")
)PY";

// The same for Axera's Pulsar2 image, whose entrypoint is a shell: `pulsar2 version` prints
// "version: 6.0" and "commit: …". Fixed text; the marker path comes as $1.
static const char Pulsar2InsideScript[] =
    "pulsar2 version; if [ -n \"$1\" ]; then printf 'marker=%s\\n' \"$(cat \"$1\" 2>/dev/null)\"; fi";

QString EngineCheck::Result::problem() const
{
    for (const Finding &f : findings) {
        if (f.level == Finding::Level::Error)
            return f.message;
    }
    return {};
}

EngineCheck::EngineCheck(ToolchainSettings settings, DockerEngine engine, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_engine(std::move(engine))
    , m_runsDirectory(QDir::tempPath())
{}

EngineCheck::~EngineCheck()
{
    if (!m_marker.isEmpty())
        QFile::remove(m_marker);
}

void EngineCheck::add(Finding::Level level, const QString &title, const QString &message)
{
    m_result.findings.append(Finding{title, level, message});
}

DockerContext EngineCheck::dockerContext() const
{
    // The CLI's default engine keeps the plain sentences ("the Docker daemon at … is not running").
    // The tool decides which image's fix the sentences give (build ours, load Axera's).
    return DockerContext{m_settings.dockerProgram, m_settings.imageFor(m_toolchain), {},
                         m_toolchain == Toolchain::Pulsar2 ? QStringLiteral("pulsar2") : QStringLiteral("docker"),
                         m_engine.isDefault() ? QString() : m_engine.name};
}

void EngineCheck::run(const QStringList &args, std::function<void(const ProcessOutcome &, const QString &)> then)
{
    m_runner = std::make_unique<ProcessRunner>();
    m_runner->setTimeout(m_timeoutMs);
    m_runner->setKillGracePeriod(1000);
    auto output = std::make_shared<QString>();
    connect(m_runner.get(), &ProcessRunner::lineReceived, this,
            [output](OutputStream stream, const QString &line, bool overwrite) {
                if (stream == OutputStream::Stdout && !overwrite)
                    *output += line + QLatin1Char('\n');
            });
    connect(m_runner.get(), &ProcessRunner::finished, this, [this, output, then] {
        const ProcessOutcome outcome = m_runner->outcome();
        m_runner.release()->deleteLater();
        if (outcome.kind == ProcessOutcome::Kind::Cancelled) {
            finish();
            return;
        }
        then(outcome, *output);
    });
    m_runner->start(ToolInvocation{m_settings.dockerProgram, m_engine.cliArguments() + args, {}, {}});
}

void EngineCheck::start()
{
    if (m_running)
        return;
    m_running = true;
    m_result = Result{};
    m_result.engine = m_engine;
    const DockerContext context = dockerContext();
    run({QStringLiteral("version"), QStringLiteral("--format"),
         QStringLiteral("{{.Server.Version}}|{{.Server.Os}}|{{.Server.Arch}}")},
        [this, context](const ProcessOutcome &o, const QString &out) {
            // The client may print a warning line first; the answer is the line with two '|'.
            QString answer;
            for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                if (line.count(QLatin1Char('|')) == 2)
                    answer = line.trimmed();
            }
            if (!o.succeeded() || answer.isEmpty()) {
                const Error e = interpretDockerFailure(o, context)
                                    .value_or(describeOutcome(o, QStringLiteral("docker version")));
                add(Finding::Level::Error, tr("Engine"), e.message);
                finish();
                return;
            }
            const QStringList parts = answer.split(QLatin1Char('|'));
            m_result.reachable = true;
            m_result.serverVersion = parts.at(0);
            m_result.os = parts.at(1);
            m_result.architecture = parts.at(2);
            add(Finding::Level::Ok, tr("Engine"),
                tr("Docker %1 on %2/%3 answers.").arg(parts.at(0), parts.at(1), parts.at(2)));
            if (m_result.architecture != QLatin1String("amd64")) {
                add(Finding::Level::Warning, tr("Architecture"),
                    tr("Engine '%1' runs on %2: the x86-64 toolchain image runs emulated there, several times "
                       "slower; add an x86-64 engine for conversions.")
                        .arg(m_engine.name, m_result.architecture));
            }
            checkImage();
        });
}

void EngineCheck::checkImage()
{
    const DockerContext context = dockerContext();
    run({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.Id}}"),
         m_settings.imageFor(m_toolchain)},
        [this, context](const ProcessOutcome &o, const QString &out) {
            const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            if (!o.succeeded() || lines.isEmpty()) {
                const Error e = interpretDockerFailure(o, context)
                                    .value_or(describeOutcome(o, QStringLiteral("docker image inspect")));
                if (m_toolchain == Toolchain::Pulsar2 && e.code == Error::Code::NotFound) {
                    findPulsar2Images(e.message);
                    return;
                }
                add(Finding::Level::Error, tr("Image"), e.message);
                finish();
                return;
            }
            m_result.imagePresent = true;
            m_result.imageId = lines.last().trimmed();
            checkInside();
        });
}

void EngineCheck::findPulsar2Images(const QString &missing)
{
    // Axera's archives load under other tags too (pulsar2:7.0, pulsar2:6.0-lite, axera/pulsar2:…),
    // so name the ones this engine has, as Sipeed's setup script looks for them.
    run({QStringLiteral("image"), QStringLiteral("ls"), QStringLiteral("--format"), QStringLiteral("{{.Repository}}:{{.Tag}}")},
        [this, missing](const ProcessOutcome &o, const QString &out) {
            QStringList found;
            for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const QString name = line.trimmed();
                if (o.succeeded() && name.contains(QLatin1String("pulsar2"), Qt::CaseInsensitive)
                    && !name.endsWith(QLatin1String(":<none>")))
                    found.append(name);
            }
            m_result.pulsar2Candidates = found;
            const QString wanted = m_settings.imageFor(Toolchain::Pulsar2);
            add(Finding::Level::Error, tr("Image"),
                found.isEmpty() ? missing
                                : tr("The Pulsar2 image '%1' is not on engine '%2', but %3 is: choose it as the Pulsar2 "
                                     "image in the toolchain settings, or tag it (docker tag %4 %1).")
                                      .arg(wanted, m_engine.name, found.join(QStringLiteral(", ")), found.first()));
            finish();
        });
}

void EngineCheck::checkInside()
{
    QStringList args{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("none")};
    // Only an engine on a unix socket here can share our files; an address elsewhere never does.
    const bool tryMount = m_engine.transfer == DockerEngine::Transfer::Auto && m_engine.localSocketPath()
                          && !m_runsDirectory.contains(QLatin1Char(':'));
    if (tryMount) {
        QDir().mkpath(m_runsDirectory);
        const QString dir = QDir::cleanPath(QDir(m_runsDirectory).absolutePath());
        m_token = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_marker = QDir(dir).filePath(QStringLiteral(".mcw-engine-check-%1").arg(m_token));
        QFile marker(m_marker);
        if (marker.open(QIODevice::WriteOnly))
            marker.write(m_token.toUtf8());
        marker.close();
        args << QStringLiteral("-v") << dir + QLatin1Char(':') + dir + QStringLiteral(":ro");
    }
    const QString image = m_settings.imageFor(m_toolchain);
    const bool pulsar2 = m_toolchain == Toolchain::Pulsar2;
    if (pulsar2) {
        args << QStringLiteral("--entrypoint") << QStringLiteral("/bin/bash") << image << QStringLiteral("-c")
             << QString::fromLatin1(Pulsar2InsideScript) << QStringLiteral("mcw-engine-check");
    } else {
        args << image << QStringLiteral("python3") << QStringLiteral("-c") << QString::fromLatin1(InsideScript);
    }
    if (tryMount)
        args << m_marker;
    run(args, [this, tryMount, image, pulsar2](const ProcessOutcome &o, const QString &out) {
        QString version;
        QString marker;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!pulsar2 && line.startsWith(QLatin1String("tpu_mlir=")))
                version = line.mid(9).trimmed();
            if (pulsar2 && line.startsWith(QLatin1String("version:")))
                version = line.mid(8).trimmed();
            if (line.startsWith(QLatin1String("marker=")))
                marker = line.mid(7).trimmed();
        }
        if (!o.succeeded()) {
            add(Finding::Level::Error, tr("Image"),
                tr("A container of %1 did not start on engine '%2': %3")
                    .arg(image, m_engine.name,
                         o.stderrTail.isEmpty() ? describeOutcome(o, QStringLiteral("docker run")).message
                                                : o.stderrTail.last().trimmed()));
            finish();
            return;
        }
        m_result.toolchain = m_toolchain;
        if (pulsar2) {
            m_result.pulsar2Version = version;
            add(version.isEmpty() ? Finding::Level::Error : Finding::Level::Ok, tr("Image"),
                version.isEmpty() ? tr("The image %1 on engine '%2' does not answer 'pulsar2 version': it is not "
                                       "Axera's Pulsar2 image; load that one (docker load -i ax_pulsar2_6.0.tar.gz) "
                                       "and choose it as the Pulsar2 image.")
                                        .arg(image, m_engine.name)
                                  : tr("Image %1 (%2) holds Pulsar2 %3.").arg(image, m_result.imageId.left(19), version));
        } else {
            m_result.tpuMlirVersion = version;
            add(version.isEmpty() ? Finding::Level::Error : Finding::Level::Ok, tr("Image"),
                version.isEmpty() ? tr("The image %1 on engine '%2' has no tpu_mlir installed; build it with "
                                       "'docker build -t %1 packaging/docker'.")
                                        .arg(image, m_engine.name)
                                  : tr("Image %1 (%2) holds tpu_mlir %3.").arg(image, m_result.imageId.left(19), version));
        }
        if (m_engine.transfer != DockerEngine::Transfer::Auto) {
            m_result.transfer = m_engine.transfer;
            add(Finding::Level::Ok, tr("Files"),
                m_engine.transfer == DockerEngine::Transfer::Mount
                    ? tr("Steps bind-mount their folders (set in the engine's settings).")
                    : tr("Steps copy their files in and out (set in the engine's settings)."));
        } else if (tryMount && marker == m_token) {
            m_result.transfer = DockerEngine::Transfer::Mount;
            add(Finding::Level::Ok, tr("Files"), tr("The engine sees this machine's files: steps bind-mount their folders."));
        } else {
            m_result.transfer = DockerEngine::Transfer::Copy;
            add(Finding::Level::Ok, tr("Files"),
                tryMount ? tr("The engine does not see this machine's files (a mounted folder came up empty): "
                              "steps copy their files in and out.")
                         : tr("The engine is not on this machine: steps copy their files in and out."));
        }
        finish();
    });
}

void EngineCheck::cancel()
{
    if (m_runner && m_runner->isRunning())
        m_runner->cancel();
}

void EngineCheck::finish()
{
    if (!m_marker.isEmpty()) {
        QFile::remove(m_marker);
        m_marker.clear();
    }
    m_running = false;
    emit finished();
}

QList<DockerEngine> EngineCheck::parseContextList(const QString &output)
{
    QList<DockerEngine> engines;
    for (const QString &line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.trimmed().toUtf8()).object();
        const QString name = o.value(QStringLiteral("Name")).toString();
        if (name.isEmpty())
            continue;
        DockerEngine e;
        e.name = name;
        e.address = name;
        engines.append(e);
    }
    return engines;
}

QList<DockerEngine> EngineCheck::listContexts(const QString &dockerProgram, int timeoutMs)
{
    QProcess p;
    p.start(dockerProgram, {QStringLiteral("context"), QStringLiteral("ls"), QStringLiteral("--format"),
                            QStringLiteral("{{json .}}")});
    if (!p.waitForFinished(timeoutMs) || p.exitCode() != 0) {
        p.kill();
        p.waitForFinished(1000);
        return {};
    }
    return parseContextList(QString::fromUtf8(p.readAllStandardOutput()));
}

} // namespace Mcw::Core
