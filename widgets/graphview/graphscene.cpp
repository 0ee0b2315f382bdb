// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphscene.h"

#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/nodeitem.h>
#include <widgets/graphview/overviewitem.h>

#include <core/onnx/graphcut.h>

#include <QHash>
#include <QSet>

namespace Mcw::Widgets {

GraphScene::GraphScene(const Core::Graph &graph, const Core::ViewGraph &view,
                       const Core::LayoutResult &layout, const GraphViewOptions &options,
                       const GraphStyle &style, QObject *parent)
    : QGraphicsScene(parent)
    , m_graph(graph)
    , m_view(view)
    , m_style(style)
{
    setBackgroundBrush(m_style.background());
    const QList<Core::ViewGraph::Node> &nodes = m_view.nodes();
    m_nodes.reserve(nodes.size());
    for (int i = 0; i < nodes.size(); ++i) {
        const QRectF rect = layout.nodeRects.value(i);
        auto *item = new NodeItem(i, nodes.at(i), rect, &m_style, options);
        item->setToolTip(item->toolTipText());
        addItem(item);
        m_nodes.append(item);
    }
    const QList<Core::ViewGraph::Edge> &edges = m_view.edges();
    m_edges.reserve(edges.size());
    // The consumers of one tensor share a route and its label: draw the label once.
    QHash<QString, QPointF> labelled;
    for (int i = 0; i < edges.size(); ++i) {
        const Core::ViewGraph::Edge &edge = edges.at(i);
        const Core::LayoutResult::EdgePath path = layout.edgePaths.value(i);
        const auto seen = labelled.constFind(edge.tensor);
        const bool repeated = seen != labelled.cend() && seen.value() == path.labelPosition;
        if (!repeated)
            labelled.insert(edge.tensor, path.labelPosition);
        auto *item = new EdgeItem(i, edge.tensor, path, repeated ? QString() : GraphStyle::edgeLabel(edge, options),
                                  &m_style);
        addItem(item);
        m_edges.append(item);
    }
    const QRectF rect = graphRect();
    setSceneRect(rect);
    // The overview lives in its own scene: hidden items would still be returned by this
    // scene's BSP index and z-sorted on every frame (tens of ms at 20k items).
    m_overviewScene = new QGraphicsScene(this);
    m_overviewScene->setBackgroundBrush(m_style.background());
    m_overviewScene->setSceneRect(rect);
    m_overviewItem = new OverviewItem(this);
    m_overviewItem->setBounds(rect);
    m_overviewScene->addItem(m_overviewItem);
}

GraphScene::~GraphScene() = default;

QRectF GraphScene::graphRect() const
{
    QRectF rect;
    for (const NodeItem *node : m_nodes)
        rect |= node->boundingRect();
    for (const EdgeItem *edge : m_edges)
        rect |= edge->boundingRect();
    constexpr double margin = 24.0;
    return rect.adjusted(-margin, -margin, margin, margin);
}

void GraphScene::setCutTensors(const QStringList &cutTensors)
{
    m_cut = cutTensors;
    const QSet<QString> cutSet(cutTensors.cbegin(), cutTensors.cend());
    const QList<bool> kept = Core::nodesKeptByCut(m_graph, cutTensors);
    const QList<Core::ViewGraph::Node> &nodes = m_view.nodes();
    QList<bool> greyed(nodes.size(), false);
    for (int i = 0; i < nodes.size(); ++i) {
        const Core::ViewGraph::Node &node = nodes.at(i);
        if (node.kind == Core::ViewGraph::Node::Kind::Op)
            greyed[i] = !kept.value(node.onnxNode, true);
        else if (node.kind == Core::ViewGraph::Node::Kind::Output)
            greyed[i] = !cutTensors.isEmpty() && !cutSet.contains(node.tensor);
    }
    // A graph input stays only if a kept node reads it.
    using Kind = Core::ViewGraph::Node::Kind;
    for (int i = 0; i < nodes.size(); ++i) {
        if (nodes.at(i).kind != Kind::Input || cutTensors.isEmpty())
            continue;
        bool used = cutSet.contains(nodes.at(i).tensor);
        for (int e : m_view.edgesOfTensor(nodes.at(i).tensor)) {
            const int to = m_view.edges().at(e).to;
            used = used || (nodes.at(to).kind == Kind::Op && !greyed[to]);
        }
        greyed[i] = !used;
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        m_nodes[i]->setGreyed(greyed[i]);
        bool producesCut = false;
        const Core::ViewGraph::Node &node = nodes.at(i);
        if (node.kind == Core::ViewGraph::Node::Kind::Op) {
            for (const QString &output : m_graph.nodes().at(node.onnxNode).outputs)
                producesCut = producesCut || cutSet.contains(output);
        } else if (node.kind == Core::ViewGraph::Node::Kind::Input) {
            producesCut = cutSet.contains(node.tensor);
        }
        m_nodes[i]->setCutMarker(producesCut);
    }
    for (EdgeItem *edge : std::as_const(m_edges)) {
        const Core::ViewGraph::Edge &e = m_view.edges().at(edge->edgeIndex());
        edge->setCut(cutSet.contains(e.tensor));
        edge->setGreyed(greyed[e.from] || greyed[e.to]);
    }
    m_overviewItem->update();
}

void GraphScene::setProposedTensors(const QStringList &onnxTensors)
{
    const QSet<QString> proposed(onnxTensors.cbegin(), onnxTensors.cend());
    const QList<Core::ViewGraph::Node> &nodes = m_view.nodes();
    for (int i = 0; i < m_nodes.size(); ++i) {
        bool marked = false;
        if (nodes.at(i).kind == Core::ViewGraph::Node::Kind::Op) {
            for (const QString &output : m_graph.nodes().at(nodes.at(i).onnxNode).outputs)
                marked = marked || proposed.contains(output);
        }
        m_nodes[i]->setProposalMarker(marked);
    }
    m_overviewItem->update();
}

void GraphScene::selectNode(int displayIndex)
{
    if (m_selectedNode >= 0 && m_selectedNode < m_nodes.size())
        m_nodes[m_selectedNode]->setMarked(false);
    selectTensor({});
    m_selectedNode = displayIndex >= 0 && displayIndex < m_nodes.size() ? displayIndex : -1;
    if (m_selectedNode >= 0)
        m_nodes[m_selectedNode]->setMarked(true);
    m_overviewItem->update();
}

void GraphScene::selectTensor(const QString &tensor)
{
    for (int e : m_view.edgesOfTensor(m_selectedTensor))
        m_edges[e]->setMarked(false);
    m_selectedTensor = tensor;
    if (tensor.isEmpty())
        return;
    if (m_selectedNode >= 0) {
        m_nodes[m_selectedNode]->setMarked(false);
        m_selectedNode = -1;
    }
    for (int e : m_view.edgesOfTensor(tensor))
        m_edges[e]->setMarked(true);
    m_overviewItem->update();
}

void GraphScene::setHighlightedNode(int displayIndex)
{
    if (m_highlightedNode >= 0 && m_highlightedNode < m_nodes.size())
        m_nodes[m_highlightedNode]->setHighlighted(false);
    m_highlightedNode = displayIndex >= 0 && displayIndex < m_nodes.size() ? displayIndex : -1;
    if (m_highlightedNode >= 0)
        m_nodes[m_highlightedNode]->setHighlighted(true);
    m_overviewItem->update();
}

} // namespace Mcw::Widgets

namespace Mcw::Widgets {

int GraphScene::nodeAt(const QPointF &scenePos) const
{
    for (const NodeItem *node : m_nodes) {
        if (node->box().contains(scenePos))
            return node->displayIndex();
    }
    return -1;
}

} // namespace Mcw::Widgets

namespace Mcw::Widgets {

void GraphScene::setNodeTints(const QHash<int, QColor> &tints)
{
    for (NodeItem *node : std::as_const(m_nodes))
        node->setTint(tints.value(node->displayIndex()));
    m_overviewItem->update();
}

} // namespace Mcw::Widgets
