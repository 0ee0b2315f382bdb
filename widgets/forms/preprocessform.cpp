// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "preprocessform.h"

#include <core/project/decimallist.h>
#include <core/project/imageinput.h>
#include <core/project/numberformat.h>
#include <core/project/preprocesspresets.h>
#include <widgets/document/projectdocument.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QtConcurrent>

namespace Mcw::Widgets {

enum MergeId { WidthMerge = 100, HeightMerge, MeanMerge, ScaleMerge, StdMerge, PadMerge, ImageMerge };

PreprocessForm::PreprocessForm(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_preset(new QComboBox(this))
    , m_mean(new QLineEdit(this))
    , m_scale(new QLineEdit(this))
    , m_std(new QLineEdit(this))
    , m_pixelFormat(new QComboBox(this))
    , m_keepAspect(new QCheckBox(tr("Keep aspect ratio (letterbox, like the MaixCAM runtime)"), this))
    , m_ratioMode(new QComboBox(this))
    , m_padValue(new QSpinBox(this))
    , m_testImage(new QLineEdit(this))
    , m_numbersError(new QLabel(this))
    , m_preview(new QLabel(this))
    , m_range(new QLabel(this))
    , m_previewTimer(new QTimer(this))
{
    // Object names let tests and the end-to-end test find the fields.
    m_width->setObjectName(QStringLiteral("inputWidth"));
    m_height->setObjectName(QStringLiteral("inputHeight"));
    m_preset->setObjectName(QStringLiteral("preset"));
    m_mean->setObjectName(QStringLiteral("mean"));
    m_scale->setObjectName(QStringLiteral("scale"));
    m_std->setObjectName(QStringLiteral("std"));
    m_pixelFormat->setObjectName(QStringLiteral("pixelFormat"));
    m_testImage->setObjectName(QStringLiteral("testImage"));
    m_numbersError->setObjectName(QStringLiteral("numbersError"));
    for (QSpinBox *box : {m_width, m_height}) {
        box->setRange(1, 8192);
        box->setSingleStep(32);
        box->setSuffix(tr(" px"));
    }
    m_preset->addItem(tr("Custom"), QString());
    for (const Core::PreprocessPreset &p : Core::preprocessPresets())
        m_preset->addItem(p.title, p.id);
    m_mean->setPlaceholderText(tr("e.g. 0, 0, 0"));
    m_scale->setPlaceholderText(tr("e.g. 0.00392156862745098 (= 1/255)"));
    m_std->setPlaceholderText(tr("e.g. 255, 255, 255"));
    m_std->setToolTip(tr("Training pipelines often give a std; the device multiplies by scale = 1/std."));
    m_pixelFormat->addItem(tr("RGB"), QStringLiteral("rgb"));
    m_pixelFormat->addItem(tr("BGR"), QStringLiteral("bgr"));
    m_pixelFormat->addItem(tr("Grayscale"), QStringLiteral("gray"));
    m_ratioMode->addItem(tr("Letterbox"), QStringLiteral("letterbox"));
    m_ratioMode->addItem(tr("Scale short side, crop"), QStringLiteral("short_side_scale"));
    m_padValue->setRange(0, 255);
    m_numbersError->setStyleSheet(QStringLiteral("color: #c62828"));
    m_numbersError->setWordWrap(true);
    m_numbersError->hide();
    m_preview->setMinimumSize(240, 180);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setText(tr("Choose a test image to preview the network input."));
    m_preview->setWordWrap(true);
    m_range->setWordWrap(true);
    m_range->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(m_height);
    size->addStretch();
    auto *imageRow = new QHBoxLayout;
    imageRow->addWidget(m_testImage, 1);
    auto *browse = new QPushButton(tr("Browse…"), this);
    imageRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Input size (W × H):"), size);
    form->addRow(tr("Preset:"), m_preset);
    form->addRow(tr("Mean:"), m_mean);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(tr("Std (sets scale):"), m_std);
    form->addRow(QString(), m_numbersError);
    form->addRow(tr("Pixel format:"), m_pixelFormat);
    form->addRow(QString(), m_keepAspect);
    form->addRow(tr("Resize mode:"), m_ratioMode);
    form->addRow(tr("Pad value:"), m_padValue);
    form->addRow(tr("Test image:"), imageRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_range);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150); // coalesce bursts of typing into one preview
    connect(m_previewTimer, &QTimer::timeout, this, &PreprocessForm::startPreview);
    connect(&m_previewWatcher, &QFutureWatcherBase::finished, this, &PreprocessForm::onPreviewReady);

    auto editShape = [this](int mergeId, const QString &text) {
        if (m_updating)
            return;
        Core::Project p = m_document->project();
        p.inputShape = Core::ImageInput::withSize(p.inputShape, p.preprocess.channelFormat, m_width->value(),
                                                  m_height->value());
        m_document->edit(p, text, mergeId);
    };
    connect(m_width, &QSpinBox::valueChanged, this,
            [this, editShape] { editShape(WidthMerge, tr("Change input width")); });
    connect(m_height, &QSpinBox::valueChanged, this,
            [this, editShape] { editShape(HeightMerge, tr("Change input height")); });
    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        const QString id = m_preset->itemData(index).toString();
        if (id.isEmpty())
            return;
        Core::Project p = m_document->project();
        Core::applyPreset(p.preprocess, Core::preprocessPreset(id));
        m_document->edit(p, tr("Apply preset %1").arg(m_preset->itemText(index)));
    });
    connect(m_mean, &QLineEdit::textEdited, this, [this] { commitNumbers(MeanMerge, tr("Change mean")); });
    connect(m_scale, &QLineEdit::textEdited, this, [this] { commitNumbers(ScaleMerge, tr("Change scale")); });
    connect(m_std, &QLineEdit::textEdited, this, &PreprocessForm::commitStd);
    connect(m_pixelFormat, &QComboBox::activated, this, [this](int index) {
        Core::Project p = m_document->project();
        p.preprocess.pixelFormat = m_pixelFormat->itemData(index).toString();
        if (Core::ImageInput::channelCount(p.preprocess.pixelFormat) == 1) {
            p.preprocess.mean = p.preprocess.mean.mid(0, 1);
            p.preprocess.scale = p.preprocess.scale.mid(0, 1);
        } else if (p.preprocess.mean.size() == 1) {
            p.preprocess.mean = QList<double>(3, p.preprocess.mean.value(0));
            p.preprocess.scale = QList<double>(3, p.preprocess.scale.value(0));
        }
        m_document->edit(p, tr("Change pixel format"));
    });
    connect(m_keepAspect, &QCheckBox::toggled, this, [this](bool on) {
        if (m_updating)
            return;
        Core::Project p = m_document->project();
        p.preprocess.keepAspectRatio = on;
        m_document->edit(p, on ? tr("Keep aspect ratio") : tr("Stretch to input size"));
    });
    connect(m_ratioMode, &QComboBox::activated, this, [this](int index) {
        Core::Project p = m_document->project();
        p.preprocess.keepRatioMode = m_ratioMode->itemData(index).toString();
        m_document->edit(p, tr("Change resize mode"));
    });
    connect(m_padValue, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_updating)
            return;
        Core::Project p = m_document->project();
        p.preprocess.padValue = v;
        m_document->edit(p, tr("Change pad value"), PadMerge);
    });
    connect(m_testImage, &QLineEdit::editingFinished, this, [this] {
        Core::Project p = m_document->project();
        p.testImage = m_testImage->text().trimmed();
        m_document->edit(p, tr("Change test image"), ImageMerge);
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Test Image"), m_testImage->text(),
                                                          tr("Images (*.jpg *.jpeg *.png *.bmp)"));
        if (path.isEmpty())
            return;
        Core::Project p = m_document->project();
        p.testImage = path;
        m_document->edit(p, tr("Change test image"));
    });
    connect(m_document, &ProjectDocument::projectChanged, this, &PreprocessForm::refreshFromProject);
    refreshFromProject();
}

PreprocessForm::~PreprocessForm()
{
    m_previewWatcher.waitForFinished();
}

void PreprocessForm::refreshFromProject()
{
    const Core::Project &p = m_document->project();
    m_updating = true;
    if (const auto dims = Core::ImageInput::dims(p.inputShape, p.preprocess.channelFormat)) {
        m_height->setValue(int(dims->height));
        m_width->setValue(int(dims->width));
    }
    const QString presetId = Core::matchingPresetId(p.preprocess);
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(presetId)));
    const QString mean = Core::formatDecimalList(p.preprocess.mean, QStringLiteral(", "));
    const QString scale = Core::formatDecimalList(p.preprocess.scale, QStringLiteral(", "));
    // Don't rewrite a field the user is typing in (keeps the cursor and half-typed numbers).
    if (!m_mean->hasFocus())
        m_mean->setText(mean);
    if (!m_scale->hasFocus())
        m_scale->setText(scale);
    if (!m_std->hasFocus())
        m_std->setText(Core::formatDecimalList(Core::stdFromScale(p.preprocess.scale), QStringLiteral(", ")));
    m_pixelFormat->setCurrentIndex(std::max(0, m_pixelFormat->findData(p.preprocess.pixelFormat)));
    m_keepAspect->setChecked(p.preprocess.keepAspectRatio);
    m_ratioMode->setCurrentIndex(std::max(0, m_ratioMode->findData(p.preprocess.keepRatioMode)));
    m_ratioMode->setEnabled(p.preprocess.keepAspectRatio);
    m_padValue->setValue(p.preprocess.padValue);
    if (!m_testImage->hasFocus())
        m_testImage->setText(p.testImage);
    m_updating = false;
    schedulePreview();
}

void PreprocessForm::commitNumbers(int mergeId, const QString &what)
{
    const auto mean = Core::parseDecimalList(m_mean->text(), QStringLiteral("mean"));
    const auto scale = Core::parseDecimalList(m_scale->text(), QStringLiteral("scale"));
    if (!mean || !scale) {
        m_numbersError->setText((mean ? scale : mean).error().message);
        m_numbersError->show();
        return;
    }
    m_numbersError->hide();
    Core::Project p = m_document->project();
    p.preprocess.mean = *mean;
    p.preprocess.scale = *scale;
    m_document->edit(p, what, mergeId);
}

void PreprocessForm::commitStd()
{
    const auto std = Core::parseDecimalList(m_std->text(), QStringLiteral("std"));
    if (!std) {
        m_numbersError->setText(std.error().message);
        m_numbersError->show();
        return;
    }
    m_numbersError->hide();
    Core::Project p = m_document->project();
    p.preprocess.scale = Core::scaleFromStd(*std);
    m_document->edit(p, tr("Change std"), StdMerge);
}

void PreprocessForm::schedulePreview()
{
    m_previewTimer->start();
}

bool PreprocessForm::isPreviewPending() const
{
    return m_previewTimer->isActive() || m_previewWatcher.isRunning();
}

void PreprocessForm::startPreview()
{
    if (m_previewWatcher.isRunning()) {
        m_previewAgain = true;
        return;
    }
    const Core::Project &p = m_document->project();
    const auto dims = Core::ImageInput::dims(p.inputShape, p.preprocess.channelFormat);
    if (p.testImage.isEmpty() || !dims) {
        m_preview->setPixmap({});
        m_preview->setText(tr("Choose a test image to preview the network input."));
        m_range->clear();
        emit previewUpdated();
        return;
    }
    const QString image = p.testImage;
    const int width = int(dims->width);
    const int height = int(dims->height);
    const Core::Preprocess preprocess = p.preprocess;
    m_previewWatcher.setFuture(QtConcurrent::run([image, width, height, preprocess] {
        return Core::makeLetterboxPreview(image, width, height, preprocess);
    }));
}

void PreprocessForm::onPreviewReady()
{
    if (m_previewAgain) {
        m_previewAgain = false;
        startPreview();
        return;
    }
    const auto result = m_previewWatcher.result();
    if (!result) {
        m_preview->setPixmap({});
        m_preview->setText(result.error().message);
        m_range->clear();
        emit previewUpdated();
        return;
    }
    const Core::LetterboxPreview &pv = *result;
    const QImage image(reinterpret_cast<const uchar *>(pv.pixels.constData()), pv.width, pv.height,
                       pv.grayscale ? pv.width : pv.width * 3,
                       pv.grayscale ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const QSize room = m_preview->size() - QSize(8, 8);
    m_preview->setPixmap(QPixmap::fromImage(image.copy()).scaled(room, Qt::KeepAspectRatio,
                                                                 Qt::SmoothTransformation));
    QStringList ranges;
    const QString order = m_document->project().preprocess.pixelFormat.toUpper();
    for (int c = 0; c < pv.minimum.size(); ++c) {
        const QString channel = pv.grayscale ? tr("gray") : QString(order.at(c));
        ranges.append(tr("%1 [%2, %3]").arg(channel, QString::number(pv.minimum[c], 'g', 4),
                                             QString::number(pv.maximum[c], 'g', 4)));
    }
    m_range->setText(tr("Network input %1×%2, values after (x − mean) × scale: %3")
                         .arg(pv.width)
                         .arg(pv.height)
                         .arg(ranges.join(QStringLiteral(", "))));
    emit previewUpdated();
}

QString PreprocessForm::valueRangeText() const
{
    return m_range->text();
}

} // namespace Mcw::Widgets
