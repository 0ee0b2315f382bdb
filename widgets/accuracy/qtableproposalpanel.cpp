// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtableproposalpanel.h"

#include "qtableproposalmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace Mcw::Widgets {

QtableProposalPanel::QtableProposalPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new QtableProposalModel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("proposalSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("proposalTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QtableProposalModel::LayerColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(QtableProposalModel::TypeColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QtableProposalModel::RankColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QtableProposalModel::LossColumn,
                                                      QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit layerActivated(index.data(QtableProposalModel::LayerNameRole).toString());
    });
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        emit layerActivated(index.data(QtableProposalModel::LayerNameRole).toString());
    });

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_dismiss = new QPushButton(tr("Dismiss"), this);
    m_dismiss->setToolTip(tr("Forget this proposal; the project stays as it is"));
    m_adopt = new QPushButton(tr("Adopt and Re-run"), this);
    m_adopt->setDefault(true);
    m_adopt->setToolTip(
        tr("Keep these layers in BF16 (undoable) and convert again, reusing the steps "
           "that did not change"));
    buttons->addWidget(m_dismiss);
    buttons->addWidget(m_adopt);
    layout->addLayout(buttons);
    connect(m_adopt, &QPushButton::clicked, this, &QtableProposalPanel::adoptRequested);
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        clear();
        emit dismissed();
    });
    clear();
}

static QString cosine(double value)
{
    return std::isnan(value) ? QStringLiteral("?") : QString::number(value, 'f', 4);
}

void QtableProposalPanel::setProposal(const Core::QtableProposal &proposal, const QString &jobId)
{
    m_model->setProposal(proposal);
    const Core::QtableSearchResult &s = proposal.search;
    QString text
        = proposal.layers.isEmpty()
              ? tr("Search %1: INT8 already reaches the expected cosine (%2); no layer needs BF16.")
                    .arg(jobId, cosine(s.int8Cosine))
              : tr("Search %1 proposes keeping %n layer(s) in BF16: output cosine %2 in INT8, %3 "
                   "mixed.",
                   nullptr,
                   int(proposal.layers.size()))
                    .arg(jobId, cosine(s.int8Cosine), cosine(s.mixCosine));
    if (!proposal.calibrationTable.isEmpty())
        text
            += QLatin1Char(' ')
               + tr(
                   "Adopting also uses the search's calibration table (best threshold per layer).");
    m_summary->setText(text);
    m_adopt->setEnabled(!proposal.layers.isEmpty() || !proposal.calibrationTable.isEmpty());
    m_dismiss->setEnabled(true);
}

void QtableProposalPanel::clear()
{
    m_model->clear();
    m_summary->setText(
        tr("Convert → Find Layers to Keep in BF16… lets tpu-mlir propose the layers that keep "
           "the INT8 model accurate."));
    m_adopt->setEnabled(false);
    m_dismiss->setEnabled(false);
}

bool QtableProposalPanel::canAdopt() const
{
    return m_adopt->isEnabled();
}

QString QtableProposalPanel::summary() const
{
    return m_summary->text();
}

} // namespace Mcw::Widgets
