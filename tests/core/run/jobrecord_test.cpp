// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// JobRecord read from damaged job.json values: what the jobrecord fuzzer found.
#include <core/run/jobrecord.h>

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

/** A job with one step whose one output has \a size. */
QJsonObject jobWithOutputSize(const QJsonValue &size)
{
    const QJsonObject output{{QStringLiteral("path"), QStringLiteral("yolov8n.mlir")},
                             {QStringLiteral("sha256"), QStringLiteral("00")},
                             {QStringLiteral("size"), size}};
    const QJsonObject step{{QStringLiteral("id"), QStringLiteral("transform")},
                           {QStringLiteral("state"), QStringLiteral("succeeded")},
                           {QStringLiteral("outputs"), QJsonArray{output}}};
    return QJsonObject{{QStringLiteral("schema"), 1},
                       {QStringLiteral("id"), QStringLiteral("20261204-170000-yolov8n")},
                       {QStringLiteral("name"), QStringLiteral("yolov8n")},
                       {QStringLiteral("state"), QStringLiteral("succeeded")},
                       {QStringLiteral("steps"), QJsonArray{step}}};
}

qint64 loadedSize(const QJsonValue &size)
{
    const auto record = JobRecord::fromJson(jobWithOutputSize(size), QStringLiteral("/runs/r"));
    EXPECT_TRUE(record.has_value());
    return record && !record->steps.isEmpty() && !record->steps.first().outputs.isEmpty()
               ? record->steps.first().outputs.first().size
               : -2;
}

} // namespace

// The jobrecord fuzzer's finding: a size far beyond qint64 was converted with a cast, undefined
// behaviour (UBSan: "9.55556e+94 is outside the range of representable values of type 'long
// long'"). Sizes that are no whole qint64 now read as 0; real sizes as they were written.
TEST(JobRecordTest, AnOutputSizeNoQint64HoldsReadsAsZero)
{
    EXPECT_EQ(loadedSize(9.55556e+94), 0);
    EXPECT_EQ(loadedSize(-1e300), 0);
    EXPECT_EQ(loadedSize(12.5), 0);
    EXPECT_EQ(loadedSize(QStringLiteral("97")), 0);
    EXPECT_EQ(loadedSize(97), 97);
    EXPECT_EQ(loadedSize(double(qint64(1) << 40)), qint64(1) << 40);
}
