// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/labels/labellist.h>
#include <core/onnx/onnxloader.h>

#include <tests/support/testpaths.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(LabelList, LinesAreTrimmedAndBlankLinesSkipped)
{
    EXPECT_EQ(LabelList::fromLines("person\r\n  traffic light \n\ncar\n"),
              (QStringList{QStringLiteral("person"), QStringLiteral("traffic light"), QStringLiteral("car")}));
}

TEST(LabelList, PastedCommaListOrLines)
{
    EXPECT_EQ(LabelList::fromPastedText(QStringLiteral("cat, dog ,bird,")),
              (QStringList{QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")}));
    EXPECT_EQ(LabelList::fromPastedText(QStringLiteral("hot dog\nteddy bear\n")),
              (QStringList{QStringLiteral("hot dog"), QStringLiteral("teddy bear")}));
}

TEST(LabelList, UltralyticsNamesDictIsOrderedByKey)
{
    const auto labels = LabelList::fromUltralyticsNames(
        QStringLiteral("{1: \"it's\", 0: 'person', 2: 'a\\'b',}"));
    ASSERT_TRUE(labels) << labels.error().message.toStdString();
    EXPECT_EQ(*labels, (QStringList{QStringLiteral("person"), QStringLiteral("it's"), QStringLiteral("a'b")}));
}

TEST(LabelList, BrokenNamesDictSaysWhere)
{
    const auto labels = LabelList::fromUltralyticsNames(QStringLiteral("{0: person}"));
    ASSERT_FALSE(labels);
    EXPECT_EQ(labels.error().message,
              QStringLiteral("The class names are not a dict literal: expected a quoted name at character 5."));
    const auto gap = LabelList::fromUltralyticsNames(QStringLiteral("{0: 'a', 2: 'c'}"));
    ASSERT_FALSE(gap);
    EXPECT_EQ(gap.error().message, QStringLiteral("The class names skip class 1."));
}

TEST(LabelList, GeneratedYoloMetadataGivesTheCocoNames)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(graph);
    const auto labels = LabelList::fromUltralyticsNames(graph->metadataValue(QStringLiteral("names")));
    ASSERT_TRUE(labels);
    ASSERT_EQ(labels->size(), 80);
    EXPECT_EQ(labels->first(), QStringLiteral("person"));
    EXPECT_EQ(labels->at(9), QStringLiteral("traffic light"));
    EXPECT_EQ(labels->last(), QStringLiteral("toothbrush"));
}

TEST(LabelList, MudProblems)
{
    EXPECT_TRUE(LabelList::mudProblem(QStringLiteral("traffic light")).isEmpty());
    EXPECT_FALSE(LabelList::mudProblem(QStringLiteral("a,b")).isEmpty());
    EXPECT_FALSE(LabelList::mudProblem(QStringLiteral("C#")).isEmpty());
    EXPECT_FALSE(LabelList::mudProblem(QStringLiteral(" cat")).isEmpty());
    EXPECT_FALSE(LabelList::mudProblem(QString()).isEmpty());
}
