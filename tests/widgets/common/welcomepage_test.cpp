// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/common/welcomepage.h>

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace Mcw;

static QPushButton *buttonWithText(QWidget *parent, const QString &text)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>()) {
        if (b->text().remove(QLatin1Char('&')) == text)
            return b;
    }
    return nullptr;
}

TEST(WelcomePage, ButtonsEmitTheirRequests)
{
    Widgets::WelcomePage page;
    QSignalSpy model(&page, &Widgets::WelcomePage::openModelRequested);
    QSignalSpy sample(&page, &Widgets::WelcomePage::openSampleRequested);
    QPushButton *open = buttonWithText(&page, QStringLiteral("Open model…"));
    ASSERT_NE(open, nullptr);
    QTest::mouseClick(open, Qt::LeftButton);
    QTest::mouseClick(buttonWithText(&page, QStringLiteral("Open the sample (YOLOv8n)")), Qt::LeftButton);
    EXPECT_EQ(model.count(), 1);
    EXPECT_EQ(sample.count(), 1);
}

TEST(WelcomePage, RecentModelsCarryTheirPath)
{
    Widgets::WelcomePage page;
    page.setRecentModels({QStringLiteral("/data/models/yolov8n.onnx")});
    QSignalSpy spy(&page, &Widgets::WelcomePage::recentModelActivated);
    auto lists = page.findChildren<QListWidget *>();
    ASSERT_EQ(lists.size(), 2);
    ASSERT_EQ(lists[0]->count(), 1);
    EXPECT_EQ(lists[0]->item(0)->text(), QStringLiteral("yolov8n.onnx"));
    emit lists[0]->itemActivated(lists[0]->item(0));
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toString(), QStringLiteral("/data/models/yolov8n.onnx"));
    // The empty project list shows a non-selectable hint, not a blank box.
    EXPECT_EQ(lists[1]->count(), 1);
    EXPECT_EQ(lists[1]->item(0)->flags(), Qt::NoItemFlags);
}

TEST(WelcomePage, MissingToolchainOffersSetUp)
{
    Widgets::WelcomePage page;
    page.show();
    QPushButton *setUp = buttonWithText(&page, QStringLiteral("Set up toolchain…"));
    ASSERT_NE(setUp, nullptr);
    page.setToolchainStatus(QStringLiteral("Docker is not installed."), false);
    EXPECT_TRUE(setUp->isVisible());
    page.setToolchainStatus(QStringLiteral("tpu-mlir v1.15 ready."), true);
    EXPECT_FALSE(setUp->isVisible());
}
