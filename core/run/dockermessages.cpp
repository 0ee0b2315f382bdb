// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockermessages.h"

namespace Mcw::Core {

static bool has(const QString &text, const char *needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
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
    if (has(text, "Cannot connect to the Docker daemon") || has(text, "Is the docker daemon running")) {
        return make(Error::Code::Unsupported,
                    QStringLiteral("The Docker daemon is not running; start it (sudo systemctl start "
                                   "docker, or open Docker Desktop) and try again."));
    }
    if (has(text, "permission denied while trying to connect to the Docker daemon")
        || has(text, "permission denied while trying to connect to the docker API")) {
        return make(Error::Code::Unsupported,
                    QStringLiteral("Permission denied on the Docker socket (/var/run/docker.sock); add "
                                   "your user to the docker group (sudo usermod -aG docker $USER), "
                                   "then log out and in again."));
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
        return make(Error::Code::NotFound,
                    QStringLiteral("The Docker image '%1' is not available; build or pull it with "
                                   "Tools > Set up toolchain (or 'maixcam-convert' after 'docker "
                                   "build', see packaging/docker/README.md).")
                        .arg(c.image));
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
        return make(Error::Code::NotFound,
                    QStringLiteral("%1 is missing in the %2: the tpu_mlir wheel is not installed "
                                   "there; build the workbench image with the wheel (Set up "
                                   "toolchain) or pip install it in the container.")
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
