// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <widgets/graphview/graphstyle.h>

#include <core/layout/graphlayout.h>
#include <core/layout/viewgraph.h>
#include <core/onnx/graph.h>

#include <QColor>
#include <QGraphicsScene>
#include <QHash>

namespace Mcw::Widgets {

class EdgeItem;
class NodeItem;
class OverviewItem;

/**
 * The items of one laid-out graph: a NodeItem per display node and an EdgeItem per edge.
 * Knows which items show a tensor, and paints cut points and pruning (greyed nodes).
 * Has no view: the exporter renders it headless.
 */
class GraphScene : public QGraphicsScene
{
    Q_OBJECT

public:
    GraphScene(const Core::Graph &graph, const Core::ViewGraph &view, const Core::LayoutResult &layout,
               const GraphViewOptions &options, const GraphStyle &style, QObject *parent = nullptr);
    ~GraphScene() override;

    const Core::Graph &graph() const { return m_graph; }
    const Core::ViewGraph &viewGraph() const { return m_view; }
    const GraphStyle &style() const { return m_style; }
    const QList<NodeItem *> &nodeItems() const { return m_nodes; }
    const QList<EdgeItem *> &edgeItems() const { return m_edges; }
    NodeItem *nodeItem(int displayIndex) const { return m_nodes.value(displayIndex); }
    /** The area to show and export: every item plus a margin. */
    QRectF graphRect() const;

    /** Marks \a cutTensors and greys every node that the cut strips (live pruning). */
    void setCutTensors(const QStringList &cutTensors);
    QStringList cutTensors() const { return m_cut; }
    /** Selection: one node, or all edges of one tensor; -1 / empty clears. */
    void selectNode(int displayIndex);
    void selectTensor(const QString &tensor);
    int selectedNode() const { return m_selectedNode; }
    QString selectedTensor() const { return m_selectedTensor; }
    void setHighlightedNode(int displayIndex);
    /** Tints the listed display nodes (both scenes); every other node loses its tint. */
    void setNodeTints(const QHash<int, QColor> &tints);
    /** Marks the producers of \a onnxTensors as proposed for BF16; every other node loses the mark. */
    void setProposedTensors(const QStringList &onnxTensors);

    /**
     * The same graph as one batched OverviewItem, for low zoom: a view shows this scene instead
     * (same coordinates). It follows this scene's selection, cut and pruning state.
     */
    QGraphicsScene *overviewScene() const { return m_overviewScene; }
    /** Display node whose box contains \a scenePos, -1 if none (for hits in the overview). */
    int nodeAt(const QPointF &scenePos) const;

private:
    Core::Graph m_graph;
    Core::ViewGraph m_view;
    GraphStyle m_style; // items keep a pointer to it
    QList<NodeItem *> m_nodes;
    QList<EdgeItem *> m_edges;
    QStringList m_cut;
    int m_selectedNode = -1;
    QString m_selectedTensor;
    int m_highlightedNode = -1;
    QGraphicsScene *m_overviewScene = nullptr;
    OverviewItem *m_overviewItem = nullptr;
};

} // namespace Mcw::Widgets
