// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>

#include <QWidget>

class QTreeWidget;

namespace Mcw::Widgets {

/** Read-only panel with what `maixcam-convert inspect` shows about the open model. */
class ModelSummaryWidget : public QWidget
{
    Q_OBJECT

public:
    /** A tensor row spans both columns; its parts are in these roles of column 0. */
    enum Role { TensorNameRole = Qt::UserRole + 1, TensorTypeRole };

    explicit ModelSummaryWidget(QWidget *parent = nullptr);

    void setGraph(const Core::Graph &graph);
    Core::Graph graph() const { return m_graph; }

private:
    Core::Graph m_graph;
    QTreeWidget *m_tree = nullptr;
};

} // namespace Mcw::Widgets
