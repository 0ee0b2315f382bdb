// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/summary/modelsummarywidget.h>

#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace Mcw;

TEST(ModelSummaryWidget, EmptyGraphShowsNothing)
{
    Widgets::ModelSummaryWidget widget;
    widget.setGraph(Core::Graph());
    auto *tree = widget.findChild<QTreeWidget *>();
    ASSERT_NE(tree, nullptr);
    EXPECT_EQ(tree->topLevelItemCount(), 0);
}
