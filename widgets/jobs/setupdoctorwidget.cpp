// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "setupdoctorwidget.h"

#include "doctorfindingsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Mcw::Widgets {

SetupDoctorWidget::SetupDoctorWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new DoctorFindingsModel(this))
    , m_view(new QTableView(this))
    , m_check(new QPushButton(tr("Check Set-Up"), this))
    , m_summary(new QLabel(tr("Checks Docker, the engines, the tpu-mlir release, disk space, paths and firmware."), this))
{
    m_view->setModel(m_model);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(DoctorFindingsModel::LevelColumn, QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(DoctorFindingsModel::CheckColumn, QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(DoctorFindingsModel::FindingColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(DoctorFindingsModel::FixColumn, QHeaderView::Stretch);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_summary->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_check);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    connect(m_check, &QPushButton::clicked, this, &SetupDoctorWidget::startCheck);
}

SetupDoctorWidget::~SetupDoctorWidget() = default;

bool SetupDoctorWidget::isChecking() const
{
    return m_doctor && m_doctor->isRunning();
}

void SetupDoctorWidget::startCheck()
{
    if (isChecking())
        return;
    m_model->setFindings({});
    m_check->setEnabled(false);
    m_summary->setText(tr("Checking…"));
    m_doctor = std::make_unique<Core::SetupDoctor>(m_input);
    connect(m_doctor.get(), &Core::SetupDoctor::findingAdded, this,
            [this](const Core::DoctorFinding &f) {
                m_model->append(f);
                m_view->resizeColumnToContents(DoctorFindingsModel::LevelColumn);
                m_view->resizeColumnToContents(DoctorFindingsModel::CheckColumn);
                m_view->resizeRowsToContents();
            });
    connect(m_doctor.get(), &Core::SetupDoctor::finished, this, [this] {
        int errors = 0;
        int warnings = 0;
        for (const Core::DoctorFinding &f : m_model->findings()) {
            errors += f.level == Core::DoctorFinding::Level::Error;
            warnings += f.level == Core::DoctorFinding::Level::Warning;
        }
        m_summary->setText(errors ? tr("%n problem(s) to fix before converting.", nullptr, errors)
                                  : warnings ? tr("Ready, with %n warning(s).", nullptr, warnings)
                                             : tr("Ready to convert."));
        m_check->setEnabled(true);
        emit checkFinished();
    });
    m_doctor->start();
}

} // namespace Mcw::Widgets
