// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/imaging/letterboxpreview.h>
#include <core/result.h>

#include <QFutureWatcher>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace Mcw::Widgets {

class ProjectDocument;

/**
 * Input size and preprocessing of the project (mean, scale, std helper, presets, pixel
 * format, letterbox) with a live preview of the test image as the network sees it and the
 * value range under (x − mean) × scale. Every edit goes through the document's undo stack.
 */
class PreprocessForm : public QWidget
{
    Q_OBJECT

public:
    explicit PreprocessForm(ProjectDocument *document, QWidget *parent = nullptr);
    ~PreprocessForm() override;

    /** Text of the value-range line under the preview (tests read it). */
    QString valueRangeText() const;
    /** True while the preview is being computed off the UI thread. */
    bool isPreviewPending() const;

signals:
    void previewUpdated();

private:
    void refreshFromProject();
    void commitNumbers(int mergeId, const QString &what);
    void commitStd();
    void schedulePreview();
    void startPreview();
    void onPreviewReady();

    ProjectDocument *m_document;
    bool m_updating = false;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QComboBox *m_preset = nullptr;
    QLineEdit *m_mean = nullptr;
    QLineEdit *m_scale = nullptr;
    QLineEdit *m_std = nullptr;
    QComboBox *m_pixelFormat = nullptr;
    QCheckBox *m_keepAspect = nullptr;
    QComboBox *m_ratioMode = nullptr;
    QSpinBox *m_padValue = nullptr;
    QLineEdit *m_testImage = nullptr;
    QLabel *m_numbersError = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_range = nullptr;
    QTimer *m_previewTimer = nullptr;
    QFutureWatcher<Core::Expected<Core::LetterboxPreview>> m_previewWatcher;
    bool m_previewAgain = false; // a change arrived while a preview was running
};

} // namespace Mcw::Widgets
