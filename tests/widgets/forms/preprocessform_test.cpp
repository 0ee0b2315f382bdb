// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/document/projectdocument.h>
#include <widgets/forms/preprocessform.h>

#include <tests/support/testpaths.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <gtest/gtest.h>

using namespace Mcw;

static Core::Project projectWithPhoto()
{
    Core::Project p;
    p.inputShape = {1, 3, 224, 320};
    p.testImage = Tests::photoDir() + QStringLiteral("/astronaut.png");
    return p;
}

TEST(PreprocessForm, PreviewShowsTheValueRangeOfTheNetworkInput)
{
    Widgets::ProjectDocument doc;
    doc.reset(projectWithPhoto(), {});
    Widgets::PreprocessForm form(&doc);
    form.resize(500, 700);
    form.show();
    QSignalSpy spy(&form, &Widgets::PreprocessForm::previewUpdated);
    ASSERT_TRUE(spy.wait(5000));
    // Default preprocessing is mean 0, scale 1/255: every channel lands within [0, 1].
    const QString text = form.valueRangeText();
    EXPECT_TRUE(text.startsWith(QStringLiteral("Network input 320×224"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("R [0, 1]"))) << text.toStdString();
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR"))
        form.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/preprocessform.png"));
}

TEST(PreprocessForm, PresetAndTypedValuesGoThroughUndo)
{
    Widgets::ProjectDocument doc;
    doc.reset(projectWithPhoto(), {});
    Widgets::PreprocessForm form(&doc);
    auto *preset = form.findChild<QComboBox *>(QStringLiteral("preset"));
    ASSERT_NE(preset, nullptr);
    const int imagenet = preset->findText(QStringLiteral("ImageNet RGB"));
    ASSERT_GE(imagenet, 0);
    preset->setCurrentIndex(imagenet);
    emit preset->activated(imagenet);
    EXPECT_NEAR(doc.project().preprocess.mean.value(0), 123.675, 1e-9);
    EXPECT_NEAR(doc.project().preprocess.scale.value(0), 1.0 / 58.395, 1e-9);

    auto *mean = form.findChild<QLineEdit *>(QStringLiteral("mean"));
    ASSERT_NE(mean, nullptr);
    mean->setText(QStringLiteral("1/255"));
    emit mean->textEdited(mean->text());
    EXPECT_NEAR(doc.project().preprocess.mean.value(0), 123.675, 1e-9) << "1/255 must be refused";
    mean->setText(QStringLiteral("10, 20, 30"));
    emit mean->textEdited(mean->text());
    EXPECT_EQ(doc.project().preprocess.mean, (QList<double>{10, 20, 30}));
    doc.undoStack()->undo();
    EXPECT_NEAR(doc.project().preprocess.mean.value(0), 123.675, 1e-9);
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().preprocess, Core::Preprocess{});
}

// The form shows the same sentence as `maixcam-convert init` and the bundle importer, and
// keeps the last good values.
TEST(PreprocessForm, ABadTokenIsRefusedWithTheSharedSentence)
{
    Core::Project p;
    p.inputShape = {1, 3, 224, 320};
    Widgets::ProjectDocument doc;
    doc.reset(p, {});
    Widgets::PreprocessForm form(&doc);
    auto *mean = form.findChild<QLineEdit *>(QStringLiteral("mean"));
    auto *error = form.findChild<QLabel *>(QStringLiteral("numbersError"));
    ASSERT_NE(mean, nullptr);
    ASSERT_NE(error, nullptr);
    const QList<double> before = doc.project().preprocess.mean;
    mean->setText(QStringLiteral("0,abc,0"));
    emit mean->textEdited(mean->text());
    EXPECT_FALSE(error->isHidden());
    EXPECT_EQ(error->text(), QStringLiteral("mean \"0,abc,0\": \"abc\" is not a decimal number; write plain "
                                            "decimals such as 0,0,0 or 0.00392156862745098."));
    EXPECT_EQ(doc.project().preprocess.mean, before);
    mean->setText(QStringLiteral("1,2,3"));
    emit mean->textEdited(mean->text());
    EXPECT_TRUE(error->isHidden());
    EXPECT_EQ(doc.project().preprocess.mean, (QList<double>{1, 2, 3}));
}

TEST(PreprocessForm, WidthAndHeightOfAChannelsLastInput)
{
    Core::Project p;
    p.inputShape = {1, 224, 320, 3};
    p.preprocess.channelFormat = QStringLiteral("nhwc");
    Widgets::ProjectDocument doc;
    doc.reset(p, {});
    Widgets::PreprocessForm form(&doc);
    auto *width = form.findChild<QSpinBox *>(QStringLiteral("inputWidth"));
    auto *height = form.findChild<QSpinBox *>(QStringLiteral("inputHeight"));
    ASSERT_NE(width, nullptr);
    ASSERT_NE(height, nullptr);
    EXPECT_EQ(width->value(), 320);
    EXPECT_EQ(height->value(), 224);
    width->setValue(256);
    EXPECT_EQ(doc.project().inputShape, (QList<qint64>{1, 224, 256, 3}));
}
