// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/workflow/workflowstatus.h>

#include <QWidget>

namespace Mcw::Widgets {

/**
 * The guided-steps sidebar: Model → Outputs → Preprocess & labels → Calibration → Convert →
 * Accuracy → Export, each with its state (done, needs attention with a count, blocked and why,
 * running). Painted with vector shapes so it stays crisp at any device pixel ratio.
 */
class StepBar : public QWidget
{
    Q_OBJECT

public:
    explicit StepBar(QWidget *parent = nullptr);

    void setStatuses(const QList<Core::StepStatus> &statuses);
    QList<Core::StepStatus> statuses() const { return m_statuses; }
    void setCurrentStep(Core::WorkflowStep step);
    Core::WorkflowStep currentStep() const { return m_current; }
    /** Rectangle of a step's row, in widget coordinates (tests click it). */
    QRect stepRect(Core::WorkflowStep step) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void stepActivated(Mcw::Core::WorkflowStep step);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowHeight() const;
    int stepAt(const QPoint &pos) const;

    QList<Core::StepStatus> m_statuses;
    Core::WorkflowStep m_current = Core::WorkflowStep::Model;
    int m_hovered = -1;
};

} // namespace Mcw::Widgets
