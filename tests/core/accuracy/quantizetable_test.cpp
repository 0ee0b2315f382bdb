// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/accuracy/quantizetable.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QString data(const char *name)
{
    return QStringLiteral(MCW_TEST_DATA_DIR "/accuracy/") + QLatin1String(name);
}

TEST(QuantizeTable, ReadsPublishedTables)
{
    auto yolo = QuantizeTable::read(data("qtable_tpumlir_docs_yolov3.txt"));
    ASSERT_TRUE(yolo.has_value()) << yolo.error().message.toStdString();
    ASSERT_EQ(yolo->entries().size(), 9);
    EXPECT_EQ(yolo->entries().first().opName,
              QStringLiteral("model_1/leaky_re_lu_2/LeakyRelu:0_pooling0_MaxPool"));
    EXPECT_EQ(yolo->entries().first().mode, QuantizeTable::Mode::F16);
    auto mobilenet = QuantizeTable::read(data("qtable_tpumlir_docs_mobilenet.txt"));
    ASSERT_TRUE(mobilenet.has_value());
    EXPECT_EQ(mobilenet->entries().size(), 5);
    EXPECT_EQ(mobilenet->entries().last().mode, QuantizeTable::Mode::F32);
    auto search = QuantizeTable::read(data("qtable_search_header.txt"));
    ASSERT_TRUE(search.has_value());
    ASSERT_EQ(search->entries().size(), 2);
    EXPECT_EQ(search->entries().last().opName,
              QStringLiteral("/model.22/dfl/Softmax_output_0_Softmax"));
    EXPECT_EQ(search->entries().last().mode, QuantizeTable::Mode::BF16);
}

TEST(QuantizeTable, RejectsUnknownModesNamingFileAndLine)
{
    auto bad
        = QuantizeTable::parse("# op_name   quantize_mode\nconv1 FP64\n", QStringLiteral("q.txt"));
    ASSERT_FALSE(bad.has_value());
    EXPECT_TRUE(bad.error().message.startsWith(QStringLiteral("q.txt: line 2")));
}

TEST(QuantizeTable, WritesWhatItReads)
{
    QuantizeTable t = QuantizeTable::fromOps({QStringLiteral("/a/Conv_output_0_Conv"),
                                              QStringLiteral("/b/Mul_output_0_Mul"),
                                              QStringLiteral("/a/Conv_output_0_Conv")});
    EXPECT_EQ(t.entries().size(), 2);
    t.set(QStringLiteral("/b/Mul_output_0_Mul"), QuantizeTable::Mode::F32);
    EXPECT_EQ(QString::fromUtf8(t.toText()),
              QStringLiteral("# op_name   quantize_mode\n/a/Conv_output_0_Conv BF16\n"
                             "/b/Mul_output_0_Mul F32\n"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("qtable"));
    ASSERT_TRUE(t.write(path).has_value());
    auto back = QuantizeTable::read(path);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->toText(), t.toText());

    QuantizeTable other = QuantizeTable::fromOps({QStringLiteral("/a/Conv_output_0_Conv")},
                                                 QuantizeTable::Mode::INT8);
    t.merge(other);
    EXPECT_EQ(t.entries().first().mode, QuantizeTable::Mode::INT8);
    t.remove(QStringLiteral("/a/Conv_output_0_Conv"));
    EXPECT_FALSE(t.contains(QStringLiteral("/a/Conv_output_0_Conv")));
    EXPECT_TRUE(t.contains(QStringLiteral("/b/Mul_output_0_Mul")));
}
