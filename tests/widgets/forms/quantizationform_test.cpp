// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/document/projectdocument.h>
#include <widgets/forms/quantizationform.h>

#include <core/imaging/imagefolder.h>
#include <tests/support/testpaths.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Mcw;

TEST(QuantizationForm, ShowsImageCountAndThumbnailsOfTheDataset)
{
    Widgets::ProjectDocument doc;
    Core::Project p;
    p.quantization.datasetDir = Tests::photoDir();
    p.quantization.inputNum = 500;
    QSignalSpy spy(&doc, &Widgets::ProjectDocument::projectChanged);
    Widgets::QuantizationForm form(&doc);
    QSignalSpy scanned(&form, &Widgets::QuantizationForm::datasetScanned);
    doc.reset(p, {});
    ASSERT_TRUE(scanned.wait(10000));
    const auto scan = Core::scanCalibrationFolder(Tests::photoDir());
    ASSERT_TRUE(scan);
    const int images = int(scan->images.size());
    EXPECT_EQ(form.thumbnailCount(), std::min(images, 12));
    EXPECT_TRUE(form.datasetSummary().startsWith(QStringLiteral("%1 images found").arg(images)))
        << form.datasetSummary().toStdString();
    EXPECT_TRUE(form.datasetSummary().contains(QStringLiteral("fewer than the 500 requested")));
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR")) {
        form.resize(560, 640);
        form.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/quantizationform.png"));
    }
}

TEST(QuantizationForm, ProcessorChangeIsUndoable)
{
    Widgets::ProjectDocument doc;
    doc.reset(Core::Project{}, {});
    Widgets::QuantizationForm form(&doc);
    auto *processor = form.findChild<QComboBox *>(QStringLiteral("processor"));
    ASSERT_NE(processor, nullptr);
    const int cv180x = processor->findData(QStringLiteral("cv180x"));
    processor->setCurrentIndex(cv180x);
    emit processor->activated(cv180x);
    EXPECT_EQ(doc.project().quantization.processor, QStringLiteral("cv180x"));
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().quantization.processor, QStringLiteral("cv181x"));
}

TEST(QuantizationForm, LayersKeptInBf16CanBeClearedAndTheClearUndone)
{
    Widgets::ProjectDocument doc;
    Core::Project p;
    p.quantization.quantizeTable = {{QStringLiteral("/model.0/conv/Conv_output_0_Conv"), QStringLiteral("BF16")},
                                    {QStringLiteral("/model.2/cv1/conv/Conv_output_0_Conv"), QStringLiteral("BF16")}};
    doc.reset(p, {});
    Widgets::QuantizationForm form(&doc);
    auto *clear = form.findChild<QPushButton *>(QStringLiteral("clearQuantizeTable"));
    ASSERT_NE(clear, nullptr);
    ASSERT_TRUE(clear->isEnabled());
    const auto labelShowing = [&form](const QString &text) {
        for (const QLabel *label : form.findChildren<QLabel *>()) {
            if (label->text() == text)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(labelShowing(QStringLiteral("/model.0/conv/Conv_output_0_Conv, /model.2/cv1/conv/Conv_output_0_Conv")));
    clear->click();
    EXPECT_TRUE(doc.project().quantization.quantizeTable.isEmpty());
    EXPECT_FALSE(clear->isEnabled());
    EXPECT_TRUE(labelShowing(QStringLiteral("none")));
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().quantization.quantizeTable, p.quantization.quantizeTable);
    EXPECT_TRUE(clear->isEnabled());
}

TEST(QuantizationForm, DevicePickerShowsOnlyWhatTheDeviceUses)
{
    Widgets::ProjectDocument doc;
    Core::Project p;
    p.quantization.quantizeTable = {{QStringLiteral("/model.0/conv/Conv_output_0_Conv"), QStringLiteral("BF16")}};
    doc.reset(p, {});
    Widgets::QuantizationForm form(&doc);
    auto *device = form.findChild<QComboBox *>(QStringLiteral("device"));
    auto *processor = form.findChild<QComboBox *>(QStringLiteral("processor"));
    auto *buildNpu = form.findChild<QCheckBox *>(QStringLiteral("buildNpu"));
    auto *buildVnpu = form.findChild<QCheckBox *>(QStringLiteral("buildVnpu"));
    ASSERT_TRUE(device && processor && buildNpu && buildVnpu);
    // MaixCAM: tpu-mlir's target, no Pulsar2 builds.
    EXPECT_EQ(device->currentData().toString(), QStringLiteral("maixcam"));
    EXPECT_TRUE(processor->isVisibleTo(&form));
    EXPECT_FALSE(buildNpu->isVisibleTo(&form));

    const int maixcam2 = device->findData(QStringLiteral("maixcam2"));
    device->setCurrentIndex(maixcam2);
    emit device->activated(maixcam2);
    EXPECT_EQ(doc.project().device, Core::Device::MaixCam2);
    EXPECT_FALSE(processor->isVisibleTo(&form));
    EXPECT_TRUE(buildNpu->isVisibleTo(&form));
    EXPECT_TRUE(buildNpu->isChecked());
    // The quantize table stays in the project, and the form says MaixCAM2 ignores it.
    EXPECT_EQ(doc.project().quantization.quantizeTable.size(), 1);
    bool said = false;
    for (const QLabel *label : form.findChildren<QLabel *>())
        said = said || (label->isVisibleTo(&form) && label->text().contains(QStringLiteral("MaixCAM2 ignores it")));
    EXPECT_TRUE(said);

    buildVnpu->setChecked(false);
    EXPECT_FALSE(doc.project().pulsar2.buildVnpu);
    if (qEnvironmentVariableIsSet("MCW_SCREENSHOT_DIR")) {
        form.resize(560, 640);
        form.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/quantizationform-maixcam2.png"));
    }
    doc.undoStack()->undo();
    EXPECT_TRUE(doc.project().pulsar2.buildVnpu);
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().device, Core::Device::MaixCam);
    EXPECT_TRUE(processor->isVisibleTo(&form));
}
