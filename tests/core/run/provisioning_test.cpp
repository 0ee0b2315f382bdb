// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtestsupport.h"

#include <core/run/jobpool.h>
#include <core/run/provisioningplan.h>
#include <core/run/stepprogress.h>
#include <core/run/toolchainbackend.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;

TEST(ProvisioningPlan, NamesAMissingOrWrongWheel)
{
    Core::ProvisioningPlan plan;
    plan.wheelPath = QStringLiteral("/nonexistent/tpu_mlir-1.15.1-py3-none-any.whl");
    auto missing = plan.steps();
    ASSERT_FALSE(missing.has_value());
    EXPECT_TRUE(missing.error().message.startsWith(
        QStringLiteral("The tpu_mlir wheel '/nonexistent/tpu_mlir-1.15.1-py3-none-any.whl' does not exist")));
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("leave the wheel empty to install tpu_mlir 1.28.1")));
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("numpy-1.26.whl"));
    QFile(other).open(QIODevice::WriteOnly);
    plan.wheelPath = other;
    ASSERT_FALSE(plan.steps().has_value());
    EXPECT_TRUE(plan.steps().error().message.contains(QStringLiteral("is not a tpu_mlir wheel")));
}

namespace {

QString readSourceFile(const QString &relative)
{
    QFile f(QStringLiteral(MCW_SOURCE_DIR "/") + relative);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << relative.toStdString();
    return QString::fromUtf8(f.readAll());
}

} // namespace

// The README's command builds exactly the image the workbench looks for by default, from the
// Dockerfile's own defaults, and the "Set up toolchain" plan runs that same build.
TEST(ProvisioningPlan, ReadmeDockerfileAndDefaultsAgree)
{
    const QString image = QString::fromLatin1(Core::ToolchainSettings::DefaultImage);
    const QString readmeCommand = QStringLiteral("docker build -t %1 packaging/docker").arg(image);
    EXPECT_TRUE(readSourceFile(QStringLiteral("README.md")).contains(readmeCommand)) << readmeCommand.toStdString();
    EXPECT_TRUE(readSourceFile(QStringLiteral("packaging/docker/README.md")).contains(readmeCommand));

    const QString dockerfile = readSourceFile(QStringLiteral("packaging/docker/Dockerfile"));
    EXPECT_TRUE(dockerfile.contains(QStringLiteral("\nARG BASE_IMAGE=%1\n").arg(QString::fromLatin1(Core::ProvisioningPlan::DefaultBaseImage))));
    EXPECT_TRUE(dockerfile.contains(QStringLiteral("\nARG TPU_MLIR_VERSION=%1\n").arg(QString::fromLatin1(Core::ProvisioningPlan::DefaultTpuMlirVersion))));
    // Sipeed's converter pins this pair (shared/reference/tpu-mlir.md §10).
    EXPECT_STREQ(Core::ProvisioningPlan::DefaultBaseImage, "sophgo/tpuc_dev:v3.4");
    EXPECT_STREQ(Core::ProvisioningPlan::DefaultTpuMlirVersion, "1.28.1");

    const Core::ProvisioningPlan plan;
    EXPECT_EQ(plan.imageTag, image);
    EXPECT_EQ(plan.imageTag, Core::ToolchainSettings().image);
    const auto steps = plan.steps();
    ASSERT_TRUE(steps.has_value()) << steps.error().message.toStdString();
    ASSERT_EQ(steps->size(), 2);
    EXPECT_EQ(steps->at(1).invocation.arguments,
              (QStringList{QStringLiteral("build"), QStringLiteral("-t"), image,
                           QStringLiteral("--build-arg"), QStringLiteral("BASE_IMAGE=sophgo/tpuc_dev:v3.4"),
                           QStringLiteral("--build-arg"), QStringLiteral("TPU_MLIR_VERSION=1.28.1"), QStringLiteral("-f"),
                           QStringLiteral(MCW_SOURCE_DIR "/packaging/docker/Dockerfile"),
                           QStringLiteral(MCW_SOURCE_DIR "/packaging/docker")}));
}

TEST(ProvisioningPlan, PullThenBuildAsAJobWithProgress)
{
    QTemporaryDir dir;
    const QString wheelDir = dir.filePath(QStringLiteral("wheel dir"));
    QDir().mkpath(wheelDir);
    const QString wheel = wheelDir + QStringLiteral("/tpu_mlir-1.15.1-py3-none-any.whl");
    QFile(wheel).open(QIODevice::WriteOnly);
    Core::ProvisioningPlan plan;
    plan.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    plan.wheelPath = wheel;
    auto steps = plan.steps();
    ASSERT_TRUE(steps.has_value()) << steps.error().message.toStdString();
    ASSERT_EQ(steps->size(), 2);
    EXPECT_EQ(steps->at(0).invocation.arguments, (QStringList{QStringLiteral("pull"), QStringLiteral("sophgo/tpuc_dev:v3.4")}));
    EXPECT_EQ(steps->at(1).dependsOn, QStringList{QStringLiteral("pull")});
    EXPECT_EQ(steps->at(1).invocation.arguments,
              (QStringList{QStringLiteral("build"), QStringLiteral("-t"),
                           QStringLiteral("maixcam-workbench/tpu-mlir:v3.4"), QStringLiteral("--build-arg"),
                           QStringLiteral("BASE_IMAGE=sophgo/tpuc_dev:v3.4"), QStringLiteral("--build-arg"),
                           QStringLiteral("TPU_MLIR_WHEEL=tpu_mlir-1.15.1-py3-none-any.whl"), QStringLiteral("-f"),
                           QStringLiteral(MCW_SOURCE_DIR "/packaging/docker/Dockerfile"), wheelDir}));

    qputenv("FAKE_TPU_SPEED", "0");
    Core::ToolchainSettings native;
    native.backend = Core::ToolchainSettings::Backend::Native;
    Core::JobPool pool;
    pool.setBackend(Core::ToolchainBackend::create(native));
    auto record = Core::ConversionPipeline::createJob(QStringLiteral("image"), dir.filePath(QStringLiteral("job")), *steps);
    ASSERT_TRUE(record.has_value());
    Core::ConversionJob *job = pool.submit(*record);
    QList<double> buildProgress;
    QObject::connect(job, &Core::ConversionJob::changed, job, [&] {
        if (job->record().steps.at(1).state == Core::StepState::Running)
            buildProgress.append(job->record().steps.at(1).progress);
    });
    ASSERT_TRUE(Tests::waitUntil([&] { return job->state() == Core::JobState::Succeeded || job->state() == Core::JobState::Failed; }, 30000));
    qunsetenv("FAKE_TPU_SPEED");
    ASSERT_EQ(job->state(), Core::JobState::Succeeded) << job->record().steps.at(1).errorMessage.toStdString();
    // "#N [k/n] …" build lines move the bar: the last one is (n-1)/n of the way.
    ASSERT_FALSE(buildProgress.isEmpty());
    EXPECT_TRUE(std::is_sorted(buildProgress.cbegin(), buildProgress.cend()));
    EXPECT_GT(buildProgress.last(), 0.5);
}

// Debian's docker.io builds with the legacy builder: its "Step k/n :" lines move the bar too.
TEST(ProvisioningPlan, LegacyBuilderStepsMoveTheBar)
{
    Core::StepProgress progress(QStringLiteral("docker"));
    EXPECT_TRUE(progress.feed(Core::OutputStream::Stdout, QStringLiteral("Step 1/8 : ARG BASE_IMAGE=sophgo/tpuc_dev:v3.4")));
    EXPECT_DOUBLE_EQ(progress.fraction(), 0.0);
    EXPECT_TRUE(progress.feed(Core::OutputStream::Stdout, QStringLiteral("Step 5/8 : RUN set -e; if [ -n \"\" ]; then")));
    EXPECT_DOUBLE_EQ(progress.fraction(), 0.5);
    EXPECT_EQ(progress.stage(), QStringLiteral("RUN set -e; if [ -n \"\" ]; then"));
    EXPECT_FALSE(progress.feed(Core::OutputStream::Stdout, QStringLiteral(" ---> Running in 1f2e3d4c5b6a")));
    EXPECT_DOUBLE_EQ(progress.fraction(), 0.5);
}

// What keeps any conversion from starting, found without running anything, names the fix.
TEST(ToolchainSettings, InstallProblemNamesWhatIsMissingAndTheFix)
{
    Core::ToolchainSettings native;
    native.backend = Core::ToolchainSettings::Backend::Native;
    native.toolDirectory = QStringLiteral(MCW_FAKES_DIR);
    EXPECT_TRUE(native.installProblem().isEmpty()) << native.installProblem().toStdString();
    QTemporaryDir empty;
    native.toolDirectory = empty.path();
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", empty.path().toUtf8());
    EXPECT_TRUE(native.installProblem().startsWith(QStringLiteral("tpu-mlir is not installed here")));

    Core::ToolchainSettings docker;
    docker.dockerProgram = QStringLiteral("docker-that-is-not-there");
    EXPECT_EQ(docker.installProblem(),
              QStringLiteral("Docker is not installed. Install it (sudo apt-get install docker.io), then build the "
                             "toolchain image: docker build -t maixcam-workbench/tpu-mlir:v3.4 packaging/docker"));
    qputenv("PATH", path);
    docker.dockerProgram = QStringLiteral(MCW_FAKES_DIR "/docker");
    EXPECT_TRUE(docker.installProblem().isEmpty());
}
