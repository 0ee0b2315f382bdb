// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepbar.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace Mcw::Widgets {

using Core::StepStatus;
using Core::WorkflowStep;

static constexpr int s_stepCount = 7;

StepBar::StepBar(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAccessibleName(tr("Conversion steps"));
    setStatuses(Core::computeWorkflowStatus({}));
}

void StepBar::setStatuses(const QList<StepStatus> &statuses)
{
    m_statuses = statuses;
    update();
}

void StepBar::setCurrentStep(WorkflowStep step)
{
    m_current = step;
    update();
}

int StepBar::rowHeight() const
{
    return fontMetrics().height() * 2 + 12;
}

QRect StepBar::stepRect(WorkflowStep step) const
{
    const int h = rowHeight();
    return QRect(0, 4 + int(step) * h, width(), h);
}

QSize StepBar::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    int textWidth = 0;
    for (int i = 0; i < s_stepCount; ++i)
        textWidth = std::max(textWidth, fm.horizontalAdvance(Core::workflowStepTitle(WorkflowStep(i))));
    textWidth = std::max(textWidth, fm.horizontalAdvance(tr("Needs attention (99)")));
    return QSize(textWidth + fm.height() * 3 + 24, 8 + rowHeight() * s_stepCount);
}

QSize StepBar::minimumSizeHint() const
{
    return sizeHint();
}

int StepBar::stepAt(const QPoint &pos) const
{
    for (int i = 0; i < s_stepCount; ++i) {
        if (stepRect(WorkflowStep(i)).contains(pos))
            return i;
    }
    return -1;
}

static QString stateText(const StepStatus &s)
{
    switch (s.state) {
    case StepStatus::State::Done: return StepBar::tr("Done");
    case StepStatus::State::NeedsAttention:
        return StepBar::tr("Needs attention (%1)").arg(s.problemCount);
    case StepStatus::State::Blocked: return StepBar::tr("Blocked");
    case StepStatus::State::Running: return StepBar::tr("Running…");
    case StepStatus::State::Pending: break;
    }
    return StepBar::tr("To do");
}

static QColor stateColor(StepStatus::State state, const QPalette &palette)
{
    switch (state) {
    case StepStatus::State::Done: return QColor(0x2f, 0x9e, 0x44);
    case StepStatus::State::NeedsAttention: return QColor(0xe0, 0x8a, 0x00);
    case StepStatus::State::Blocked: return palette.color(QPalette::Disabled, QPalette::Text);
    case StepStatus::State::Running: return palette.color(QPalette::Highlight);
    case StepStatus::State::Pending: break;
    }
    return palette.color(QPalette::Text);
}

void StepBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int h = rowHeight();
    const int badge = fm.height() + 4;
    for (int i = 0; i < s_stepCount && i < m_statuses.size(); ++i) {
        const StepStatus &s = m_statuses.at(i);
        const QRect row = stepRect(WorkflowStep(i));
        if (WorkflowStep(i) == m_current)
            p.fillRect(row, pal.color(QPalette::Highlight).lighter(pal.color(QPalette::Base).lightness() > 128 ? 180 : 60));
        else if (i == m_hovered)
            p.fillRect(row, pal.color(QPalette::AlternateBase));

        // The connector line between the step circles.
        const QPointF centre(12 + badge / 2.0, row.center().y());
        if (i + 1 < s_stepCount) {
            p.setPen(QPen(pal.color(QPalette::Mid), 2));
            p.drawLine(centre + QPointF(0, badge / 2.0), centre + QPointF(0, h - badge / 2.0));
        }
        const QColor color = stateColor(s.state, pal);
        const QRectF circle(centre.x() - badge / 2.0, centre.y() - badge / 2.0, badge, badge);
        p.setPen(QPen(color, 2));
        p.setBrush(s.state == StepStatus::State::Done ? color : pal.color(QPalette::Base));
        p.drawEllipse(circle);
        if (s.state == StepStatus::State::Done) {
            QPainterPath tick;
            tick.moveTo(circle.left() + badge * 0.27, circle.center().y());
            tick.lineTo(circle.left() + badge * 0.45, circle.top() + badge * 0.68);
            tick.lineTo(circle.left() + badge * 0.75, circle.top() + badge * 0.32);
            p.setPen(QPen(pal.color(QPalette::Base), 2));
            p.setBrush(Qt::NoBrush);
            p.drawPath(tick);
        } else {
            p.setPen(color);
            p.drawText(circle, Qt::AlignCenter,
                       s.state == StepStatus::State::NeedsAttention ? QStringLiteral("!") : QString::number(i + 1));
        }

        const int textLeft = int(circle.right()) + 10;
        QFont title = font();
        title.setBold(WorkflowStep(i) == m_current);
        p.setFont(title);
        p.setPen(s.state == StepStatus::State::Blocked ? pal.color(QPalette::Disabled, QPalette::Text)
                                                       : pal.color(QPalette::Text));
        const QRect titleRect(textLeft, row.top() + 6, row.width() - textLeft - 4, fm.height());
        p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(Core::workflowStepTitle(WorkflowStep(i)), Qt::ElideRight, titleRect.width()));
        p.setFont(font());
        p.setPen(color);
        const QRect stateRect(textLeft, titleRect.bottom() + 2, titleRect.width(), fm.height());
        p.drawText(stateRect, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(stateText(s), Qt::ElideRight, stateRect.width()));
    }
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(stepRect(m_current).adjusted(1, 1, -2, -2));
    }
}

void StepBar::mouseMoveEvent(QMouseEvent *event)
{
    const int hovered = stepAt(event->position().toPoint());
    if (hovered != m_hovered) {
        m_hovered = hovered;
        update();
    }
}

void StepBar::leaveEvent(QEvent *)
{
    m_hovered = -1;
    update();
}

void StepBar::mousePressEvent(QMouseEvent *event)
{
    const int index = stepAt(event->position().toPoint());
    if (index < 0)
        return;
    setCurrentStep(WorkflowStep(index));
    emit stepActivated(WorkflowStep(index));
}

void StepBar::keyPressEvent(QKeyEvent *event)
{
    int index = int(m_current);
    if (event->key() == Qt::Key_Down)
        index = std::min(index + 1, s_stepCount - 1);
    else if (event->key() == Qt::Key_Up)
        index = std::max(index - 1, 0);
    else if (event->key() != Qt::Key_Return && event->key() != Qt::Key_Enter && event->key() != Qt::Key_Space)
        return QWidget::keyPressEvent(event);
    setCurrentStep(WorkflowStep(index));
    emit stepActivated(WorkflowStep(index));
}

bool StepBar::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = stepAt(help->pos());
        if (index >= 0 && index < m_statuses.size() && !m_statuses[index].reason.isEmpty())
            QToolTip::showText(help->globalPos(), m_statuses[index].reason, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace Mcw::Widgets
