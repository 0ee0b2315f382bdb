// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerimageid.h"

#include <QProcess>

namespace Mcw::Core {

QString dockerImageIdFromOutput(const QString &output)
{
    return output.trimmed().split(QLatin1Char('\n')).last().trimmed();
}

Expected<QString> queryDockerImageId(const ToolchainSettings &settings, Toolchain toolchain, int timeoutMs)
{
    const QString container = settings.containerFor(toolchain);
    const QString image = settings.imageFor(toolchain);
    const QStringList arguments = settings.usesDockerExec()
                                      ? QStringList{QStringLiteral("inspect"), QStringLiteral("--format"),
                                                    QStringLiteral("{{.Image}}"), container}
                                      : QStringList{QStringLiteral("image"), QStringLiteral("inspect"),
                                                    QStringLiteral("--format"), QStringLiteral("{{.Id}}"),
                                                    image};
    QProcess process;
    const QStringList on = settings.engines.isEmpty() ? QStringList{} : settings.engines.first().cliArguments();
    process.start(settings.dockerProgram, on + arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        return makeError(Error::Code::NotFound,
                         QStringLiteral("The id of the Docker image %1 could not be read.")
                             .arg(settings.usesDockerExec() ? container : image));
    }
    return dockerImageIdFromOutput(QString::fromUtf8(process.readAllStandardOutput()));
}

} // namespace Mcw::Core
