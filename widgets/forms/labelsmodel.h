// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

namespace Mcw::Widgets {

class ProjectDocument;

/**
 * The project's labels as an editable list: row = class index. Labels a MUD cannot carry are
 * flagged (ProblemRole, red text and a tooltip). Edits go through the document's undo stack.
 */
class LabelsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { ProblemRole = Qt::UserRole + 1 };

    explicit LabelsModel(ProjectDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    /** Number of labels with a problem. */
    int problemCount() const;

private:
    void sync();

    ProjectDocument *m_document;
    QStringList m_labels; // mirror of the document, so row changes can be signalled precisely
};

} // namespace Mcw::Widgets
