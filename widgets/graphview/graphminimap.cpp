// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphminimap.h"

#include <widgets/graphview/graphscene.h>

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>

namespace Mcw::Widgets {

static constexpr int s_maxSide = 180;

GraphMinimap::GraphMinimap(QGraphicsView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    hide();
}

void GraphMinimap::refresh()
{
    QGraphicsScene *scene = m_view->scene();
    if (!scene || scene->items().isEmpty()) {
        m_thumbnail = QImage();
        hide();
        return;
    }
    m_sceneRect = scene->sceneRect();
    const double scale = s_maxSide / std::max(m_sceneRect.width(), m_sceneRect.height());
    const QSize size(std::max(8, int(m_sceneRect.width() * scale)), std::max(8, int(m_sceneRect.height() * scale)));
    m_thumbnail = QImage(size, QImage::Format_ARGB32_Premultiplied);
    m_thumbnail.fill(scene->backgroundBrush().color());
    QPainter painter(&m_thumbnail);
    // The batched overview draws a thumbnail of a huge graph in milliseconds.
    auto *graphScene = qobject_cast<GraphScene *>(scene);
    const bool overview = graphScene && graphScene->isOverviewMode();
    if (graphScene)
        graphScene->setOverviewMode(true);
    scene->render(&painter, QRectF(QPointF(0, 0), size), m_sceneRect);
    if (graphScene)
        graphScene->setOverviewMode(overview);
    painter.end();
    resize(size + QSize(4, 4));
    reposition();
    syncVisibility();
}

void GraphMinimap::syncVisibility()
{
    const QWidget *parent = parentWidget();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const bool useful = !m_thumbnail.isNull() && parent && parent->width() > 2 * width()
                        && parent->height() > height() + 40 && !visible.contains(m_sceneRect);
    setVisible(useful);
    update();
}

void GraphMinimap::reposition()
{
    if (!parentWidget())
        return;
    move(parentWidget()->width() - width() - 8, parentWidget()->height() - height() - 8);
}

QRectF GraphMinimap::thumbnailRect() const
{
    return QRectF(2, 2, m_thumbnail.width(), m_thumbnail.height());
}

void GraphMinimap::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    if (m_thumbnail.isNull())
        return;
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Mid));
    painter.setOpacity(0.92);
    painter.drawImage(thumbnailRect().topLeft(), m_thumbnail);
    painter.setOpacity(1.0);
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const double sx = m_thumbnail.width() / m_sceneRect.width();
    const double sy = m_thumbnail.height() / m_sceneRect.height();
    QRectF frame((visible.left() - m_sceneRect.left()) * sx + 2, (visible.top() - m_sceneRect.top()) * sy + 2,
                 visible.width() * sx, visible.height() * sy);
    painter.setPen(QPen(QColor(0x1e, 0x90, 0xff), 1.5));
    painter.setBrush(QColor(0x1e, 0x90, 0xff, 40));
    painter.drawRect(frame.intersected(thumbnailRect()));
}

void GraphMinimap::centerViewAt(const QPointF &widgetPos)
{
    if (m_thumbnail.isNull())
        return;
    const QPointF p = widgetPos - thumbnailRect().topLeft();
    m_view->centerOn(m_sceneRect.left() + p.x() * m_sceneRect.width() / m_thumbnail.width(),
                     m_sceneRect.top() + p.y() * m_sceneRect.height() / m_thumbnail.height());
    update();
}

void GraphMinimap::mousePressEvent(QMouseEvent *event)
{
    centerViewAt(event->position());
}

void GraphMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        centerViewAt(event->position());
}

} // namespace Mcw::Widgets
