// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockermessages.h"

#include <QRegularExpression>

namespace Mcw::Core {

// The engine address the docker client names ("… at unix:///var/run/docker.sock. Is …"), so
// that the sentence points at the engine really used (DOCKER_HOST, a context), not the default.
static QString engineAddress(const QString &text)
{
    static const QRegularExpression address(QStringLiteral("\\b((?:unix|tcp|ssh|npipe|fd)://[^\\s\"]+?)[.:]?(?:\\s|\"|$)"));
    const QRegularExpressionMatch m = address.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

static bool has(const QString &text, const char *needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
}

QString pulsar2ImageMissing(const QString &image, const QString &where)
{
    return QStringLiteral("The Pulsar2 image '%1' is not loaded on %2; download ax_pulsar2_6.0.tar.gz (Hugging Face "
                          "or ModelScope, AXERA-TECH/Pulsar2), load it with 'docker load -i ax_pulsar2_6.0.tar.gz', "
                          "check its name with 'docker images | grep pulsar2' and re-tag it if needed "
                          "('docker tag <name> %1').")
        .arg(image, where);
}

std::optional<Error> interpretDockerFailure(const ProcessOutcome &outcome, const DockerContext &c)
{
    const QString details = outcome.stderrTail.join(QLatin1Char('\n'));
    auto make = [&](Error::Code code, const QString &message) {
        return std::optional<Error>(Error::make(code, message, details));
    };
    if (outcome.kind == ProcessOutcome::Kind::FailedToStart) {
        return make(Error::Code::NotFound,
                    QStringLiteral("Docker is not installed ('%1' was not found); install Docker "
                                   "Engine (https://docs.docker.com/engine/install/) or choose the "
                                   "native backend.")
                        .arg(c.program));
    }
    if (outcome.kind != ProcessOutcome::Kind::Exited || outcome.exitCode == 0)
        return std::nullopt;
    // Only the docker client's own lines: the tool's traceback may mention anything.
    const QString text = outcome.stderrTail.mid(qMax(0, outcome.stderrTail.size() - 8)).join(QLatin1Char('\n'));
    const QString address = engineAddress(text);
    if (has(text, "Cannot connect to the Docker daemon") || has(text, "Is the docker daemon running")) {
        const bool defaultEngine = address.isEmpty() || address == QLatin1String("unix:///var/run/docker.sock");
        if (!c.engine.isEmpty()) {
            return make(Error::Code::Unsupported,
                        QStringLiteral("Docker engine '%1'%2 does not answer; start it or check the address, or "
                                       "remove it from the engines in the toolchain settings.")
                            .arg(c.engine, address.isEmpty() ? QString() : QStringLiteral(" at %1").arg(address)));
        }
        return make(Error::Code::Unsupported,
                    defaultEngine ? QStringLiteral("The Docker daemon is not running; start it (sudo systemctl start "
                                                   "docker, or open Docker Desktop) and try again.")
                                  : QStringLiteral("The Docker daemon at %1 is not running; start it, or point "
                                                   "DOCKER_HOST (or the docker context) at an engine that runs, "
                                                   "and try again.")
                                        .arg(address));
    }
    if (has(text, "permission denied while trying to connect to the Docker daemon")
        || has(text, "permission denied while trying to connect to the docker API")) {
        const QString socket = address.startsWith(QLatin1String("unix://")) ? address.mid(7)
                                                                             : QStringLiteral("/var/run/docker.sock");
        return make(Error::Code::Unsupported,
                    QStringLiteral("Permission denied on the Docker socket (%1); add your user to the "
                                   "group that owns it (sudo usermod -aG docker $USER), then log out "
                                   "and in again.")
                        .arg(socket));
    }
    if (has(text, "No such container")) {
        return make(Error::Code::NotFound,
                    QStringLiteral("The container '%1' does not exist; start it or pick another "
                                   "container in the toolchain settings.")
                        .arg(c.container));
    }
    if (has(text, "is not running")) {
        return make(Error::Code::Unsupported,
                    QStringLiteral("The container '%1' is not running; start it with 'docker start "
                                   "%1'.")
                        .arg(c.container));
    }
    if (has(text, "Unable to find image") || has(text, "No such image") || has(text, "pull access denied")
        || has(text, "manifest unknown") || has(text, "repository does not exist")) {
        const QString where = c.engine.isEmpty() ? QStringLiteral("this engine") : QStringLiteral("engine '%1'").arg(c.engine);
        if (c.tool == QLatin1String("pulsar2"))
            return make(Error::Code::NotFound, pulsar2ImageMissing(c.image, where));
        return make(Error::Code::NotFound,
                    QStringLiteral("The Docker image '%1' is not available on %2; build it with "
                                   "'docker build -t %1 packaging/docker' (see README.md) or Tools > Set up "
                                   "toolchain, or pull it.")
                        .arg(c.image, where));
    }
    if (has(text, "invalid reference format")) {
        return make(Error::Code::InvalidInput,
                    QStringLiteral("'%1' is not a valid Docker image name; fix it in the toolchain "
                                   "settings.")
                        .arg(c.image));
    }
    if (has(text, "executable file not found") || has(text, "failed to execute")
        || (outcome.exitCode == 127 && has(text, "not found"))) {
        const QString where = c.container.isEmpty() ? QStringLiteral("image '%1'").arg(c.image)
                                                    : QStringLiteral("container '%1'").arg(c.container);
        if (c.tool == QLatin1String("pulsar2")) {
            return make(Error::Code::NotFound,
                        QStringLiteral("pulsar2 is missing in the %1: it is not Axera's Pulsar2 image; load that "
                                       "image (docker load -i ax_pulsar2_6.0.tar.gz) and choose it as the Pulsar2 "
                                       "image in the toolchain settings.")
                            .arg(where));
        }
        return make(Error::Code::NotFound,
                    QStringLiteral("%1 is missing in the %2: the tpu_mlir wheel is not installed "
                                   "there; build the workbench image with the wheel (Set up "
                                   "toolchain) or pip install it in the container.")
                        .arg(c.tool, where));
    }
    if (outcome.exitCode == 128 + 9) {
        // SIGKILL inside the container: `docker kill`/`docker stop` from outside, a restart of
        // the engine, or the kernel's OOM killer; the engine cannot tell us which once --rm ran.
        const QString where = c.container.isEmpty() ? QStringLiteral("container") : QStringLiteral("process in container '%1'").arg(c.container);
        return make(Error::Code::Generic,
                    QStringLiteral("The %1 %2 was killed (exit code 137): stopped from outside (docker kill, "
                                   "docker stop, a restart of Docker) or out of memory; run the step again, and "
                                   "give Docker more memory if it happens again.")
                        .arg(c.tool, where));
    }
    if (outcome.exitCode == 125) {
        return make(Error::Code::Generic,
                    QStringLiteral("Docker could not start the %1 container: %2")
                        .arg(c.tool, outcome.stderrTail.isEmpty() ? QStringLiteral("no message.")
                                                                  : outcome.stderrTail.last().trimmed()));
    }
    return std::nullopt;
}

} // namespace Mcw::Core
