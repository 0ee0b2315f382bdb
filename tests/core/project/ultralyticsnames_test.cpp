// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/project/ultralyticsnames.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(UltralyticsNamesTest, ParsesDictLiteralsInKeyOrder)
{
    const auto names = parseUltralyticsNames(QStringLiteral("{1: 'bicycle', 0: 'person', 2: \"traffic light\",}"));
    ASSERT_TRUE(names);
    EXPECT_EQ(*names, (QStringList{QStringLiteral("person"), QStringLiteral("bicycle"), QStringLiteral("traffic light")}));
    EXPECT_EQ(parseUltralyticsNames(QStringLiteral("{}"))->size(), 0);
}

TEST(UltralyticsNamesTest, DecodesPythonEscapes)
{
    // Values as Python's repr() writes them: repr("it's") == "\"it's\"", repr('a\\b') == "'a\\\\b'".
    const auto names = parseUltralyticsNames(QStringLiteral("{0: \"it's\", 1: 'a\\\\b', 2: 'caf\\xe9', 3: '\\u00fc', 4: 'x\\'y'}"));
    ASSERT_TRUE(names) << names.error().message.toStdString();
    EXPECT_EQ(*names, (QStringList{QStringLiteral("it's"), QStringLiteral("a\\b"), QStringLiteral("café"),
                                   QStringLiteral("ü"), QStringLiteral("x'y")}));
}

TEST(UltralyticsNamesTest, AcceptsListLiterals)
{
    EXPECT_EQ(*parseUltralyticsNames(QStringLiteral("['cat', 'dog']")), (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
}

TEST(UltralyticsNamesTest, RejectsAnythingElse)
{
    for (const char *bad : {"", "{0: person}", "{0: 'a', 2: 'c'}", "{0: 'a', 0: 'b'}", "{0: 'a'", "{0: 'a'} x",
                            "__import__('os').system('x')", "{'a': 'b'}", "{0: 'unterminated}", "{0: 'a' 1: 'b'}"}) {
        EXPECT_FALSE(parseUltralyticsNames(QString::fromUtf8(bad))) << bad;
    }
}
