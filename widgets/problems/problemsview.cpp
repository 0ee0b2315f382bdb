// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "problemsview.h"

#include <widgets/problems/problemsmodel.h>

#include <QHeaderView>

namespace Mcw::Widgets {

ProblemsView::ProblemsView(QWidget *parent)
    : QTreeView(parent)
    , m_model(new ProblemsModel(this))
{
    setModel(m_model);
    setRootIsDecorated(true); // groups of nodes with the same problem expand
    setUniformRowHeights(true);
    header()->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString node = index.siblingAtColumn(0).data(ProblemsModel::NodeIdRole).toString();
        if (!node.isEmpty())
            emit jumpToNode(node);
    });
}

} // namespace Mcw::Widgets
