// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/result.h>

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace Mcw::Widgets {

class LabelsModel;
class ProjectDocument;

/**
 * Edits the class labels: add, remove, reorder, rename in place, paste a list, import from a
 * .txt, from an existing .mud, or from the ONNX metadata `names` that Ultralytics writes.
 */
class LabelsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit LabelsEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ~LabelsEditor() override;

    /** The open model, for "From model metadata". */
    void setGraph(const Core::Graph &graph);
    LabelsModel *model() const { return m_model; }

    /**
     * Imports labels from a file (.txt one per line, or .mud), read off the UI thread; one undo
     * step. labelsImported() follows; errors reach the status line.
     */
    void importFile(const QString &path);
    bool isImporting() const { return m_importWatcher.isRunning(); }
    bool importFromModel();
    void pasteText(const QString &text);

signals:
    void labelsImported(bool ok);

private:
    void onImportRead();
    void addLabel();
    void removeSelected();
    void moveSelected(int delta);
    void replaceLabels(const QStringList &labels, const QString &text);
    void updateStatus();
    int selectedRow() const;

    ProjectDocument *m_document;
    LabelsModel *m_model;
    Core::Graph m_graph;
    QListView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_fromModel = nullptr;
    QString m_importPath;
    QFutureWatcher<Core::Expected<QStringList>> m_importWatcher;
};

} // namespace Mcw::Widgets
