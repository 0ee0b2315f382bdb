// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/bundle/cvimodelinfo.h>

#include <QFile>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(CvimodelInfo, ReadsAPublishedModelToolDump)
{
    QFile f(QStringLiteral(MCW_TEST_DATA_DIR "/logs/real-tennis-detection-model-info.txt"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const auto info = CvimodelInfo::parse(QString::fromUtf8(f.readAll()), f.fileName());
    ASSERT_TRUE(info.has_value()) << info.error().message.toStdString();
    EXPECT_EQ(info->mlirVersion, QStringLiteral("v1.15.1-20250208"));
    EXPECT_EQ(info->cvimodelVersion, QStringLiteral("1.4.0"));
    EXPECT_EQ(info->modelName, QStringLiteral("tennis_detect"));
    EXPECT_EQ(info->buildTime, QStringLiteral("2025-02-12 07:03:16"));
    EXPECT_EQ(info->chip, QStringLiteral("cv181x"));
    EXPECT_DOUBLE_EQ(info->ionMegabytes, 11.73);
    EXPECT_EQ(info->weightBytes, 3120192);
    EXPECT_EQ(info->cmdbufBytes, 476232);
    EXPECT_TRUE(info->sectionsCut); // the README cut the list with "[...]"
    EXPECT_EQ(info->neuronBytes(), -1);
}

TEST(CvimodelInfo, NewerColumnsProgramsAndCpuRoutines)
{
    // Section columns and the program block as model_tool prints them (tpu-mlir's
    // Model::dumpSections with ENCRYPT/COMPRESS; the program block as in the CVITEK runtime guide).
    const QString text = QStringLiteral(
        "Mlir Version: v1.28.1-20260429\n"
        "Cvimodel Version: 1.4.0\n"
        "yolo Build at 2026-06-01 10:00:00\n"
        "For cv181x chip ONLY\n"
        "CviModel Need ION Memory Size: (5.74 MB)\n"
        "\n"
        "Sections:\n"
        "ID   TYPE      NAME                     SIZE        OFFSET      ENCRYPT     COMPRESS    MD5\n"
        "000  weight    weight                   820800      0           False       False       49974c\n"
        "001  cmdbuf    subfunc_0                1440        820800      False       False       caa513\n"
        "002  cmdbuf    subfunc_2                960         822240      False       False       aa0011\n"
        "\n"
        "Program %0\n"
        "  batch_num : 1\n"
        "  private_gmem_size: 0\n"
        "  shared_gmem_size: 448\n"
        "  inputs: images_quant\n"
        "  routines:\n"
        "    %000 tpu\n"
        "      section : subfunc_0\n"
        "    %001 cpu\n"
        "      function : quant\n"
        "    %002 tpu\n"
        "      section : subfunc_2\n");
    const auto info = CvimodelInfo::parse(text, QStringLiteral("x.txt"));
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->weightBytes, 820800);
    EXPECT_EQ(info->cmdbufBytes, 1440 + 960);
    EXPECT_EQ(info->neuronBytes(), 448);
    EXPECT_EQ(info->tpuRoutines, 2);
    EXPECT_EQ(info->cpuRoutines, QStringList{QStringLiteral("%001 cpu quant")});
    EXPECT_FALSE(info->sectionsCut);
}

TEST(CvimodelInfo, OtherTextIsOneSentence)
{
    const auto info = CvimodelInfo::parse(QStringLiteral("usage: model_tool --info file"), QStringLiteral("out.txt"));
    ASSERT_FALSE(info.has_value());
    EXPECT_EQ(info.error().message,
              QStringLiteral("out.txt: not the output of model_tool --info (no 'Mlir Version' or ION line)."));
}
