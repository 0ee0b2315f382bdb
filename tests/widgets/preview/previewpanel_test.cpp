// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Preview panel offscreen, on a crafted head model whose objects are known
// (tests/models/generate_preview_models.py): it runs off the GUI thread after edits, follows the
// thresholds, and a selected detection names the tensor that decided it.
#include <tests/support/testpaths.h>

#include <widgets/preview/previewpanel.h>

#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTreeWidget>

#include <gtest/gtest.h>

using namespace Mcw;

static QString modelDir()
{
    return Tests::binaryDir() + QStringLiteral("/models/preview/");
}

static Core::Project detectProject()
{
    Core::Project p;
    p.name = QStringLiteral("preview_yolov8_detect_s2");
    p.modelPath = modelDir() + p.name + QStringLiteral(".onnx");
    p.inputShape = {1, 3, 256, 256};
    p.labels = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")};
    p.modelType = QStringLiteral("yolov8");
    p.task = QStringLiteral("detector");
    return p;
}

static bool waitForRun(Widgets::PreviewPanel &panel, QSignalSpy &spy)
{
    const int before = int(spy.count());
    while (panel.isBusy() || spy.count() == before) {
        if (!spy.wait(10000))
            return false;
    }
    return true;
}

static void saveShot(QWidget &w, const QString &name)
{
    if (!qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR"))
        return;
    w.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QLatin1Char('/') + name);
}

TEST(PreviewPanel, ShowsTheDecodedObjectsAndFollowsTheThreshold)
{
    Widgets::PreviewPanel panel;
    panel.resize(700, 640);
    panel.show();
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    panel.setImage(modelDir() + QStringLiteral("preview_letterbox.ppm"));
    panel.setProject(detectProject());
    ASSERT_TRUE(waitForRun(panel, updated)) << panel.statusText().toStdString();
    ASSERT_EQ(panel.detections().size(), 4) << panel.statusText().toStdString();
    saveShot(panel, QStringLiteral("preview-panel.png"));

    // Confidence 0.85 keeps the 0.95 and 0.9 objects (the spin box is the first one).
    auto *confidence = panel.findChildren<QDoubleSpinBox *>().value(0);
    ASSERT_NE(confidence, nullptr);
    confidence->setValue(0.85);
    ASSERT_TRUE(waitForRun(panel, updated));
    EXPECT_EQ(panel.detections().size(), 2);
}

TEST(PreviewPanel, SelectingADetectionNamesItsOutputTensor)
{
    Widgets::PreviewPanel panel;
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    QSignalSpy tensor(&panel, &Widgets::PreviewPanel::tensorActivated);
    panel.setImage(modelDir() + QStringLiteral("preview_identity.ppm"));
    panel.setProject(detectProject());
    ASSERT_TRUE(waitForRun(panel, updated));
    auto *list = panel.findChild<QTreeWidget *>();
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->topLevelItemCount(), 4);
    list->setCurrentItem(list->topLevelItem(1));
    ASSERT_EQ(tensor.count(), 1);
    // Scheme 2: class and score come from the Sigmoid output.
    EXPECT_EQ(tensor.first().first().toString(), QStringLiteral("/model.22/Sigmoid_output_0"));
}

TEST(PreviewPanel, AnEditOfTheProjectRunsAgainAndABadModelIsOneSentence)
{
    Widgets::PreviewPanel panel;
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    panel.setImage(modelDir() + QStringLiteral("preview_identity.ppm"));
    Core::Project project = detectProject();
    panel.setProject(project);
    ASSERT_TRUE(waitForRun(panel, updated));
    project.preprocess.mean = {1.0, 2.0, 3.0};
    panel.setProject(project);
    ASSERT_TRUE(waitForRun(panel, updated));
    EXPECT_EQ(panel.detections().size(), 4);

    project.modelPath = modelDir() + QStringLiteral("missing.onnx");
    panel.setProject(project);
    ASSERT_TRUE(waitForRun(panel, updated));
    EXPECT_TRUE(panel.detections().isEmpty());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("missing.onnx")))
        << panel.statusText().toStdString();
}

// The "done when": a wrong mean makes the boxes go wrong before converting. The crafted
// model's only object has a class logit of 20 × (mean input of its cell) − 10, so it is certain
// on a white cell in 0..1 and falls to 0.5 (hidden by conf 0.5) when the mean is 127.5.
TEST(PreviewPanel, AWrongMeanMakesTheObjectDisappear)
{
    Widgets::PreviewPanel panel;
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    panel.setImage(modelDir() + QStringLiteral("preview_white_cell.ppm"));
    Core::Project project;
    project.modelPath = modelDir() + QStringLiteral("preview_mean_sensitive.onnx");
    project.inputShape = {1, 3, 256, 256};
    project.labels = {QStringLiteral("object")};
    project.modelType = QStringLiteral("yolov8");
    project.task = QStringLiteral("detector");
    panel.setProject(project);
    ASSERT_TRUE(waitForRun(panel, updated)) << panel.statusText().toStdString();
    ASSERT_EQ(panel.detections().size(), 1) << panel.statusText().toStdString();
    EXPECT_FLOAT_EQ(panel.detections().first().x,
                    80.0f); // cell (3, 3) at stride 32, one cell each side

    project.preprocess.mean = {127.5, 127.5, 127.5};
    panel.setProject(project);
    ASSERT_TRUE(waitForRun(panel, updated));
    EXPECT_TRUE(panel.detections().isEmpty());
}
