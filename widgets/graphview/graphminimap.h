// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QWidget>

class QGraphicsView;

namespace Mcw::Widgets {

/**
 * A thumbnail of the whole scene in a corner of the graph view with the visible area framed;
 * clicking or dragging in it moves the view. The thumbnail is rendered once per scene change.
 */
class GraphMinimap : public QWidget
{
    Q_OBJECT

public:
    explicit GraphMinimap(QGraphicsView *view, QWidget *parent = nullptr);

    /** Re-renders the thumbnail (after a new scene, a cut or an option change). */
    void refresh();
    /** Places the widget in the bottom-right corner of its parent. */
    void reposition();
    /** Shown only when part of the graph is off-screen and the view has room for it. */
    void syncVisibility();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QRectF thumbnailRect() const;
    void centerViewAt(const QPointF &widgetPos);

    QGraphicsView *m_view;
    QImage m_thumbnail;
    QRectF m_sceneRect;
};

} // namespace Mcw::Widgets
