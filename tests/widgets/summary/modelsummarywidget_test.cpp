// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/onnx/onnxloader.h>
#include <tests/support/testpaths.h>
#include <widgets/summary/modelsummarywidget.h>

#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace Mcw;
namespace Tests = Mcw::Tests;

TEST(ModelSummaryWidget, EmptyGraphShowsNothing)
{
    Widgets::ModelSummaryWidget widget;
    widget.setGraph(Core::Graph());
    auto *tree = widget.findChild<QTreeWidget *>();
    ASSERT_NE(tree, nullptr);
    EXPECT_EQ(tree->topLevelItemCount(), 0);
}

static QTreeWidgetItem *findChildItem(QTreeWidgetItem *parent, const QString &key)
{
    for (int i = 0; i < parent->childCount(); ++i) {
        if (parent->child(i)->text(0) == key)
            return parent->child(i);
    }
    return nullptr;
}

TEST(ModelSummaryWidget, ShowsFamilyTaskAndRecommendedCut)
{
    const auto graph = Core::OnnxLoader::loadFile(Tests::generatedModel(QStringLiteral("yolov8n")));
    ASSERT_TRUE(graph) << graph.error().message.toStdString();
    Widgets::ModelSummaryWidget widget;
    widget.setGraph(*graph);
    auto *tree = widget.findChild<QTreeWidget *>();
    ASSERT_NE(tree, nullptr);
    QTreeWidgetItem *family = tree->topLevelItem(0);
    ASSERT_NE(family, nullptr);
    EXPECT_EQ(family->text(0), QStringLiteral("Family"));
    ASSERT_NE(findChildItem(family, QStringLiteral("Family")), nullptr);
    EXPECT_EQ(findChildItem(family, QStringLiteral("Family"))->text(1), QStringLiteral("yolov8"));
    EXPECT_EQ(findChildItem(family, QStringLiteral("Task"))->text(1), QStringLiteral("detect"));
    QTreeWidgetItem *cut = findChildItem(family, QStringLiteral("Recommended cut"));
    ASSERT_NE(cut, nullptr);
    ASSERT_EQ(cut->childCount(), 2);
    const auto nameOf = [](QTreeWidgetItem *item) {
        return item->data(0, Widgets::ModelSummaryWidget::TensorNameRole).toString();
    };
    EXPECT_EQ(nameOf(cut->child(0)), QStringLiteral("/model.22/dfl/conv/Conv_output_0"));
    EXPECT_EQ(nameOf(cut->child(1)), QStringLiteral("/model.22/Sigmoid_output_0"));
    // The tensor's own shape is shown next to it (yolov8n at 640x640: 8400 anchors).
    EXPECT_EQ(cut->child(0)->data(0, Widgets::ModelSummaryWidget::TensorTypeRole).toString(),
              QStringLiteral("float32 [1,1,4,8400]"));
    // Name and type share a row spanning both columns, one under the other: neither is cut
    // down to "/mode…put_0" beside the other in a narrow dock.
    EXPECT_TRUE(cut->child(0)->isFirstColumnSpanned());
    EXPECT_EQ(cut->child(0)->text(0), QStringLiteral("/model.22/dfl/conv/Conv_output_0\nfloat32 [1,1,4,8400]"));
}
