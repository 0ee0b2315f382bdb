// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtestsupport.h"

#include <core/run/jobpool.h>
#include <core/run/provisioningplan.h>
#include <core/run/toolchainbackend.h>

#include <QDir>
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
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("numpy-1.26.whl"));
    QFile(other).open(QIODevice::WriteOnly);
    plan.wheelPath = other;
    ASSERT_FALSE(plan.steps().has_value());
    EXPECT_TRUE(plan.steps().error().message.contains(QStringLiteral("is not a tpu_mlir wheel")));
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
              (QStringList{QStringLiteral("build"), QStringLiteral("--progress=plain"), QStringLiteral("-t"),
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
