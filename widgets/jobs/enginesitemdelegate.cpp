// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginesitemdelegate.h"

#include <core/run/dockerengine.h>
#include <widgets/jobs/enginesmodel.h>

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

namespace Mcw::Widgets {

using Core::DockerEngine;

QWidget *EnginesItemDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    switch (index.column()) {
    case EnginesModel::TransferColumn: {
        auto *combo = new QComboBox(parent);
        combo->addItem(tr("auto (detected)"), DockerEngine::transferName(DockerEngine::Transfer::Auto));
        combo->addItem(tr("mount (same paths)"), DockerEngine::transferName(DockerEngine::Transfer::Mount));
        combo->addItem(tr("copy (docker cp)"), DockerEngine::transferName(DockerEngine::Transfer::Copy));
        return combo;
    }
    case EnginesModel::StepsColumn: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(1, EnginesModel::MaxStepsPerEngine);
        return spin;
    }
    case EnginesModel::AddressColumn: {
        auto *edit = new QLineEdit(parent);
        edit->setPlaceholderText(tr("empty: docker default; a context name, ssh://user@host, tcp://host:2376"));
        return edit;
    }
    default:
        break;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void EnginesItemDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(qMax(0, combo->findData(index.data(Qt::EditRole))));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void EnginesItemDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace Mcw::Widgets
