// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sugiyamalayout.h"

#include "coordinateassigner.h"
#include "crossingminimizer.h"
#include "cycleremover.h"
#include "edgerouter.h"
#include "layeredgraph.h"
#include "rankassignment.h"

#include <algorithm>

namespace Mcw::Core {

LayoutResult layoutGraph(const LayoutInput &input, const LayoutControl &control)
{
    return Layout::SugiyamaLayout(input, control).run();
}

namespace Layout {

namespace {

LayoutResult cancelledResult()
{
    LayoutResult result;
    result.cancelled = true;
    return result;
}

QPointF transposedPoint(const QPointF &p, bool transposed)
{
    return transposed ? QPointF(p.y(), p.x()) : p;
}

QRectF transposedRect(const QRectF &r, bool transposed)
{
    return transposed ? QRectF(r.y(), r.x(), r.height(), r.width()) : r;
}

} // namespace

SugiyamaLayout::SugiyamaLayout(const LayoutInput &input, const LayoutControl &control)
    : m_input(input)
    , m_control(control)
{
}

bool SugiyamaLayout::cancelled() const
{
    return m_control.cancel && m_control.cancel->load(std::memory_order_relaxed);
}

void SugiyamaLayout::report(int percent)
{
    if (percent <= m_lastProgress)
        return;
    m_lastProgress = percent;
    if (m_control.progress)
        m_control.progress(percent);
}

LayoutResult SugiyamaLayout::run()
{
    report(0);
    if (cancelled())
        return cancelledResult();
    const bool transposed = m_input.direction == LayoutInput::Direction::LeftToRight;
    const int nodeCount = int(m_input.nodes.size());

    const std::vector<char> reversed = findBackEdges(m_input);
    report(3);
    std::vector<int> ranks = assignRanks(m_input, reversed);
    // Labels get their own half rank (Gansner et al.; dagre does the same).
    bool labelSpace = false;
    for (int e = 0; e < int(m_input.edges.size()); ++e) {
        const LayoutInput::Edge &edge = m_input.edges[e];
        if (isLayoutEdge(m_input, e) && (edge.labelWidth > 0.0 || edge.labelHeight > 0.0))
            labelSpace = true;
    }
    if (labelSpace) {
        for (int &r : ranks)
            r *= 2;
    }
    report(8);
    if (cancelled())
        return cancelledResult();

    LayeredGraph graph = buildLayeredGraph(m_input, ranks, reversed, labelSpace);
    report(12);
    if (cancelled())
        return cancelledResult();

    const int sweeps = std::max(0, m_input.maxSweeps);
    CrossingMinimizer minimizer(graph);
    const bool finished = minimizer.run(sweeps, [this, sweeps](int sweep) {
        report(12 + 63 * sweep / std::max(1, sweeps));
        return cancelled();
    });
    if (!finished || cancelled())
        return cancelledResult();
    report(75);

    const double rankSeparation = labelSpace ? m_input.rankSeparation / 2.0
                                             : m_input.rankSeparation;
    CoordinateAssigner assigner(graph, m_input.nodeSeparation, rankSeparation);
    const std::vector<double> breadth = assigner.breadthPositions();
    const std::vector<double> rankCentres = assigner.rankPositions();
    report(88);
    if (cancelled())
        return cancelledResult();

    const std::vector<LayoutResult::EdgePath> paths = routeEdges(m_input, graph, breadth,
                                                                 rankCentres);
    report(95);

    LayoutResult result;
    result.nodeRects.reserve(nodeCount);
    result.nodeRanks.reserve(nodeCount);
    for (int v = 0; v < nodeCount; ++v) {
        result.nodeRects.append(
            transposedRect(frameRect(graph, v, breadth, rankCentres), transposed));
        result.nodeRanks.append(graph.nodes[v].rank);
    }
    result.edgePaths.reserve(m_input.edges.size());
    for (const LayoutResult::EdgePath &framePath : paths) {
        LayoutResult::EdgePath path;
        path.points.reserve(framePath.points.size());
        for (const QPointF &p : framePath.points)
            path.points.append(transposedPoint(p, transposed));
        path.labelPosition = transposedPoint(framePath.labelPosition, transposed);
        result.edgePaths.append(path);
    }

    // Move the drawing so that its bounds start at the origin.
    double minX = 0.0;
    double minY = 0.0;
    double maxX = 0.0;
    double maxY = 0.0;
    bool any = false;
    const auto include = [&](double x0, double y0, double x1, double y1) {
        minX = any ? std::min(minX, x0) : x0;
        minY = any ? std::min(minY, y0) : y0;
        maxX = any ? std::max(maxX, x1) : x1;
        maxY = any ? std::max(maxY, y1) : y1;
        any = true;
    };
    for (const QRectF &rect : std::as_const(result.nodeRects))
        include(rect.left(), rect.top(), rect.right(), rect.bottom());
    for (int e = 0; e < int(result.edgePaths.size()); ++e) {
        const LayoutResult::EdgePath &path = result.edgePaths[e];
        for (const QPointF &p : path.points)
            include(p.x(), p.y(), p.x(), p.y());
        if (!path.points.isEmpty()) {
            const LayoutInput::Edge &edge = m_input.edges[e];
            const QPointF &c = path.labelPosition;
            include(c.x() - edge.labelWidth / 2.0, c.y() - edge.labelHeight / 2.0,
                    c.x() + edge.labelWidth / 2.0, c.y() + edge.labelHeight / 2.0);
        }
    }
    const QRectF bounds(QPointF(minX, minY), QPointF(maxX, maxY));
    const QPointF offset = -bounds.topLeft();
    for (QRectF &rect : result.nodeRects)
        rect.translate(offset);
    for (LayoutResult::EdgePath &path : result.edgePaths) {
        for (QPointF &p : path.points)
            p += offset;
        if (!path.points.isEmpty())
            path.labelPosition += offset;
    }
    result.bounds = QRectF(QPointF(0.0, 0.0), bounds.size());
    result.crossings = countCrossings(m_input, result);
    report(100);
    return result;
}

} // namespace Layout
} // namespace Mcw::Core
