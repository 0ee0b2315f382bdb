// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Preview panel offscreen, on a crafted head model whose objects are known
// (tests/models/generate_preview_models.py): it runs off the GUI thread after edits, follows the
// thresholds, and a selected detection names the tensor that decided it.
#include <tests/support/testpaths.h>

#include <widgets/preview/previewpanel.h>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
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
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the last status lines
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

// Thresholds live in the project: the panel shows the project's and hands edits back to it.
TEST(PreviewPanel, ThresholdsComeFromTheProjectAndEditsGoBackToIt)
{
    Widgets::PreviewPanel panel;
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    QSignalSpy edited(&panel, &Widgets::PreviewPanel::previewSettingsEdited);
    panel.setImage(modelDir() + QStringLiteral("preview_letterbox.ppm"));
    Core::Project project = detectProject();
    project.preview.confidence = 0.85;
    panel.setProject(project);
    ASSERT_TRUE(waitForRun(panel, updated)) << panel.statusText().toStdString();
    EXPECT_EQ(panel.detections().size(), 2); // the 0.95 and 0.9 objects
    EXPECT_TRUE(edited.isEmpty());           // showing the project's values is no edit

    auto *confidence = panel.findChild<QDoubleSpinBox *>(QStringLiteral("previewConfidence"));
    ASSERT_NE(confidence, nullptr);
    EXPECT_DOUBLE_EQ(confidence->value(), 0.85);
    confidence->setValue(0.5);
    ASSERT_EQ(edited.count(), 1);
    const auto settings = edited.first().first().value<Core::PreviewSettings>();
    EXPECT_DOUBLE_EQ(settings.confidence, 0.5);
    EXPECT_DOUBLE_EQ(settings.iou, project.preview.iou);
    ASSERT_TRUE(waitForRun(panel, updated));
    EXPECT_EQ(panel.detections().size(), 4);
}

// A run folder with a folder run (preview/) fills the per-image table when INT8 is shown.
TEST(PreviewPanel, AFolderRunFillsThePerImageTable)
{
    Widgets::PreviewPanel panel;
    panel.resize(700, 800);
    panel.show();
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    panel.setImage(modelDir() + QStringLiteral("preview_identity.ppm"));
    panel.setProject(detectProject());
    panel.setRunFolder(modelDir() + QStringLiteral("preview_yolov8_detect_s2_run"));
    ASSERT_TRUE(waitForRun(panel, updated));
    auto *int8 = panel.findChild<QCheckBox *>();
    ASSERT_NE(int8, nullptr);
    ASSERT_TRUE(int8->isEnabled());
    int8->setChecked(true);
    ASSERT_TRUE(waitForRun(panel, updated)) << panel.statusText().toStdString();

    auto *table = panel.findChild<QTableView *>(QStringLiteral("previewFolderTable"));
    ASSERT_NE(table, nullptr);
    auto *tabs = panel.findChild<QTabWidget *>();
    ASSERT_NE(tabs, nullptr);
    const int tab = int(tabs->indexOf(table));
    ASSERT_TRUE(tabs->isTabEnabled(tab));
    EXPECT_EQ(tabs->tabText(tab), QStringLiteral("Test Folder (2 images)"));
    tabs->setCurrentIndex(tab);
    QAbstractItemModel *model = table->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The same two images and counts as the core test (int8sidebyside_test.cpp) computes.
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->index(0, 0).data().toString(), QStringLiteral("a"));
    EXPECT_EQ(model->index(0, 1).data().toInt(), 4);
    EXPECT_EQ(model->index(1, 1).data().toInt(), 1); // matched
    EXPECT_EQ(model->index(1, 2).data().toInt(), 1); // shifted
    EXPECT_EQ(model->index(1, 3).data().toInt(), 1); // class changed
    EXPECT_EQ(model->index(1, 4).data().toInt(), 1); // missed
    EXPECT_EQ(model->index(1, 5).data().toInt(), 1); // extra
    EXPECT_TRUE(model->index(1, 4).data(Qt::ForegroundRole).isValid()); // lost detections stand out
    EXPECT_FALSE(model->index(0, 4).data(Qt::ForegroundRole).isValid());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("Folder run: 2 images:"))) << panel.statusText().toStdString();
    saveShot(panel, QStringLiteral("preview-folder.png"));
}

// A run without a test image can still have a folder run: INT8 is offered for its table alone.
TEST(PreviewPanel, ARunWithOnlyAFolderRunOffersItsTable)
{
    QTemporaryDir run;
    const QString from = modelDir() + QStringLiteral("preview_yolov8_detect_s2_run/preview");
    ASSERT_TRUE(QDir().mkpath(run.filePath(QStringLiteral("preview"))));
    for (const QString &name : QDir(from).entryList(QDir::Files))
        ASSERT_TRUE(QFile::copy(from + QLatin1Char('/') + name, run.filePath(QStringLiteral("preview/") + name)));
    Widgets::PreviewPanel panel;
    QSignalSpy updated(&panel, &Widgets::PreviewPanel::previewUpdated);
    panel.setImage(modelDir() + QStringLiteral("preview_identity.ppm"));
    panel.setProject(detectProject());
    panel.setRunFolder(run.path());
    ASSERT_TRUE(waitForRun(panel, updated));
    auto *int8 = panel.findChild<QCheckBox *>();
    ASSERT_TRUE(int8->isEnabled());
    int8->setChecked(true);
    ASSERT_TRUE(waitForRun(panel, updated));
    EXPECT_EQ(panel.findChild<QTableView *>(QStringLiteral("previewFolderTable"))->model()->rowCount(), 2);
    // The missing test-image comparison is one sentence; the folder summary still shows.
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("Folder run: 2 images:"))) << panel.statusText().toStdString();
}
