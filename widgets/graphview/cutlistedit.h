// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>

#include <QWidget>

class QLabel;
class QLineEdit;

namespace Mcw::Widgets {

class ProjectDocument;

/**
 * The project's cut list as editable text: comma-separated tensor names. Typed lists are
 * checked against the graph; unknown names are reported and nothing changes until the list is
 * valid. Edits go through the document's undo stack.
 */
class CutListEdit : public QWidget
{
    Q_OBJECT

public:
    explicit CutListEdit(ProjectDocument *document, QWidget *parent = nullptr);

    void setGraph(const Core::Graph &graph);
    QLineEdit *lineEdit() const { return m_edit; }
    QString errorText() const;
    /** Parses and validates the current text; applies it through the undo stack when valid. */
    bool commit();

private:
    void showList(const QStringList &cutTensors);

    ProjectDocument *m_document;
    Core::Graph m_graph;
    QLineEdit *m_edit;
    QLabel *m_error;
};

} // namespace Mcw::Widgets
