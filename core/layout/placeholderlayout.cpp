// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Throwaway stand-in for the layered layout engine (being written in the `layout` branch) so the
// graph view can be built and tested: longest-path ranks, one barycenter pass, packed rows.
// Deleted when the real engine is merged.
#include "graphlayout.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace Mcw::Core {

LayoutResult layoutGraph(const LayoutInput &input, const LayoutControl &control)
{
    LayoutResult result;
    const int n = int(input.nodes.size());
    const bool horizontal = input.direction == LayoutInput::Direction::LeftToRight;
    QList<QList<int>> out(n), in(n);
    for (const LayoutInput::Edge &e : input.edges) {
        if (e.from < 0 || e.to < 0 || e.from >= n || e.to >= n || e.from == e.to)
            continue;
        out[e.from].append(e.to);
        in[e.to].append(e.from);
    }
    // Kahn order; nodes left on cycles are appended in index order.
    QList<int> indegree(n, 0), order;
    for (int v = 0; v < n; ++v)
        indegree[v] = int(in[v].size());
    for (int v = 0; v < n; ++v)
        if (indegree[v] == 0)
            order.append(v);
    for (int i = 0; i < order.size(); ++i)
        for (int w : out[order[i]])
            if (--indegree[w] == 0)
                order.append(w);
    QList<bool> placed(n, false);
    for (int v : order)
        placed[v] = true;
    for (int v = 0; v < n; ++v)
        if (!placed[v])
            order.append(v);
    QList<int> position(n);
    for (int i = 0; i < n; ++i)
        position[order[i]] = i;

    result.nodeRanks = QList<int>(n, 0);
    int rankCount = n > 0 ? 1 : 0;
    for (int v : order) {
        for (int u : in[v])
            if (position[u] < position[v])
                result.nodeRanks[v] = std::max(result.nodeRanks[v], result.nodeRanks[u] + 1);
        rankCount = std::max(rankCount, result.nodeRanks[v] + 1);
    }
    if (control.progress)
        control.progress(30);
    if (control.cancel && control.cancel->load()) {
        result.cancelled = true;
        return result;
    }

    QList<QList<int>> ranks(rankCount);
    for (int v : order)
        ranks[result.nodeRanks[v]].append(v);
    QList<double> slot(n, 0.0);
    for (int r = 0; r < rankCount; ++r) {
        for (int v : ranks[r]) {
            double sum = 0.0;
            for (int u : in[v])
                sum += slot[u];
            slot[v] = in[v].isEmpty() ? position[v] : sum / in[v].size();
        }
        std::stable_sort(ranks[r].begin(), ranks[r].end(),
                         [&slot](int a, int b) { return slot[a] < slot[b]; });
        for (int i = 0; i < ranks[r].size(); ++i)
            slot[ranks[r][i]] = i;
    }

    // Breadth along a rank and depth across ranks, swapped for left-to-right.
    auto breadth = [&](int v) { return horizontal ? input.nodes[v].height : input.nodes[v].width; };
    auto depth = [&](int v) { return horizontal ? input.nodes[v].width : input.nodes[v].height; };
    QList<double> labelDepth(rankCount, 0.0);
    for (const LayoutInput::Edge &e : input.edges) {
        if (e.from >= 0 && e.from < n)
            labelDepth[result.nodeRanks[e.from]] = std::max(
                labelDepth[result.nodeRanks[e.from]], horizontal ? e.labelWidth : e.labelHeight);
    }
    result.nodeRects = QList<QRectF>(n);
    double across = 0.0;
    double widest = 0.0;
    QList<double> rowWidth(rankCount, 0.0);
    for (int r = 0; r < rankCount; ++r) {
        for (int v : ranks[r])
            rowWidth[r] += breadth(v) + input.nodeSeparation;
        widest = std::max(widest, rowWidth[r]);
    }
    for (int r = 0; r < rankCount; ++r) {
        double rankDepth = 0.0;
        for (int v : ranks[r])
            rankDepth = std::max(rankDepth, depth(v));
        double along = (widest - rowWidth[r]) / 2.0;
        for (int v : ranks[r]) {
            const double a = along;
            const double c = across + (rankDepth - depth(v)) / 2.0;
            result.nodeRects[v] = horizontal ? QRectF(c, a, input.nodes[v].width, input.nodes[v].height)
                                             : QRectF(a, c, input.nodes[v].width, input.nodes[v].height);
            along += breadth(v) + input.nodeSeparation;
        }
        across += rankDepth + input.rankSeparation + labelDepth[r];
    }

    for (const LayoutInput::Edge &e : input.edges) {
        LayoutResult::EdgePath path;
        if (e.from >= 0 && e.to >= 0 && e.from < n && e.to < n) {
            const QRectF a = result.nodeRects[e.from];
            const QRectF b = result.nodeRects[e.to];
            const QPointF start = horizontal ? QPointF(a.right(), a.center().y())
                                             : QPointF(a.center().x(), a.bottom());
            const QPointF end = horizontal ? QPointF(b.left(), b.center().y())
                                           : QPointF(b.center().x(), b.top());
            const QPointF mid = (start + end) / 2.0;
            const QPointF c1 = horizontal ? QPointF(mid.x(), start.y()) : QPointF(start.x(), mid.y());
            const QPointF c2 = horizontal ? QPointF(mid.x(), end.y()) : QPointF(end.x(), mid.y());
            path.points = {start, c1, c2, end};
            // Label centre, just past the source border.
            path.labelPosition = horizontal
                                     ? QPointF(start.x() + e.labelWidth / 2 + 4, start.y() - e.labelHeight / 2 - 1)
                                     : QPointF(start.x() + e.labelWidth / 2 + 4, start.y() + e.labelHeight / 2 + 2);
        }
        result.edgePaths.append(path);
    }
    for (const QRectF &rect : result.nodeRects)
        result.bounds = result.bounds.united(rect);
    result.crossings = countCrossings(input, result);
    if (control.progress)
        control.progress(100);
    return result;
}

int countCrossings(const LayoutInput &input, const LayoutResult &result)
{
    const bool horizontal = input.direction == LayoutInput::Direction::LeftToRight;
    QHash<int, QList<std::pair<double, double>>> byRank;
    for (const LayoutInput::Edge &e : input.edges) {
        if (e.from < 0 || e.to < 0 || e.from >= result.nodeRanks.size() || e.to >= result.nodeRanks.size())
            continue;
        if (result.nodeRanks[e.to] != result.nodeRanks[e.from] + 1)
            continue;
        const QPointF a = result.nodeRects[e.from].center();
        const QPointF b = result.nodeRects[e.to].center();
        byRank[result.nodeRanks[e.from]].append(horizontal ? std::pair(a.y(), b.y()) : std::pair(a.x(), b.x()));
    }
    int crossings = 0;
    for (const auto &edges : std::as_const(byRank)) {
        for (int i = 0; i < edges.size(); ++i)
            for (int j = i + 1; j < edges.size(); ++j)
                if ((edges[i].first - edges[j].first) * (edges[i].second - edges[j].second) < 0)
                    ++crossings;
    }
    return crossings;
}

} // namespace Mcw::Core
