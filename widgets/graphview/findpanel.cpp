// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findpanel.h"

#include <widgets/graphview/findresultmodel.h>

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace Mcw::Widgets {

FindPanel::FindPanel(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_count(new QLabel(this))
    , m_model(new FindResultModel(this))
{
    m_edit->setObjectName(QStringLiteral("findQuery"));
    m_edit->setPlaceholderText(tr("Find: Conv, /model.22/, 1,64,80,80"));
    m_edit->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("findResults"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_edit);
    layout->addWidget(m_count);
    layout->addWidget(m_list, 1);

    connect(m_edit, &QLineEdit::textChanged, this, &FindPanel::search);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        const int row = current.isValid() ? current.row() : 0;
        if (row < m_model->rowCount())
            emit hitActivated(m_model->hit(row));
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit hitHighlighted(m_model->hit(current.row()));
            });
    connect(m_list, &QListView::activated, this,
            [this](const QModelIndex &index) { emit hitActivated(m_model->hit(index.row())); });
    connect(m_list, &QListView::clicked, this,
            [this](const QModelIndex &index) { emit hitActivated(m_model->hit(index.row())); });
}

void FindPanel::setGraph(const Core::Graph &graph, const Core::ViewGraph &view)
{
    m_graph = graph;
    m_view = view;
    search();
}

void FindPanel::setQuery(const QString &query)
{
    m_edit->setText(query);
}

QString FindPanel::query() const
{
    return m_edit->text();
}

void FindPanel::activate()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindPanel::search()
{
    const QList<Core::FindHit> hits = m_graph.isNull() ? QList<Core::FindHit>()
                                                       : Core::findInGraph(m_graph, m_view, m_edit->text());
    m_model->setHits(hits);
    m_count->setText(m_edit->text().trimmed().isEmpty() ? QString() : tr("%n result(s)", nullptr, int(hits.size())));
}

} // namespace Mcw::Widgets
