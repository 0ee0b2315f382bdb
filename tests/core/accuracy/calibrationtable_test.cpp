// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/accuracy/calibrationtable.h>
#include <core/atomicfile.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QString data(const char *name)
{
    return QStringLiteral(MCW_TEST_DATA_DIR "/accuracy/") + QLatin1String(name);
}

TEST(CalibrationTable, ReadsThePublishedTpuMlirSample)
{
    auto t = CalibrationTable::read(data("cali_tpumlir_docs_2022.txt"));
    ASSERT_TRUE(t.has_value()) << t.error().message.toStdString();
    EXPECT_EQ(t->generatedTime, QStringLiteral("2022-08-11 10:00:59.743675"));
    EXPECT_EQ(t->histogramNumber, 2048);
    EXPECT_EQ(t->sampleNumber, 100);
    EXPECT_EQ(t->tuneNumber, 5);
    EXPECT_TRUE(t->mlirVersion.isEmpty());
    ASSERT_EQ(t->thresholds.size(), 7);
    EXPECT_EQ(t->thresholds.first().name, QStringLiteral("images"));
    const auto *conv = t->find(QStringLiteral("125_Conv"));
    ASSERT_NE(conv, nullptr);
    EXPECT_DOUBLE_EQ(conv->threshold, 56.1447888);
    EXPECT_DOUBLE_EQ(conv->min, -143.7053833);
    EXPECT_DOUBLE_EQ(conv->max, 122.0844193);
    EXPECT_EQ(t->find(QStringLiteral("nope")), nullptr);
}

TEST(CalibrationTable, ReadsMlirVersionHeaderAndInt4Section)
{
    auto t = CalibrationTable::read(data("cali_v2024_int4.txt"));
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->mlirVersion, QStringLiteral("v1.15.1-20250208"));
    EXPECT_TRUE(t->caliVersion.isEmpty());
    EXPECT_EQ(t->mlirFile, QStringLiteral("yolov5s.mlir"));
    ASSERT_EQ(t->thresholds.size(), 3);
    EXPECT_EQ(t->ignoredLines, 1); // "inf" is rejected like tpu-mlir's importer does
    ASSERT_EQ(t->int4Thresholds.size(), 1);
    EXPECT_DOUBLE_EQ(t->int4Thresholds.first().threshold, 21.1);
    EXPECT_DOUBLE_EQ(t->int4Thresholds.first().min, -24.1142857);
    // The INT8 threshold of the same tensor is untouched by the int4 section.
    EXPECT_DOUBLE_EQ(t->find(QStringLiteral("/model.0/conv/Conv_output_0_Conv"))->threshold,
                     56.4281803);
}

TEST(CalibrationTable, ReadsNewestHeader)
{
    auto t = CalibrationTable::read(data("cali_newest.txt"));
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->mlirVersion, QStringLiteral("v1.21-20250610"));
    EXPECT_EQ(t->caliVersion, QStringLiteral("1.0"));
    EXPECT_EQ(t->method, QStringLiteral("kl"));
    EXPECT_EQ(t->sampleNumber, 500);
    EXPECT_EQ(t->tuneNumber, 10);
    ASSERT_EQ(t->thresholds.size(), 3);
    EXPECT_DOUBLE_EQ(t->thresholds.last().min, -1.0e-3);
}

TEST(CalibrationTable, ReadsOptionalSections)
{
    auto t = CalibrationTable::read(data("cali_sections.txt"));
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->thresholds.size(), 2);
    EXPECT_EQ(t->asymmetricOps,
              (QStringList{QStringLiteral("conv1_Conv"), QStringLiteral("relu1_Relu")}));
    EXPECT_EQ(t->int4Ops, QStringList{QStringLiteral("conv2_Conv")});
    ASSERT_EQ(t->weightScales.size(), 1);
    EXPECT_EQ(t->weightScales.first().scales, (QList<double>{0.01, 0.02, 0.03}));
    ASSERT_EQ(t->fp8WeightScales.size(), 1);
    EXPECT_EQ(t->fp8WeightScales.first().name, QStringLiteral("conv2_Conv"));
    EXPECT_FALSE(t->fp8Table);
}

TEST(CalibrationTable, ReadsFp8Tables)
{
    auto fp8 = CalibrationTable::read(data("cali_fp8.txt"));
    ASSERT_TRUE(fp8.has_value());
    EXPECT_TRUE(fp8->fp8Table);
    EXPECT_EQ(fp8->thresholds.size(), 2);
    auto mixed = CalibrationTable::read(data("cali_mqbench_fp8.txt"));
    ASSERT_TRUE(mixed.has_value());
    EXPECT_FALSE(mixed->fp8Table);
    EXPECT_EQ(mixed->thresholds.size(), 2);
    ASSERT_EQ(mixed->fp8Thresholds.size(), 1);
    EXPECT_DOUBLE_EQ(mixed->fp8Thresholds.first().threshold, 2.5);
}

TEST(CalibrationTable, ToleratesCrLf)
{
    auto bytes = readWholeFile(data("cali_v2024_int4.txt"));
    ASSERT_TRUE(bytes.has_value());
    QByteArray crlf = *bytes;
    crlf.replace("\n", "\r\n");
    auto t = CalibrationTable::parse(crlf, QStringLiteral("crlf"));
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->mlirFile, QStringLiteral("yolov5s.mlir"));
    EXPECT_EQ(t->thresholds.size(), 3);
    EXPECT_EQ(t->int4Thresholds.size(), 1);
}

TEST(CalibrationTable, RejectsNonTablesWithTheFileName)
{
    auto t = CalibrationTable::parse("hello world\n", QStringLiteral("notes.txt"));
    ASSERT_FALSE(t.has_value());
    EXPECT_TRUE(t.error().message.startsWith(QStringLiteral("notes.txt: ")));
    auto missing = CalibrationTable::read(QStringLiteral("/nonexistent/table"));
    ASSERT_FALSE(missing.has_value());
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("/nonexistent/table")));
}
