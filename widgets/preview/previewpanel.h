// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/previewengine.h>
#include <core/project/project.h>

#include <QFutureWatcher>
#include <QPixmap>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace Mcw::Widgets {

class FolderComparisonModel;

/**
 * See what the camera will see: the cut model run on the CPU (core PreviewEngine, off the GUI
 * thread) on a chosen image, decoded as MaixPy decodes it, redrawn shortly after every edit of
 * the project (mean/scale, pixel format, labels, cut) or of the thresholds. With a finished run
 * that kept INT8 outputs, FP32 and INT8 are shown side by side with the differences named.
 * Selecting a detection highlights it and asks the graph for the tensor that produced it.
 */
class PreviewPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget *parent = nullptr);
    ~PreviewPanel() override;

    /** The project to preview; a changed project schedules a new run (debounced). */
    void setProject(const Core::Project &project);
    /** The image to run on (also picked with the button or the strip). */
    void setImage(const QString &path);
    QString image() const { return m_imagePath; }
    /**
     * A finished run folder; enables "INT8 beside FP32" when it kept INT8 outputs, and shows the
     * per-image table when it holds a folder run (`preview/`).
     */
    void setRunFolder(const QString &folder);

    /** For tests: true while a run is queued or in flight. */
    bool isBusy() const;
    /** The last result's detections (FP32), for tests and the highlight. */
    QList<Core::Detection> detections() const;
    QString statusText() const;

signals:
    /** A detection was selected: the output tensor that decided it. */
    void tensorActivated(const QString &tensor);
    /** A run finished (successfully or not). */
    void previewUpdated();
    /**
     * The user changed a threshold or the test image folder; the project is their one home, so
     * the owner applies the edit (undoably) and passes the project back with setProject().
     */
    void previewSettingsEdited(const Core::PreviewSettings &settings);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Outcome;
    void showPicture();
    void schedule();
    void start();
    void onFinished();
    void showOutcome();
    void onDetectionSelected();
    /** A row of the detection list; \a index into the FP32 detections, -1 for INT8 pairs. */
    QTreeWidgetItem *addDetectionRow(const Core::Detection &d, int index);
    void pickImage();
    void pickFolder();
    void editSettings(const std::function<void(Core::PreviewSettings &)> &change);
    void fillStrip();

    std::shared_ptr<Core::PreviewEngine> m_engine;
    Core::Project m_project;
    QString m_imagePath;
    QString m_runFolder;
    QString m_stripFolder;
    QTimer m_debounce;
    // Its own single thread: previews of big models must never hold up the global pool, where
    // the project check and folder scans run.
    QThreadPool m_pool;
    QFutureWatcher<std::shared_ptr<Outcome>> m_watcher;
    bool m_pending = false;
    std::shared_ptr<Outcome> m_outcome;
    QPixmap m_picture; // full size; the view shows it scaled

    bool m_updating = false; // filling the fields from the project: no edits back
    QPushButton *m_pick = nullptr;
    QPushButton *m_folder = nullptr;
    QAction *m_clearFolder = nullptr;
    QLabel *m_imageLabel = nullptr;
    QDoubleSpinBox *m_confidence = nullptr;
    QDoubleSpinBox *m_iou = nullptr;
    QCheckBox *m_int8 = nullptr;
    QListWidget *m_strip = nullptr;
    QLabel *m_view = nullptr;
    QTreeWidget *m_detections = nullptr;
    enum { DetectionsTab, FolderTab };
    QTabWidget *m_lists = nullptr; // the detections and the folder run's per-image table
    QTableView *m_folderTable = nullptr;
    FolderComparisonModel *m_folderModel = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Mcw::Widgets
