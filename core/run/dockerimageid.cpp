// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerimageid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace Mcw::Core {

Expected<QString> queryDockerImageId(const ToolchainSettings &settings, int timeoutMs)
{
    const QStringList arguments = settings.usesDockerExec()
                                      ? QStringList{QStringLiteral("inspect"), QStringLiteral("--format"),
                                                    QStringLiteral("{{.Image}}"), settings.container}
                                      : QStringList{QStringLiteral("image"), QStringLiteral("inspect"),
                                                    QStringLiteral("--format"), QStringLiteral("{{.Id}}"),
                                                    settings.image};
    QProcess process;
    process.start(settings.dockerProgram, arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        return makeError(Error::Code::NotFound,
                         QStringLiteral("The id of the Docker image %1 could not be read.")
                             .arg(settings.usesDockerExec() ? settings.container : settings.image));
    }
    const QByteArray out = process.readAllStandardOutput().trimmed();
    // `--format {{.Id}}` prints the id; without a template docker prints the JSON description.
    if (out.startsWith('[')) {
        const QJsonArray array = QJsonDocument::fromJson(out).array();
        if (!array.isEmpty())
            return array.first().toObject().value(QStringLiteral("Id")).toString();
    }
    return QString::fromUtf8(out);
}

} // namespace Mcw::Core
