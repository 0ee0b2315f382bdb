// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "quantizationform.h"

#include <core/project/devicecheck.h>
#include <core/project/devicename.h>
#include <widgets/document/projectdocument.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QtConcurrent>

namespace Mcw::Widgets {

enum MergeId { InputNumMerge = 200, TransformCosMerge, TransformEuclidMerge, DeployCosMerge, DeployEuclidMerge };

static constexpr int s_thumbnailCount = 12;
static constexpr int s_thumbnailSize = 72;

static QDoubleSpinBox *makeTolerance(QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(-1.0, 1.0);
    box->setDecimals(3);
    box->setSingleStep(0.01);
    return box;
}

QuantizationForm::QuantizationForm(ProjectDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_processor(new QComboBox(this))
    , m_processorWarning(new QLabel(this))
    , m_int8(new QCheckBox(tr("INT8 (fast; input quantised with --quant_input)"), this))
    , m_bf16(new QCheckBox(tr("BF16 (slower, closer to float; the fallback)"), this))
    , m_dataset(new QLineEdit(this))
    , m_inputNum(new QSpinBox(this))
    , m_method(new QComboBox(this))
    , m_transformCos(makeTolerance(this))
    , m_transformEuclid(makeTolerance(this))
    , m_deployCos(makeTolerance(this))
    , m_deployEuclid(makeTolerance(this))
    , m_summary(new QLabel(this))
    , m_thumbnails(new QListWidget(this))
    , m_qtable(new QLabel(this))
    , m_clearQtable(new QPushButton(tr("Clear"), this))
{
    m_processor->setObjectName(QStringLiteral("processor"));
    m_dataset->setObjectName(QStringLiteral("datasetFolder"));
    m_processor->addItem(tr("cv181x — MaixCAM, MaixCAM-Pro"), QStringLiteral("cv181x"));
    m_processor->addItem(tr("cv180x — does not run on MaixCAM"), QStringLiteral("cv180x"));
    m_processorWarning->setText(tr("A cv180x model does not load on MaixCAM (\"cvimodel built for "
                                   "cv180x CANNOT run on platform cv181x\")."));
    m_processorWarning->setWordWrap(true);
    m_processorWarning->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_inputNum->setRange(1, 100000);
    m_inputNum->setToolTip(tr("How many images run_calibration.py uses (--input_num)."));
    m_method->addItem(tr("KL divergence (tool default)"), QString());
    m_method->addItem(tr("MSE"), QStringLiteral("use_mse"));
    m_method->addItem(tr("Max"), QStringLiteral("use_max"));
    m_method->addItem(tr("Percentile 99.99"), QStringLiteral("use_percentile9999"));
    m_summary->setWordWrap(true);
    m_thumbnails->setViewMode(QListView::IconMode);
    m_thumbnails->setFlow(QListView::LeftToRight);
    m_thumbnails->setWrapping(false);
    m_thumbnails->setIconSize(QSize(s_thumbnailSize, s_thumbnailSize));
    m_thumbnails->setFixedHeight(s_thumbnailSize + 2 * m_thumbnails->frameWidth() + 24);
    m_thumbnails->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_thumbnails->setSelectionMode(QAbstractItemView::NoSelection);

    auto *target = new QGroupBox(tr("Target and quantisation"), this);
    auto *targetForm = new QFormLayout(target);
    targetForm->addRow(tr("Processor:"), m_processor);
    targetForm->addRow(QString(), m_processorWarning);
    targetForm->addRow(QString(), m_int8);
    targetForm->addRow(QString(), m_bf16);
    auto *qtableRow = new QHBoxLayout;
    qtableRow->addWidget(m_qtable, 1);
    qtableRow->addWidget(m_clearQtable);
    m_qtable->setWordWrap(true);
    m_clearQtable->setObjectName(QStringLiteral("clearQuantizeTable"));
    m_clearQtable->setToolTip(tr("Quantise every layer in INT8 again (Accuracy → Keep in BF16 adds layers)."));
    connect(m_clearQtable, &QPushButton::clicked, this, [this] {
        editQuantization([](Core::Project &p) { p.quantization.quantizeTable.clear(); },
                         tr("Quantise all layers in INT8"));
    });
    targetForm->addRow(tr("Layers kept in BF16:"), qtableRow);

    // The device: MaixCAM (tpu-mlir) or MaixCAM2 (Pulsar2); the form shows what it uses.
    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("device"));
    for (Core::Device d : {Core::Device::MaixCam, Core::Device::MaixCam2})
        m_device->addItem(Core::deviceTitle(d), Core::deviceName(d));
    m_deviceNote = new QLabel(this);
    m_deviceNote->setWordWrap(true);
    m_deviceNote->setStyleSheet(QStringLiteral("color: #b26a00"));
    auto *deviceBox = new QGroupBox(tr("Device"), this);
    auto *deviceForm = new QFormLayout(deviceBox);
    deviceForm->addRow(tr("Convert for:"), m_device);
    deviceForm->addRow(QString(), m_deviceNote);
    m_tpuMlir = target;

    auto *pulsar2 = new QGroupBox(tr("Pulsar2 builds (MaixCAM2, AX620E)"), this);
    m_pulsar2 = pulsar2;
    auto *pulsar2Form = new QFormLayout(pulsar2);
    m_buildNpu = new QCheckBox(tr("model_npu — whole NPU (NPU2; AI-ISP off)"), pulsar2);
    m_buildNpu->setObjectName(QStringLiteral("buildNpu"));
    m_buildVnpu = new QCheckBox(tr("model_vnpu — half NPU (NPU1; leaves room for AI-ISP)"), pulsar2);
    m_buildVnpu->setObjectName(QStringLiteral("buildVnpu"));
    m_pulsar2Method = new QComboBox(pulsar2);
    m_pulsar2Method->setObjectName(QStringLiteral("pulsar2Method"));
    for (const char *method : {"MinMax", "Percentile", "MSE", "KL"})
        m_pulsar2Method->addItem(QLatin1String(method), QLatin1String(method));
    m_precisionAnalysis = new QCheckBox(tr("Per-layer precision analysis (the accuracy chart)"), pulsar2);
    m_u16Layers = new QLabel(pulsar2);
    m_u16Layers->setWordWrap(true);
    m_clearU16 = new QPushButton(tr("Clear"), pulsar2);
    m_clearU16->setToolTip(tr("Quantise every layer in U8 again (Accuracy → Keep in U16 adds layers)."));
    pulsar2Form->addRow(QString(), m_buildNpu);
    pulsar2Form->addRow(QString(), m_buildVnpu);
    pulsar2Form->addRow(tr("Calibration method:"), m_pulsar2Method);
    pulsar2Form->addRow(QString(), m_precisionAnalysis);
    auto *u16Row = new QHBoxLayout;
    u16Row->addWidget(m_u16Layers, 1);
    u16Row->addWidget(m_clearU16);
    pulsar2Form->addRow(tr("Layers kept in U16:"), u16Row);
    connect(m_device, &QComboBox::activated, this, [this](int index) {
        const auto device = Core::parseDevice(m_device->itemData(index).toString());
        editQuantization([&](Core::Project &p) { p.device = device.value_or(Core::Device::MaixCam); },
                         tr("Convert for %1").arg(m_device->itemText(index)));
    });
    connect(m_buildNpu, &QCheckBox::toggled, this, [this](bool on) {
        editQuantization([&](Core::Project &p) { p.pulsar2.buildNpu = on; }, tr("Toggle model_npu"));
    });
    connect(m_buildVnpu, &QCheckBox::toggled, this, [this](bool on) {
        editQuantization([&](Core::Project &p) { p.pulsar2.buildVnpu = on; }, tr("Toggle model_vnpu"));
    });
    connect(m_pulsar2Method, &QComboBox::activated, this, [this](int index) {
        const QString method = m_pulsar2Method->itemData(index).toString();
        editQuantization([&](Core::Project &p) { p.pulsar2.calibrationMethod = method; },
                         tr("Change calibration method"));
    });
    connect(m_precisionAnalysis, &QCheckBox::toggled, this, [this](bool on) {
        editQuantization([&](Core::Project &p) { p.pulsar2.precisionAnalysis = on; },
                         tr("Toggle per-layer precision analysis"));
    });
    connect(m_clearU16, &QPushButton::clicked, this, [this] {
        editQuantization([](Core::Project &p) { p.pulsar2.u16Layers.clear(); }, tr("Quantise all layers in U8"));
    });

    auto *calibration = new QGroupBox(tr("Calibration"), this);
    auto *calForm = new QFormLayout(calibration);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_dataset, 1);
    auto *browse = new QPushButton(tr("Browse…"), this);
    folderRow->addWidget(browse);
    calForm->addRow(tr("Image folder:"), folderRow);
    calForm->addRow(QString(), m_summary);
    calForm->addRow(QString(), m_thumbnails);
    calForm->addRow(tr("Images to use:"), m_inputNum);
    calForm->addRow(tr("Method:"), m_method);

    auto *tolerances = new QGroupBox(tr("Tolerances (cosine, euclidean)"), this);
    auto *tolForm = new QFormLayout(tolerances);
    auto pair = [this](QDoubleSpinBox *a, QDoubleSpinBox *b) {
        auto *row = new QHBoxLayout;
        row->addWidget(a);
        row->addWidget(b);
        row->addStretch();
        return row;
    };
    tolForm->addRow(tr("Transform (ONNX vs MLIR):"), pair(m_transformCos, m_transformEuclid));
    tolForm->addRow(tr("Deploy INT8 (quantised vs float):"), pair(m_deployCos, m_deployEuclid));

    m_tolerances = tolerances;
    m_calibrationForm = calForm;
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(deviceBox);
    layout->addWidget(target);
    layout->addWidget(pulsar2);
    layout->addWidget(calibration);
    layout->addWidget(tolerances);
    layout->addStretch();

    connect(m_processor, &QComboBox::activated, this, [this](int index) {
        const QString processor = m_processor->itemData(index).toString();
        editQuantization([&](Core::Project &p) { p.quantization.processor = processor; },
                         tr("Change processor"));
    });
    connect(m_int8, &QCheckBox::toggled, this, [this](bool on) {
        editQuantization([&](Core::Project &p) { p.quantization.int8 = on; }, tr("Toggle INT8"));
    });
    connect(m_bf16, &QCheckBox::toggled, this, [this](bool on) {
        editQuantization([&](Core::Project &p) { p.quantization.bf16 = on; }, tr("Toggle BF16"));
    });
    connect(m_dataset, &QLineEdit::editingFinished, this, [this] {
        const QString folder = m_dataset->text().trimmed();
        editQuantization([&](Core::Project &p) { p.quantization.datasetDir = folder; },
                         tr("Change calibration folder"));
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Calibration Images"), m_dataset->text());
        if (!folder.isEmpty()) {
            editQuantization([&](Core::Project &p) { p.quantization.datasetDir = folder; },
                             tr("Change calibration folder"));
        }
    });
    connect(m_inputNum, &QSpinBox::valueChanged, this, [this](int n) {
        editQuantization([&](Core::Project &p) { p.quantization.inputNum = n; },
                         tr("Change calibration image count"), InputNumMerge);
    });
    connect(m_method, &QComboBox::activated, this, [this](int index) {
        const QString method = m_method->itemData(index).toString();
        editQuantization([&](Core::Project &p) { p.quantization.calibrationMethod = method; },
                         tr("Change calibration method"));
    });
    auto tolerance = [this](QDoubleSpinBox *box, double Core::Quantization::*field, int mergeId) {
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, field, mergeId](double v) {
            editQuantization([&](Core::Project &p) { p.quantization.*field = v; },
                             tr("Change tolerance"), mergeId);
        });
    };
    tolerance(m_transformCos, &Core::Quantization::transformCos, TransformCosMerge);
    tolerance(m_transformEuclid, &Core::Quantization::transformEuclid, TransformEuclidMerge);
    tolerance(m_deployCos, &Core::Quantization::deployCos, DeployCosMerge);
    tolerance(m_deployEuclid, &Core::Quantization::deployEuclid, DeployEuclidMerge);
    connect(&m_scanWatcher, &QFutureWatcherBase::finished, this, &QuantizationForm::onScanned);
    connect(m_document, &ProjectDocument::projectChanged, this, &QuantizationForm::refreshFromProject);
    refreshFromProject();
}

QuantizationForm::~QuantizationForm()
{
    m_scanWatcher.waitForFinished();
}

void QuantizationForm::editQuantization(const std::function<void(Core::Project &)> &change,
                                        const QString &text, int mergeId)
{
    if (m_updating)
        return;
    Core::Project p = m_document->project();
    change(p);
    m_document->edit(p, text, mergeId);
}

void QuantizationForm::refreshFromProject()
{
    const Core::Project &project = m_document->project();
    const Core::Quantization &q = project.quantization;
    m_updating = true;
    const bool maixcam2 = project.device == Core::Device::MaixCam2;
    m_device->setCurrentIndex(std::max(0, m_device->findData(Core::deviceName(project.device))));
    m_tpuMlir->setVisible(!maixcam2);
    m_tolerances->setVisible(!maixcam2);
    m_pulsar2->setVisible(maixcam2);
    m_calibrationForm->setRowVisible(m_method, !maixcam2); // tpu-mlir's methods; Pulsar2 has its own
    // What the chosen device ignores (DeviceCheck), said where the device is chosen.
    QStringList notes;
    for (const Core::Diagnostic &d : Core::DeviceCheck::check(project))
        notes.append(d.message);
    m_deviceNote->setText(notes.join(QLatin1Char('\n')));
    m_deviceNote->setVisible(!notes.isEmpty());
    const Core::Pulsar2Settings &p2 = project.pulsar2;
    m_buildNpu->setChecked(p2.buildNpu);
    m_buildVnpu->setChecked(p2.buildVnpu);
    m_pulsar2Method->setCurrentIndex(std::max(0, m_pulsar2Method->findData(p2.calibrationMethod)));
    m_precisionAnalysis->setChecked(p2.precisionAnalysis);
    m_u16Layers->setText(p2.u16Layers.isEmpty() ? tr("none") : p2.u16Layers.join(QStringLiteral(", ")));
    m_u16Layers->setToolTip(p2.u16Layers.join(QLatin1Char('\n')));
    m_clearU16->setEnabled(!p2.u16Layers.isEmpty());
    m_processor->setCurrentIndex(std::max(0, m_processor->findData(q.processor)));
    m_processorWarning->setVisible(q.processor != QLatin1String("cv181x"));
    m_int8->setChecked(q.int8);
    m_bf16->setChecked(q.bf16);
    if (!m_dataset->hasFocus())
        m_dataset->setText(q.datasetDir);
    m_inputNum->setValue(q.inputNum);
    m_method->setCurrentIndex(std::max(0, m_method->findData(q.calibrationMethod)));
    m_transformCos->setValue(q.transformCos);
    m_transformEuclid->setValue(q.transformEuclid);
    m_deployCos->setValue(q.deployCos);
    m_deployEuclid->setValue(q.deployEuclid);
    QStringList kept;
    for (const auto &entry : q.quantizeTable)
        kept.append(entry.first);
    m_qtable->setText(kept.isEmpty() ? tr("none") : kept.join(QStringLiteral(", ")));
    m_qtable->setToolTip(kept.join(QLatin1Char('\n')));
    m_clearQtable->setEnabled(!kept.isEmpty());
    m_updating = false;
    if (q.datasetDir != m_scannedFolder)
        startScan(q.datasetDir);
    else
        updateSummary();
}

void QuantizationForm::startScan(const QString &folder)
{
    m_scannedFolder = folder;
    m_imageCount = -1;
    m_thumbnails->clear();
    if (folder.isEmpty()) {
        m_summary->setText(tr("Choose a folder of representative images (100–1000 recommended)."));
        emit datasetScanned();
        return;
    }
    // A scan still running for another folder finishes on its own; the watcher reports only this one.
    m_summary->setText(tr("Scanning %1…").arg(folder));
    m_scanWatcher.setFuture(QtConcurrent::run([folder] {
        Scan result;
        result.scan = Core::scanCalibrationFolder(folder);
        if (result.scan)
            result.thumbnails = Core::makeThumbnails(result.scan->images, s_thumbnailCount, s_thumbnailSize);
        return result;
    }));
}

void QuantizationForm::onScanned()
{
    const Scan result = m_scanWatcher.result();
    m_thumbnails->clear();
    if (!result.scan) {
        m_imageCount = -1;
        m_summary->setText(result.scan.error().message);
        emit datasetScanned();
        return;
    }
    m_imageCount = int(result.scan->images.size());
    for (const Core::Thumbnail &t : result.thumbnails) {
        const QImage image(reinterpret_cast<const uchar *>(t.rgb.constData()), t.width, t.height,
                           t.width * 3, QImage::Format_RGB888);
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.copy())), QString(), m_thumbnails);
        item->setToolTip(t.path);
    }
    updateSummary();
    emit datasetScanned();
}

void QuantizationForm::updateSummary()
{
    if (m_imageCount < 0)
        return;
    const int wanted = m_document->project().quantization.inputNum;
    QString text = m_imageCount == 1 ? tr("1 image found") : tr("%1 images found").arg(m_imageCount);
    if (m_imageCount < wanted)
        text += tr("; fewer than the %1 requested — calibration would use only %2.").arg(wanted).arg(m_imageCount);
    else
        text += tr("; %1 will be used.").arg(wanted);
    m_summary->setText(text);
}

QString QuantizationForm::datasetSummary() const
{
    return m_summary->text();
}

int QuantizationForm::thumbnailCount() const
{
    return m_thumbnails->count();
}

bool QuantizationForm::isScanning() const
{
    return m_scanWatcher.isRunning();
}

} // namespace Mcw::Widgets
