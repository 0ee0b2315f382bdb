// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/workflow/setupdoctor.h>

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace Mcw::Widgets {

class DoctorFindingsModel;

/**
 * The Toolchain page's set-up check: "Check set-up" runs the core SetupDoctor (docker CLI,
 * engines, release, disk, paths, firmware) and lists each finding with its fix as it arrives.
 */
class SetupDoctorWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SetupDoctorWidget(QWidget *parent = nullptr);
    ~SetupDoctorWidget() override;

    /** What the next check looks at (toolchain settings, project, runs folder). */
    void setInput(const Core::SetupDoctor::Input &input) { m_input = input; }
    void startCheck();
    bool isChecking() const;

    DoctorFindingsModel *model() const { return m_model; }
    QPushButton *checkButton() const { return m_check; }
    QLabel *summaryLabel() const { return m_summary; }

signals:
    void checkFinished();

private:
    Core::SetupDoctor::Input m_input;
    std::unique_ptr<Core::SetupDoctor> m_doctor;
    DoctorFindingsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_check = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace Mcw::Widgets
