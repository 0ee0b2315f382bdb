// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsItem>

namespace Mcw::Widgets {

class GraphScene;

/**
 * The whole graph as one item for low zoom: boxes and straight edge segments drawn in a few
 * batched calls (one per colour) instead of one paint() per item, so a 10k-node graph repaints
 * within a frame when it fits the window. Reads the node and edge items' states (selection,
 * cut, pruning), which the scene keeps current while they are hidden.
 */
class OverviewItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    explicit OverviewItem(const GraphScene *scene);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    void setBounds(const QRectF &bounds);

private:
    const GraphScene *m_scene;
    QRectF m_bounds;
};

} // namespace Mcw::Widgets
