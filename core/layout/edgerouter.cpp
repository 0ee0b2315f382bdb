// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "edgerouter.h"

#include <QLineF>

#include <algorithm>
#include <cmath>

namespace Mcw::Core::Layout {

namespace {

constexpr double loopSize = 24.0;

// Where the ray from the rectangle's centre towards \a target leaves the rectangle.
QPointF clipToBorder(const QRectF &rect, const QPointF &target)
{
    const QPointF centre = rect.center();
    const double dx = target.x() - centre.x();
    const double dy = target.y() - centre.y();
    const double halfWidth = rect.width() / 2.0;
    const double halfHeight = rect.height() / 2.0;
    if ((dx == 0.0 && dy == 0.0) || (halfWidth <= 0.0 && halfHeight <= 0.0))
        return centre;
    double scale = std::numeric_limits<double>::infinity();
    if (dx != 0.0)
        scale = std::min(scale, halfWidth / std::abs(dx));
    if (dy != 0.0)
        scale = std::min(scale, halfHeight / std::abs(dy));
    scale = std::min(scale, 1.0);
    return centre + QPointF(dx * scale, dy * scale);
}

QPointF unitFrom(const QPointF &from, const QPointF &to)
{
    const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
    if (length <= 0.0)
        return QPointF(0.0, 1.0);
    return (to - from) / length;
}

LayoutResult::EdgePath selfLoop(const LayoutInput::Edge &edge, const QRectF &rect,
                                bool transposed)
{
    const double quarter = rect.height() / 4.0;
    const QPointF start(rect.right(), rect.center().y() - quarter);
    const QPointF end(rect.right(), rect.center().y() + quarter);
    LayoutResult::EdgePath path;
    path.points = {start, start + QPointF(loopSize, -quarter), end + QPointF(loopSize, quarter),
                   end};
    const double labelBreadth = transposed ? edge.labelHeight : edge.labelWidth;
    path.labelPosition = QPointF(rect.right() + loopSize + 4.0 + labelBreadth / 2.0,
                                 rect.center().y());
    return path;
}

} // namespace

QRectF frameRect(const LayeredGraph &graph,
                 int v,
                 const std::vector<double> &breadth,
                 const std::vector<double> &rankCentres)
{
    const LayeredGraph::Node &node = graph.nodes[v];
    return QRectF(breadth[v] - node.left, rankCentres[node.rank] - node.depth / 2.0,
                  node.left + node.right, node.depth);
}

std::vector<LayoutResult::EdgePath> routeEdges(const LayoutInput &input,
                                               const LayeredGraph &graph,
                                               const std::vector<double> &breadth,
                                               const std::vector<double> &rankCentres)
{
    const bool transposed = input.direction == LayoutInput::Direction::LeftToRight;
    const int nodeCount = int(input.nodes.size());
    std::vector<LayoutResult::EdgePath> paths(input.edges.size());
    std::vector<QPointF> through;
    std::vector<double> halfDepth(rankCentres.size(), 0.0);
    for (const LayeredGraph::Node &node : graph.nodes)
        halfDepth[node.rank] = std::max(halfDepth[node.rank], node.depth / 2.0);
    // True when a box beside bend v (within a few places in its layer) spans part of [x0, x1]:
    // a curve bowing from x0 to x1 across the rank's band would cut through it.
    const auto boxBeside = [&](int v, double x0, double x1) {
        const double lo = std::min(x0, x1);
        const double hi = std::max(x0, x1);
        const std::vector<int> &layer = graph.layers[graph.nodes[v].rank];
        const int at = graph.order[v];
        for (int step = -4; step <= 4; ++step) {
            const int k = at + step;
            if (step == 0 || k < 0 || k >= int(layer.size()))
                continue;
            const int w = layer[k];
            const LayeredGraph::Node &node = graph.nodes[w];
            if (!node.isDummy && breadth[w] - node.left < hi && breadth[w] + node.right > lo)
                return true;
        }
        return false;
    };
    for (int e = 0; e < int(input.edges.size()); ++e) {
        const LayoutInput::Edge &edge = input.edges[e];
        const std::vector<int> &chain = graph.chains[e];
        LayoutResult::EdgePath &path = paths[e];
        if (chain.empty()) {
            if (edge.from == edge.to && edge.from >= 0 && edge.from < nodeCount)
                path = selfLoop(edge, frameRect(graph, edge.from, breadth, rankCentres),
                                transposed);
            continue;
        }

        through.clear();
        for (size_t i = 0; i < chain.size(); ++i) {
            const int v = chain[i];
            const int rank = graph.nodes[v].rank;
            const double x = breadth[v];
            // Where a box stands beside the route, the route runs straight along its rank's band
            // (out of the upper end, into the lower end, past a bend), so the curve to the next
            // point bows in the gap between bands instead of across the box's corner.
            const bool hasBand = halfDepth[rank] > 0.0;
            if (i > 0 && hasBand && boxBeside(v, breadth[chain[i - 1]], x))
                through.emplace_back(x, rankCentres[rank] - halfDepth[rank]);
            through.emplace_back(x, rankCentres[rank]);
            if (i + 1 < chain.size() && hasBand && boxBeside(v, x, breadth[chain[i + 1]]))
                through.emplace_back(x, rankCentres[rank] + halfDepth[rank]);
        }
        const QRectF topRect = frameRect(graph, chain.front(), breadth, rankCentres);
        const QRectF bottomRect = frameRect(graph, chain.back(), breadth, rankCentres);
        const size_t last = through.size() - 1;
        through.front() = clipToBorder(topRect, through[1]);
        through.back() = clipToBorder(bottomRect, through[last - 1]);
        const QPointF startDirection = unitFrom(topRect.center(), through.front());
        const QPointF endDirection = unitFrom(bottomRect.center(), through.back());

        path.points.reserve(3 * last + 1);
        path.points.append(through.front());
        for (size_t i = 0; i < last; ++i) {
            const QPointF a = through[i];
            const QPointF b = through[i + 1];
            const double reach = std::max(std::abs(b.y() - a.y()) / 2.0, 1.0);
            // Leave and enter boxes along the line to the centre, pass dummies along the rank
            // axis: tangents agree at every joint, so the curve is smooth.
            const QPointF c1 = i == 0 ? a + startDirection * reach : a + QPointF(0.0, reach);
            const QPointF c2 = i + 1 == last ? b + endDirection * reach : b - QPointF(0.0, reach);
            path.points.append(c1);
            path.points.append(c2);
            path.points.append(b);
        }

        int labelNode = -1;
        for (const int v : chain) {
            if (graph.nodes[v].isLabel)
                labelNode = v;
        }
        if (labelNode >= 0) {
            const LayeredGraph::Node &node = graph.nodes[labelNode];
            path.labelPosition = QPointF(breadth[labelNode] + (node.right + 4.0) / 2.0,
                                         rankCentres[node.rank]);
        } else {
            // Middle of the middle segment of the path.
            const int segments = int(last);
            const int s = segments / 2;
            if (segments % 2 == 1) {
                const QPointF p0 = path.points[3 * s];
                const QPointF p1 = path.points[3 * s + 1];
                const QPointF p2 = path.points[3 * s + 2];
                const QPointF p3 = path.points[3 * s + 3];
                path.labelPosition = (p0 + 3.0 * p1 + 3.0 * p2 + p3) / 8.0;
            } else {
                path.labelPosition = path.points[3 * s];
            }
        }
        if (graph.reversed[e])
            std::reverse(path.points.begin(), path.points.end());
    }
    return paths;
}

} // namespace Mcw::Core::Layout
