// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace Mcw::Widgets {

/**
 * Sorts a LayerMetricsModel numerically (its SortRole) and filters rows by a text found in the
 * tensor name or op type (case-insensitive) and, optionally, to failing layers only.
 */
class LayerMetricsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LayerMetricsFilterModel(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setFailingOnly(bool failingOnly);
    bool failingOnly() const { return m_failingOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_failingOnly = false;
};

} // namespace Mcw::Widgets
