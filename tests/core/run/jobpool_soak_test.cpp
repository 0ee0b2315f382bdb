// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Soak of the job pool (issue 20): 1,000 conversions on zero-delay doubles (fake_tool named like
// tpu-mlir's tools), four at a time, one in ten cancelled mid-calibration and one in ten failing
// once and retried. Afterwards: no process left, every job.json whole and in the state its
// script implies, and resident memory flat from the 100th to the 1,000th finished conversion.
#include "runtestsupport.h"

#include <tests/support/processscan.h>

#include <core/run/conversionjob.h>
#include <core/run/conversionpipeline.h>
#include <core/run/jobpool.h>
#include <core/run/jobrecord.h>
#include <core/run/toolchainbackend.h>
#include <core/run/toolchainsettings.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <random>

using namespace Mcw;
using Core::ConversionJob;
using Core::ConversionPipeline;
using Core::JobState;

namespace {

enum class Kind { Succeeds, Cancelled, RetriedOnce };

/** Resident memory of this process in KiB (VmRSS of /proc/self/status). */
qint64 residentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

TEST(JobPoolSoak, ThousandConversionsWithRandomCancelsAndRetriesLeaveNothingBehind)
{
    constexpr int Total = 1000;
    QTemporaryDir dir;
    const QString tools = dir.filePath(QStringLiteral("bin"));
    QDir().mkpath(tools);
    for (const char *name : {"model_transform.py", "run_calibration.py", "model_deploy.py"})
        ASSERT_TRUE(QFile::link(Tests::fakeToolPath(), tools + QLatin1Char('/') + QLatin1String(name)));
    const QString root = dir.filePath(QStringLiteral("runs"));
    Core::ToolchainSettings settings;
    settings.backend = Core::ToolchainSettings::Backend::Native;
    settings.toolDirectory = tools;
    Core::JobPool pool;
    pool.setBackend(Core::ToolchainBackend::create(settings));
    pool.setKillGracePeriod(300);
    pool.setMaxConcurrency(4);

    std::mt19937 random(20);
    QHash<ConversionJob *, Kind> kinds;
    QSet<ConversionJob *> retried;
    int finished = 0;
    qint64 rssAt100 = 0;
    QObject::connect(&pool, &Core::JobPool::jobFinished, &pool, [&](ConversionJob *job) {
        if (kinds.value(job) == Kind::RetriedOnce && job->state() == JobState::Failed && !retried.contains(job)) {
            retried.insert(job);
            QMetaObject::invokeMethod(&pool, [&pool, job] { pool.retry(job, QStringLiteral("calibration")); },
                                      Qt::QueuedConnection);
            return;
        }
        if (++finished == 100)
            rssAt100 = residentKib();
    });
    const auto tool = [](const char *name, const QStringList &script) {
        return Core::ToolInvocation{QString::fromLatin1(name), script, {}, {}};
    };

    for (int i = 0; i < Total; ++i) {
        // At most eight unfinished conversions at a time, as a user's queue would hold.
        ASSERT_TRUE(Tests::waitUntil([&] { return i - finished < 8; }, 60000)) << "stuck at " << i;
        const int dice = int(random() % 10);
        const Kind kind = dice == 0 ? Kind::Cancelled : dice == 1 ? Kind::RetriedOnce : Kind::Succeeds;
        QStringList calibration{QStringLiteral("touch:m_cali_table:table")};
        if (kind == Kind::Cancelled)
            calibration.prepend(QStringLiteral("sleep:60000"));
        if (kind == Kind::RetriedOnce)
            calibration.prepend(QStringLiteral("failonce:") + dir.filePath(QStringLiteral("failed-%1").arg(i)));
        const auto specs = ConversionPipeline::standardSteps(
            tool("model_transform.py", {QStringLiteral("touch:m.mlir:top mlir"), QStringLiteral("out:Mlir file generated:m.mlir")}),
            tool("run_calibration.py", calibration), tool("model_deploy.py", {QStringLiteral("touch:m_int8.cvimodel:int8 model")}),
            std::nullopt);
        const auto folder = ConversionPipeline::makeJobDirectory(root, QStringLiteral("m%1").arg(i));
        ASSERT_TRUE(folder);
        const auto record = ConversionPipeline::createJob(QStringLiteral("m%1").arg(i), *folder, specs);
        ASSERT_TRUE(record);
        ConversionJob *job = pool.submit(*record);
        kinds.insert(job, kind);
        if (kind == Kind::Cancelled) {
            QObject::connect(job, &ConversionJob::changed, job, [job] {
                if (job->runningStep() == 1)
                    job->cancel();
            });
        }
    }
    ASSERT_TRUE(Tests::waitUntil([&] { return finished == Total && pool.isIdle(); }, 120000)) << finished;
    const qint64 rssAt1000 = residentKib();

    EXPECT_EQ(Tests::processesWorkingIn(root).size(), 0) << "orphan tool processes";
    int succeeded = 0, cancelled = 0, whole = 0;
    for (ConversionJob *job : pool.jobs()) {
        const auto onDisk = Core::JobRecord::load(job->record().directory);
        ASSERT_TRUE(onDisk) << onDisk.error().message.toStdString();
        ++whole;
        EXPECT_EQ(onDisk->state, job->state());
        const Kind kind = kinds.value(job);
        EXPECT_EQ(job->state(), kind == Kind::Cancelled ? JobState::Cancelled : JobState::Succeeded)
            << job->record().directory.toStdString();
        succeeded += job->state() == JobState::Succeeded;
        cancelled += job->state() == JobState::Cancelled;
    }
    EXPECT_EQ(whole, Total);
    EXPECT_EQ(retried.size(), kinds.values().count(Kind::RetriedOnce));
    // The pool keeps every finished job for the Jobs panel (record, steps, outputs with their
    // hashes): memory grows by that record per job, ~6 KiB measured. A leak of what a run
    // holds while it runs (the process, its pipes, 64 KiB log buffers, the parser) is far more.
    const double growth = double(rssAt1000 - rssAt100) / double(rssAt100);
    const double perJobKib = double(rssAt1000 - rssAt100) / (Total - 100);
    std::printf("soak: %d conversions (%d succeeded, %d cancelled, %lld retried), RSS %lld KiB at the 100th, "
                "%lld KiB at the 1000th (%+.1f %%, %.1f KiB per retained job)\n",
                Total, succeeded, cancelled, qint64(retried.size()), rssAt100, rssAt1000, growth * 100, perJobKib);
    EXPECT_LT(perJobKib, 10.0);
}
