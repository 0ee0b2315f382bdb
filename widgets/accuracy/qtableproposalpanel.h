// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/workflow/qtableproposal.h>

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Mcw::Widgets {

class QtableProposalModel;

/**
 * What tpu-mlir's search proposes: a summary (the output cosine in INT8 and mixed, whether a
 * calibration table comes with it), the proposed layers with their figures, and "Adopt and
 * Re-run" / "Dismiss". Activating a row names its layer so the graph and chart can show it.
 */
class QtableProposalPanel : public QWidget
{
    Q_OBJECT

public:
    explicit QtableProposalPanel(QWidget *parent = nullptr);

    void setProposal(const Core::QtableProposal &proposal, const QString &jobId);
    void clear();
    /** There is something to adopt (layers or a calibration table). */
    bool canAdopt() const;
    QtableProposalModel *model() const { return m_model; }
    QPushButton *adoptButton() const { return m_adopt; }
    QString summary() const;

signals:
    void adoptRequested();
    void dismissed();
    /** A row was activated: its tpu-mlir layer name. */
    void layerActivated(const QString &layerName);

private:
    QtableProposalModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_adopt = nullptr;
    QPushButton *m_dismiss = nullptr;
};

} // namespace Mcw::Widgets
