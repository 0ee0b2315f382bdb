// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "provisioningplan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace Mcw::Core {

QString ProvisioningPlan::defaultDockerfile()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates{
        QDir(appDir).filePath(QStringLiteral("../share/maixcam-workbench/docker/Dockerfile")),
        QStringLiteral(MCW_SOURCE_DIR "/packaging/docker/Dockerfile"),
    };
    for (const QString &c : candidates) {
        if (QFileInfo::exists(c))
            return QDir::cleanPath(c);
    }
    return QDir::cleanPath(candidates.first());
}

Expected<QList<PipelineStepSpec>> ProvisioningPlan::steps() const
{
    const QFileInfo wheel(wheelPath);
    if (!wheelPath.isEmpty()) {
        static const QRegularExpression wheelName(QStringLiteral("^tpu_mlir-[^/]+\\.whl$"));
        if (!wheel.isFile()) {
            return makeError(Error::Code::NotFound,
                             QStringLiteral("The tpu_mlir wheel '%1' does not exist; choose the "
                                            "tpu_mlir-<version>-py3-none-any.whl you downloaded, or leave "
                                            "the wheel empty to install tpu_mlir %2 from the Python package index.")
                                 .arg(wheelPath, tpuMlirVersion));
        }
        if (!wheelName.match(wheel.fileName()).hasMatch()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("'%1' is not a tpu_mlir wheel (expected tpu_mlir-<version>-py3-none-any.whl).")
                                 .arg(wheel.fileName()));
        }
    } else if (tpuMlirVersion.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("Choose a tpu_mlir wheel or a tpu_mlir version to install."));
    }
    const QString file = dockerfile.isEmpty() ? defaultDockerfile() : dockerfile;
    if (!QFileInfo(file).isFile()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("The Dockerfile '%1' is missing; reinstall the workbench.").arg(file));
    }
    const ToolInvocation pull{dockerProgram, {QStringLiteral("pull"), baseImage}, {}, {}};
    // No --progress=plain: a docker client without BuildKit rejects it, and BuildKit prints plain
    // lines anyway when its output is not a terminal.
    QStringList buildArgs{QStringLiteral("build"), QStringLiteral("-t"), imageTag,
                          QStringLiteral("--build-arg"), QStringLiteral("BASE_IMAGE=") + baseImage};
    if (wheelPath.isEmpty())
        buildArgs << QStringLiteral("--build-arg") << QStringLiteral("TPU_MLIR_VERSION=") + tpuMlirVersion;
    else
        buildArgs << QStringLiteral("--build-arg") << QStringLiteral("TPU_MLIR_WHEEL=") + wheel.fileName();
    // The build context holds only what the image needs: the wheel's folder, else the
    // Dockerfile's own (two small files).
    buildArgs << QStringLiteral("-f") << QFileInfo(file).absoluteFilePath()
              << (wheelPath.isEmpty() ? QFileInfo(file).absolutePath() : wheel.absolutePath());
    const ToolInvocation build{dockerProgram, buildArgs, {}, {}};
    return QList<PipelineStepSpec>{
        {QStringLiteral("pull"), QStringLiteral("Pull %1").arg(baseImage), pull, {}},
        {QStringLiteral("build"), QStringLiteral("Build %1").arg(imageTag), build, {QStringLiteral("pull")}},
    };
}

} // namespace Mcw::Core
