// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/project/decimallist.h>
#include <core/project/tensornamelist.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(DecimalList, ReadsOneOrThreePlainDecimals)
{
    EXPECT_EQ(parseDecimalList(QStringLiteral("0, 0,0 "), QStringLiteral("mean")).value_or(QList<double>{}),
              (QList<double>{0, 0, 0}));
    EXPECT_EQ(parseDecimalList(QStringLiteral("0.00392156862745098"), QStringLiteral("scale")).value_or(QList<double>{}),
              (QList<double>{1.0 / 255.0}));
    EXPECT_EQ(parseDecimalList(QStringLiteral("-1e-3,+.5,2."), QStringLiteral("mean")).value_or(QList<double>{}),
              (QList<double>{-0.001, 0.5, 2.0}));
}

// Every face (form, init, importer) shows exactly this sentence for this input.
TEST(DecimalList, ABadTokenIsAnErrorNamingIt)
{
    const auto bad = parseDecimalList(QStringLiteral("0,abc,0"), QStringLiteral("mean"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, QStringLiteral("mean \"0,abc,0\": \"abc\" is not a decimal number; write plain "
                                                  "decimals such as 0,0,0 or 0.00392156862745098."));
    // Forms std::stof would half-read are refused too.
    EXPECT_FALSE(parseDecimalList(QStringLiteral("1/255"), QStringLiteral("scale")));
    EXPECT_FALSE(parseDecimalList(QStringLiteral("0.5abc"), QStringLiteral("scale")));
    EXPECT_FALSE(parseDecimalList(QStringLiteral("nan,0,0"), QStringLiteral("scale")));
}

TEST(DecimalList, EmptyEntriesAndWrongCountsAreErrors)
{
    const auto trailing = parseDecimalList(QStringLiteral("0,0,"), QStringLiteral("mean"));
    ASSERT_FALSE(trailing);
    EXPECT_EQ(trailing.error().message, QStringLiteral("mean \"0,0,\": value 3 of 3 is empty."));
    const auto two = parseDecimalList(QStringLiteral("1,2"), QStringLiteral("scale"));
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().message, QStringLiteral("scale \"1,2\": needs 1 or 3 values (one per channel), got 2."));
    const auto empty = parseDecimalList(QStringLiteral("  "), QStringLiteral("std"));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().message, QStringLiteral("std is empty; write plain decimals such as 0,0,0."));
    EXPECT_FALSE(parseDecimalList(QStringLiteral("1,2,3,4"), QStringLiteral("mean")));
}

TEST(DecimalList, CountRulesForPairsAndAny)
{
    EXPECT_EQ(parseDecimalList(QStringLiteral("10,13,16,30"), QStringLiteral("anchors"), DecimalCount::Pairs)
                  .value_or(QList<double>{}),
              (QList<double>{10, 13, 16, 30}));
    EXPECT_FALSE(parseDecimalList(QStringLiteral("10,13,16"), QStringLiteral("anchors"), DecimalCount::Pairs));
    EXPECT_EQ(parseDecimalList(QStringLiteral("1,2,3,4,5"), QStringLiteral("x"), DecimalCount::Any)
                  .value_or(QList<double>{})
                  .size(),
              5);
}

TEST(TensorNameList, TrimsSkipsEmptyEntriesAndKeepsFirstOfRepeats)
{
    EXPECT_EQ(parseTensorNameList(QStringLiteral(" /model.22/Concat_output_0 , b,,a, b ,")),
              (QStringList{QStringLiteral("/model.22/Concat_output_0"), QStringLiteral("b"), QStringLiteral("a")}));
    EXPECT_TRUE(parseTensorNameList(QStringLiteral(" , ")).isEmpty());
    EXPECT_TRUE(parseTensorNameList(QString()).isEmpty());
}
