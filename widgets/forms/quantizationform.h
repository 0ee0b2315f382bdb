// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/imaging/imagefolder.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Mcw::Widgets {

class ProjectDocument;

/**
 * Device, quantisation, calibration dataset and tolerances. The device picker decides what the
 * form shows: tpu-mlir's target, modes, method and tolerances for MaixCAM, Pulsar2's NPU builds,
 * method and U16 layers for MaixCAM2; the calibration images are shared. The dataset folder is
 * scanned off the UI thread; the image count and a strip of thumbnails show what calibration
 * will use.
 */
class QuantizationForm : public QWidget
{
    Q_OBJECT

public:
    explicit QuantizationForm(ProjectDocument *document, QWidget *parent = nullptr);
    ~QuantizationForm() override;

    /** The count line under the folder ("54 images; 50 will be used"). */
    QString datasetSummary() const;
    int thumbnailCount() const;
    bool isScanning() const;

signals:
    void datasetScanned();

private:
    struct Scan
    {
        Core::Expected<Core::ImageFolderScan> scan = Core::makeError(QString());
        QList<Core::Thumbnail> thumbnails;
    };

    void refreshFromProject();
    void editQuantization(const std::function<void(Core::Project &)> &change, const QString &text,
                          int mergeId = -1);
    void startScan(const QString &folder);
    void onScanned();
    void updateSummary();

    ProjectDocument *m_document;
    bool m_updating = false;
    QComboBox *m_device = nullptr;
    QWidget *m_tpuMlir = nullptr;      // the MaixCAM-only groups
    QWidget *m_tolerances = nullptr;
    QWidget *m_pulsar2 = nullptr;      // the MaixCAM2-only group
    QCheckBox *m_buildNpu = nullptr;
    QCheckBox *m_buildVnpu = nullptr;
    QComboBox *m_pulsar2Method = nullptr;
    QCheckBox *m_precisionAnalysis = nullptr;
    QLabel *m_u16Layers = nullptr;
    QPushButton *m_clearU16 = nullptr;
    QLabel *m_deviceNote = nullptr;
    QFormLayout *m_calibrationForm = nullptr;
    QComboBox *m_processor = nullptr;
    QLabel *m_processorWarning = nullptr;
    QCheckBox *m_int8 = nullptr;
    QCheckBox *m_bf16 = nullptr;
    QLineEdit *m_dataset = nullptr;
    QSpinBox *m_inputNum = nullptr;
    QComboBox *m_method = nullptr;
    QDoubleSpinBox *m_transformCos = nullptr;
    QDoubleSpinBox *m_transformEuclid = nullptr;
    QDoubleSpinBox *m_deployCos = nullptr;
    QDoubleSpinBox *m_deployEuclid = nullptr;
    QLabel *m_summary = nullptr;
    QListWidget *m_thumbnails = nullptr;
    QLabel *m_qtable = nullptr;
    QPushButton *m_clearQtable = nullptr;
    QString m_scannedFolder;
    int m_imageCount = -1;
    QFutureWatcher<Scan> m_scanWatcher;
};

} // namespace Mcw::Widgets
