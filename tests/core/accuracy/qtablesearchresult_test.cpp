// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/accuracy/qtablesearchresult.h>

#include <QFile>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(QtableSearchResult, ReadsThePublishedSearchOutput)
{
    QFile f(QStringLiteral(MCW_TEST_DATA_DIR "/logs/real-tpu-mlir-docs-search-qtable.log"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QtableSearchResult r = QtableSearchResult::parseLog(QString::fromUtf8(f.readAll()));
    ASSERT_EQ(r.layers.size(), 8); // the docs elide the rest with "......"
    EXPECT_EQ(r.layers.first(), (QtableSearchResult::Layer{QStringLiteral("input3.1"), 0, 0.004858517758037473,
                                                           QStringLiteral("top.Conv")}));
    EXPECT_EQ(r.layers.at(7).name, QStringLiteral("input128.1"));
    EXPECT_EQ(r.layers.at(7).rank, 7);
    EXPECT_DOUBLE_EQ(r.lossOf(QStringLiteral("input13.1")), 0.0009357141882855302);
    EXPECT_TRUE(std::isnan(r.lossOf(QStringLiteral("input999.1"))));
    EXPECT_DOUBLE_EQ(r.int8Cosine, 0.986809);
    EXPECT_DOUBLE_EQ(r.mixCosine, 0.993372);
    EXPECT_EQ(r.floatLayerCount, -1);
    EXPECT_EQ(r.qtableFile, QStringLiteral("mobilenet_v2_qtable"));
    EXPECT_TRUE(r.succeeded);
}

TEST(QtableSearchResult, NewerSpellingWithTheFloatLayerCount)
{
    // Newer releases print a space after the colon and the number of float layers (as in a
    // public cv181x README: 12 layers lift the output cosine from 0.984688).
    const QtableSearchResult r = QtableSearchResult::parseLog(
        QStringLiteral("int8 outputs_cos: 0.984688\r\nfloat layer number: 12\nmix model outputs_cos: 0.9999107254577259\n"
                       "success search qtable\n"));
    EXPECT_DOUBLE_EQ(r.int8Cosine, 0.984688);
    EXPECT_EQ(r.floatLayerCount, 12);
    EXPECT_DOUBLE_EQ(r.mixCosine, 0.9999107254577259);
    EXPECT_TRUE(r.succeeded);
    EXPECT_TRUE(r.layers.isEmpty());
}

TEST(QtableSearchResult, ACutOffSearchHasNoSuccess)
{
    const QtableSearchResult r = QtableSearchResult::parseLog(
        QStringLiteral("the layer /m/Conv_output_0_Conv is 0 sensitive layer, loss is 0.01, type is top.Conv\nrun res"));
    EXPECT_EQ(r.layers.size(), 1);
    EXPECT_FALSE(r.succeeded);
    EXPECT_TRUE(std::isnan(r.int8Cosine));
}
