// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/labels/labellist.h>
#include <core/onnx/onnxloader.h>
#include <core/project/ultralyticsnames.h>

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

TEST(LabelList, GeneratedYoloMetadataGivesTheCocoNames)
{
    const auto graph = OnnxLoader::loadFile(Mcw::Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(graph);
    const auto labels = parseUltralyticsNames(graph->metadataValue(QStringLiteral("names")));
    ASSERT_TRUE(labels);
    ASSERT_EQ(labels->size(), 80);
    EXPECT_EQ(labels->first(), QStringLiteral("person"));
    EXPECT_EQ(labels->at(9), QStringLiteral("traffic light"));
    EXPECT_EQ(labels->last(), QStringLiteral("toothbrush"));
}
