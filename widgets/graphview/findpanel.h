// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/viewgraph.h>
#include <core/onnx/graph.h>

#include <QWidget>

class QLineEdit;
class QListView;
class QLabel;

namespace Mcw::Widgets {

class FindResultModel;

/**
 * Netron's find sidebar: a query line (terms AND-ed, case-insensitive; names, op types, tensor
 * names, shapes) and the result list. The current result is reported for highlighting;
 * activating one (Enter, double-click) asks to select it.
 */
class FindPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FindPanel(QWidget *parent = nullptr);

    void setGraph(const Core::Graph &graph, const Core::ViewGraph &view);
    void setQuery(const QString &query);
    QString query() const;
    FindResultModel *model() const { return m_model; }
    QLineEdit *lineEdit() const { return m_edit; }
    QListView *resultView() const { return m_list; }
    /** Focuses the query line and selects its text (Ctrl+F). */
    void activate();

signals:
    void hitHighlighted(const Core::FindHit &hit);
    void hitActivated(const Core::FindHit &hit);

private:
    void search();

    Core::Graph m_graph;
    Core::ViewGraph m_view;
    QLineEdit *m_edit;
    QListView *m_list;
    QLabel *m_count;
    FindResultModel *m_model;
};

} // namespace Mcw::Widgets
