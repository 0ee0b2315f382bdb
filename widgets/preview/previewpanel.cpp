// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewpanel.h"
#include "foldercomparisonmodel.h"

#include <core/imaging/imagefolder.h>
#include <core/preview/int8folderrun.h>
#include <core/preview/outputdecoder.h>
#include <core/preview/previewrenderer.h>

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Mcw::Widgets {

// What one background run produced; shared so the GUI thread can redraw highlights from it.
struct PreviewPanel::Outcome
{
    Core::Expected<Core::PreviewResult> fp32 = Core::makeError(QString());
    std::optional<Core::Expected<Core::Int8SideBySide>> int8;
    std::optional<Core::Expected<Core::FolderComparison>> folder;
};

static constexpr int s_debounceMs = 250;
static constexpr int s_stripCount = 24;
static constexpr int s_thumbSize = 72;

static QPixmap toPixmap(const Core::RenderedImage &image)
{
    if (image.isNull())
        return {};
    const QImage view(reinterpret_cast<const uchar *>(image.rgb.constData()),
                      image.width,
                      image.height,
                      image.width * 3,
                      QImage::Format_RGB888);
    return QPixmap::fromImage(view.copy());
}

static QString folderToolTip(const QString &folder)
{
    return (folder.isEmpty() ? QString() : folder + QLatin1Char('\n'))
           + PreviewPanel::tr("A folder of test images: each run then also runs the INT8 model on up to %1 of "
                              "them (tpu-mlir's model_runner) for the per-image table.")
                 .arg(Core::Int8FolderRun::MaxImages);
}

PreviewPanel::PreviewPanel(QWidget *parent)
    : QWidget(parent)
    , m_engine(std::make_shared<Core::PreviewEngine>())
{
    m_pick = new QPushButton(tr("Image…"), this);
    m_imageLabel = new QLabel(tr("No image chosen"), this);
    m_imageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_confidence = new QDoubleSpinBox(this);
    m_iou = new QDoubleSpinBox(this);
    for (QDoubleSpinBox *box : {m_confidence, m_iou}) {
        box->setRange(0.0, 1.0);
        box->setSingleStep(0.05);
        box->setDecimals(2);
    }
    const Core::PreviewSettings defaults; // MaixPy's detect() defaults
    m_confidence->setValue(defaults.confidence);
    m_iou->setValue(defaults.iou);
    m_confidence->setObjectName(QStringLiteral("previewConfidence"));
    m_iou->setObjectName(QStringLiteral("previewIou"));
    m_folder = new QPushButton(tr("Test Folder…"), this);
    m_folder->setObjectName(QStringLiteral("previewFolder"));
    m_folder->setToolTip(folderToolTip({}));
    auto *folderMenu = new QMenu(m_folder);
    folderMenu->addAction(tr("Choose Folder…"), this, &PreviewPanel::pickFolder);
    m_clearFolder = folderMenu->addAction(tr("No Folder Run"), this, [this] {
        editSettings([](Core::PreviewSettings &s) { s.imagesDir.clear(); });
    });
    m_folder->setMenu(folderMenu);
    m_confidence->setToolTip(tr("conf_th passed to detect() on the device"));
    m_iou->setToolTip(tr("iou_th passed to detect() on the device (NMS)"));
    m_int8 = new QCheckBox(tr("INT8 beside FP32"), this);
    m_int8->setEnabled(false);
    m_int8->setToolTip(
        tr("Needs a finished run with a test image whose INT8 outputs were kept (--debug)."));

    m_strip = new QListWidget(this);
    m_strip->setViewMode(QListView::IconMode);
    m_strip->setFlow(QListView::LeftToRight);
    m_strip->setWrapping(false);
    m_strip->setIconSize(QSize(s_thumbSize, s_thumbSize));
    m_strip->setFixedHeight(s_thumbSize + 24);
    m_strip->setMovement(QListView::Static);
    m_strip->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_strip->setVisible(false);
    m_strip->setToolTip(tr("Calibration images: click one to preview it"));

    m_view = new QLabel(this);
    m_view->setAlignment(Qt::AlignCenter);
    m_view->setMinimumSize(160, 120);
    m_view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_detections = new QTreeWidget(this);
    m_detections->setColumnCount(4);
    m_detections->setHeaderLabels({tr("Label"), tr("Score"), tr("Box (x, y, w, h)"), tr("INT8")});
    m_detections->setRootIsDecorated(false);
    m_detections->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_folderModel = new FolderComparisonModel(this);
    m_folderTable = new QTableView(this);
    m_folderTable->setObjectName(QStringLiteral("previewFolderTable"));
    m_folderTable->setModel(m_folderModel);
    m_folderTable->verticalHeader()->setVisible(false);
    m_folderTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_folderTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Narrow rows: the dock shares the right area with the forms and must not squeeze the graph.
    m_imageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QSizePolicy statusPolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusPolicy.setHeightForWidth(true); // every line of the status, however narrow the dock
    m_status->setSizePolicy(statusPolicy);
    auto *top = new QHBoxLayout;
    top->addWidget(m_pick);
    top->addWidget(m_imageLabel, 1);
    auto *thresholds = new QHBoxLayout;
    thresholds->addWidget(new QLabel(tr("Conf."), this));
    thresholds->addWidget(m_confidence);
    thresholds->addWidget(new QLabel(tr("IoU"), this));
    thresholds->addWidget(m_iou);
    thresholds->addStretch(1);
    thresholds->addWidget(m_folder);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    m_lists = new QTabWidget(this);
    m_lists->setDocumentMode(true);
    m_lists->addTab(m_detections, tr("Detections"));
    m_lists->addTab(m_folderTable, tr("Test Folder"));
    m_lists->setTabEnabled(FolderTab, false);
    m_lists->setTabToolTip(FolderTab, tr("Shown after a run with a test image folder, with INT8 beside FP32 on."));
    split->addWidget(m_lists);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(thresholds);
    layout->addWidget(m_int8);
    layout->addWidget(m_strip);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    m_pool.setMaxThreadCount(1);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(s_debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewPanel::start);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PreviewPanel::onFinished);
    connect(m_pick, &QPushButton::clicked, this, &PreviewPanel::pickImage);
    connect(m_confidence, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        editSettings([v](Core::PreviewSettings &s) { s.confidence = v; });
    });
    connect(m_iou, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        editSettings([v](Core::PreviewSettings &s) { s.iou = v; });
    });
    connect(m_int8, &QCheckBox::toggled, this, &PreviewPanel::schedule);
    connect(m_strip, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        setImage(item->toolTip());
    });
    connect(
        m_detections, &QTreeWidget::itemSelectionChanged, this, &PreviewPanel::onDetectionSelected);
    m_status->setText(tr("Open a project and choose an image to see what the camera will see."));
}

PreviewPanel::~PreviewPanel()
{
    m_watcher.waitForFinished();
    m_pool.waitForDone();
}

void PreviewPanel::setProject(const Core::Project &project)
{
    if (project == m_project)
        return;
    m_project = project;
    m_updating = true;
    m_confidence->setValue(project.preview.confidence);
    m_iou->setValue(project.preview.iou);
    m_folder->setText(project.preview.imagesDir.isEmpty()
                          ? tr("Test Folder…")
                          : tr("Test Folder: %1").arg(QFileInfo(project.preview.imagesDir).fileName()));
    m_folder->setToolTip(folderToolTip(project.preview.imagesDir));
    m_clearFolder->setEnabled(!project.preview.imagesDir.isEmpty());
    m_updating = false;
    if (m_imagePath.isEmpty() && !project.testImage.isEmpty())
        m_imagePath = project.testImage;
    fillStrip();
    schedule();
}

void PreviewPanel::setImage(const QString &path)
{
    m_imagePath = path;
    schedule();
}

void PreviewPanel::setRunFolder(const QString &folder)
{
    m_runFolder = folder;
    const QDir dir(folder);
    // The run's test image with kept INT8 outputs, or a folder run, or both.
    const bool hasInt8
        = !folder.isEmpty() && dir.exists()
          && ((!dir.entryList({QStringLiteral("*_in_f32.npz")}, QDir::Files).isEmpty()
               && !dir.entryList({QStringLiteral("*_int8*_outputs.npz")}, QDir::Files).isEmpty())
              || dir.exists(QString::fromLatin1(Core::Int8RunOutputs::FolderName)));
    m_int8->setEnabled(hasInt8);
    if (!hasInt8)
        m_int8->setChecked(false);
    schedule();
}

bool PreviewPanel::isBusy() const
{
    return m_debounce.isActive() || m_watcher.isRunning() || m_pending;
}

QList<Core::Detection> PreviewPanel::detections() const
{
    if (!m_outcome || !m_outcome->fp32)
        return {};
    return m_outcome->fp32->decoded.detections;
}

QString PreviewPanel::statusText() const
{
    return m_status->text();
}

void PreviewPanel::schedule()
{
    m_debounce.start();
}

void PreviewPanel::start()
{
    if (m_project.modelPath.isEmpty() || m_imagePath.isEmpty()) {
        m_imageLabel->setText(m_imagePath.isEmpty() ? tr("No image chosen") : m_imagePath);
        return;
    }
    if (m_watcher.isRunning()) {
        m_pending = true; // one more run with the newest values once this one is done
        return;
    }
    m_pending = false;
    m_imageLabel->setText(QFileInfo(m_imagePath).fileName());
    m_imageLabel->setToolTip(m_imagePath);
    m_status->setText(tr("Running the cut model…"));
    Core::Project project = m_project;
    // The fields lead until the owner has passed the edited project back.
    project.preview.confidence = m_confidence->value();
    project.preview.iou = m_iou->value();
    const Core::DecoderSettings settings = Core::OutputDecoder::settingsFor(project);
    const bool withInt8 = m_int8->isChecked() && !m_runFolder.isEmpty();
    const bool withFolder
        = withInt8
          && QFileInfo(QDir(m_runFolder).filePath(QString::fromLatin1(Core::Int8RunOutputs::FolderName))).isDir();
    m_watcher.setFuture(QtConcurrent::run(&m_pool,
                                          [engine = m_engine,
                                           project,
                                           image = m_imagePath,
                                           settings,
                                           run = m_runFolder,
                                           withInt8,
                                           withFolder] {
                                              auto outcome = std::make_shared<Outcome>();
                                              outcome->fp32 = engine->run(project, image, settings);
                                              if (withInt8)
                                                  outcome->int8
                                                      = engine->runInt8(project, run, settings);
                                              if (withFolder)
                                                  outcome->folder
                                                      = engine->runInt8Folder(project, run, settings);
                                              return outcome;
                                          }));
}

void PreviewPanel::onFinished()
{
    m_outcome = m_watcher.result();
    showOutcome();
    emit previewUpdated();
    if (m_pending)
        start();
}

void PreviewPanel::showOutcome()
{
    m_detections->clear();
    const Outcome &o = *m_outcome;
    if (!o.fp32) {
        m_picture = QPixmap();
        showPicture();
        m_status->setText(o.fp32.error().message);
        return;
    }
    const Core::PreviewResult &r = *o.fp32;
    QStringList status;
    status << tr("FP32 %1 ms (prepare %2, forward %3, decode %4)")
                  .arg(r.prepareMs + r.forwardMs + r.decodeMs + r.drawMs, 0, 'f', 0)
                  .arg(r.prepareMs, 0, 'f', 0)
                  .arg(r.forwardMs, 0, 'f', 0)
                  .arg(r.decodeMs, 0, 'f', 0);
    if (!r.decodeError.isEmpty())
        status << r.decodeError;
    status << r.decoded.notes;

    const Core::Int8SideBySide *int8 = o.int8 && *o.int8 ? &**o.int8 : nullptr;
    if (o.int8 && !*o.int8)
        status << o.int8->error().message;
    QPixmap picture;
    if (int8) {
        picture = toPixmap(int8->drawn);
        status << tr("INT8 vs FP32 on the run's test input: %1").arg(int8->comparison.summary());
        for (const Core::DetectionComparison::Pair &p : int8->comparison.pairs) {
            const Core::Detection &d
                = p.fp32 >= 0 ? int8->fp32.detections[p.fp32] : int8->int8.detections[p.int8];
            QTreeWidgetItem *item = addDetectionRow(d, -1);
            item->setText(3,
                          Core::DetectionComparison::kindName(p.kind)
                              + (p.fp32 >= 0 && p.int8 >= 0
                                     ? QStringLiteral(" (IoU %1)").arg(p.iou, 0, 'f', 2)
                                     : QString()));
        }
    } else {
        picture = toPixmap(r.drawn);
        for (int i = 0; i < r.decoded.detections.size(); ++i) {
            addDetectionRow(r.decoded.detections[i], i);
        }
        for (const Core::Classification &c : r.decoded.classes) {
            auto *item = new QTreeWidgetItem(m_detections);
            item->setText(0, c.label);
            item->setText(1, QString::number(c.score, 'f', 4));
            item->setData(
                0, Qt::UserRole, r.outputs.isEmpty() ? QString() : r.outputs.first().name);
            item->setData(0, Qt::UserRole + 1, -1);
        }
    }
    if (o.folder && *o.folder && !(*o.folder)->rows.isEmpty()) {
        m_folderModel->setComparison(**o.folder);
        status << tr("Folder run: %1").arg((*o.folder)->summary());
    } else {
        m_folderModel->setComparison({});
        if (o.folder && !*o.folder)
            status << o.folder->error().message;
    }
    // A classifier has only top-1; a detector has no top-1.
    const bool classifier = !m_folderModel->comparison().rows.isEmpty()
                            && m_folderModel->comparison().rows.first().comparison.isClassifier;
    for (int column = FolderComparisonModel::MatchedColumn; column < FolderComparisonModel::ColumnCount; ++column)
        m_folderTable->setColumnHidden(column, classifier != (column == FolderComparisonModel::Top1Column));
    const int images = m_folderModel->rowCount();
    m_lists->setTabEnabled(FolderTab, images > 0);
    m_lists->setTabText(FolderTab, images == 0   ? tr("Test Folder")
                             : images == 1 ? tr("Test Folder (1 image)")
                                           : tr("Test Folder (%1 images)").arg(images));
    if (images == 0 && m_lists->currentIndex() == FolderTab)
        m_lists->setCurrentIndex(DetectionsTab);
    m_picture = picture;
    showPicture();
    m_status->setText(status.join(QLatin1Char('\n')));
}

QTreeWidgetItem *PreviewPanel::addDetectionRow(const Core::Detection &d, int index)
{
    auto *item = new QTreeWidgetItem(m_detections);
    item->setText(0, d.label);
    item->setText(1, QString::number(d.score, 'f', 3));
    item->setText(2,
                  QStringLiteral("%1, %2, %3, %4")
                      .arg(d.x, 0, 'f', 0)
                      .arg(d.y, 0, 'f', 0)
                      .arg(d.w, 0, 'f', 0)
                      .arg(d.h, 0, 'f', 0));
    item->setData(0, Qt::UserRole, d.sourceTensor);
    item->setData(0, Qt::UserRole + 1, index); // -1: not a row of the FP32 picture's highlight
    return item;
}

void PreviewPanel::onDetectionSelected()
{
    const QList<QTreeWidgetItem *> items = m_detections->selectedItems();
    if (items.isEmpty() || !m_outcome || !m_outcome->fp32)
        return;
    const int index = items.first()->data(0, Qt::UserRole + 1).toInt();
    if (index >= 0) {
        Core::PreviewRenderer::Options options;
        options.highlighted = index;
        m_picture = toPixmap(
            Core::PreviewRenderer::draw(m_outcome->fp32->image, m_outcome->fp32->decoded, options));
        showPicture();
    }
    const QString tensor = items.first()->data(0, Qt::UserRole).toString();
    if (!tensor.isEmpty())
        emit tensorActivated(tensor);
}

void PreviewPanel::showPicture()
{
    m_view->setPixmap(
        m_picture.isNull()
            ? QPixmap()
            : m_picture.scaled(m_view->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

void PreviewPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    showPicture();
}

void PreviewPanel::pickImage()
{
    const QString path
        = QFileDialog::getOpenFileName(this,
                                       tr("Preview Image"),
                                       QFileInfo(m_imagePath).absolutePath(),
                                       tr("Images (*.jpg *.jpeg *.png *.bmp *.ppm)"));
    if (!path.isEmpty())
        setImage(path);
}

void PreviewPanel::pickFolder()
{
    const QString start = m_project.preview.imagesDir.isEmpty() ? m_project.quantization.datasetDir
                                                                : m_project.preview.imagesDir;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Test Image Folder"), start);
    if (!folder.isEmpty())
        editSettings([&folder](Core::PreviewSettings &s) { s.imagesDir = folder; });
}

void PreviewPanel::editSettings(const std::function<void(Core::PreviewSettings &)> &change)
{
    if (m_updating)
        return;
    Core::PreviewSettings settings = m_project.preview;
    change(settings);
    schedule();
    if (settings != m_project.preview)
        emit previewSettingsEdited(settings);
}

void PreviewPanel::fillStrip()
{
    const QString folder = m_project.quantization.datasetDir;
    if (folder == m_stripFolder)
        return;
    m_stripFolder = folder;
    m_strip->clear();
    m_strip->setVisible(false); // shown once there are calibration images to pick from
    if (folder.isEmpty())
        return;
    // Small and quick; a worker keeps a slow disk from blocking the GUI.
    auto *watcher = new QFutureWatcher<QList<Core::Thumbnail>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder] {
        watcher->deleteLater();
        if (folder != m_stripFolder)
            return;
        for (const Core::Thumbnail &t : watcher->result()) {
            const QImage image(reinterpret_cast<const uchar *>(t.rgb.constData()),
                               t.width,
                               t.height,
                               t.width * 3,
                               QImage::Format_RGB888);
            auto *item
                = new QListWidgetItem(QIcon(QPixmap::fromImage(image.copy())), QString(), m_strip);
            item->setToolTip(t.path);
        }
        m_strip->setVisible(m_strip->count() > 0);
        if (m_imagePath.isEmpty() && m_strip->count() > 0)
            setImage(m_strip->item(0)->toolTip());
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [folder] {
        const auto scan = Core::scanCalibrationFolder(folder);
        return scan ? Core::makeThumbnails(scan->images, s_stripCount, s_thumbSize)
                    : QList<Core::Thumbnail>();
    }));
}

} // namespace Mcw::Widgets
