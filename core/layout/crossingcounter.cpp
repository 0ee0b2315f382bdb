// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossingcounter.h"

#include <core/layout/graphlayout.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Mcw::Core::Layout {

qint64 CrossingCounter::count(const std::vector<int> &lowerPositions, int lowerLayerSize)
{
    if (lowerPositions.size() < 2 || lowerLayerSize < 2)
        return 0;
    int firstIndex = 1;
    while (firstIndex < lowerLayerSize)
        firstIndex *= 2;
    const int treeSize = 2 * firstIndex - 1;
    firstIndex -= 1;
    m_tree.assign(size_t(treeSize), 0);

    qint64 crossings = 0;
    for (const int position : lowerPositions) {
        int index = position + firstIndex;
        ++m_tree[index];
        while (index > 0) {
            // A left child: every edge already counted in its right sibling ends further right.
            if (index % 2 == 1)
                crossings += m_tree[index + 1];
            index = (index - 1) / 2;
            ++m_tree[index];
        }
    }
    return crossings;
}

} // namespace Mcw::Core::Layout

namespace Mcw::Core {

namespace {

double evaluateCubic(double p0, double p1, double p2, double p3, double t)
{
    const double u = 1.0 - t;
    return u * u * u * p0 + 3.0 * u * u * t * p1 + 3.0 * u * t * t * p2 + t * t * t * p3;
}

/**
 * Walks a Bézier path in increasing depth and reports its breadth at increasing target depths
 * (the path is assumed monotonic in depth per segment, as layered drawings are). Walking once
 * keeps long edges linear instead of quadratic in their length.
 */
class PathWalker
{
public:
    PathWalker(const QList<QPointF> &points, bool transposed)
        : m_points(points)
        , m_transposed(transposed)
    {
        m_segments = points.size() >= 4 ? int((points.size() - 1) / 3) : 0;
        m_backwards = m_segments > 0 && depthOf(points.last()) < depthOf(points.first());
    }

    /** False when the path never reaches \a depth. Depths must be asked in increasing order. */
    bool breadthAt(double depth, double &breadth)
    {
        constexpr double epsilon = 1e-6;
        for (; m_next < m_segments; ++m_next) {
            const int i = 3 * (m_backwards ? m_segments - 1 - m_next : m_next);
            const double d0 = depthOf(m_points[i]);
            const double d3 = depthOf(m_points[i + 3]);
            if (std::abs(d0 - depth) <= epsilon) {
                breadth = breadthOf(m_points[i]);
                return true;
            }
            if (std::abs(d3 - depth) <= epsilon) {
                breadth = breadthOf(m_points[i + 3]);
                return true;
            }
            if ((depth - d0) * (depth - d3) > 0.0)
                continue;
            const double d1 = depthOf(m_points[i + 1]);
            const double d2 = depthOf(m_points[i + 2]);
            const bool increasing = d3 > d0;
            double lo = 0.0;
            double hi = 1.0;
            for (int iteration = 0; iteration < 40; ++iteration) {
                const double mid = (lo + hi) / 2.0;
                if ((evaluateCubic(d0, d1, d2, d3, mid) < depth) == increasing)
                    lo = mid;
                else
                    hi = mid;
            }
            const double t = (lo + hi) / 2.0;
            breadth = evaluateCubic(breadthOf(m_points[i]), breadthOf(m_points[i + 1]),
                                    breadthOf(m_points[i + 2]), breadthOf(m_points[i + 3]), t);
            return true;
        }
        return false;
    }

private:
    double depthOf(const QPointF &p) const { return m_transposed ? p.x() : p.y(); }
    double breadthOf(const QPointF &p) const { return m_transposed ? p.y() : p.x(); }

    const QList<QPointF> &m_points;
    bool m_transposed;
    bool m_backwards = false;
    int m_segments = 0;
    int m_next = 0;
};

} // namespace

int countCrossings(const LayoutInput &input, const LayoutResult &result)
{
    const int nodeCount = int(input.nodes.size());
    if (result.nodeRects.size() != nodeCount || result.nodeRanks.size() != nodeCount)
        return 0;
    const bool transposed = input.direction == LayoutInput::Direction::LeftToRight;
    const auto depthOf = [transposed](const QPointF &p) { return transposed ? p.x() : p.y(); };
    const auto breadthOf = [transposed](const QPointF &p) { return transposed ? p.y() : p.x(); };

    // Levels: the ranks that hold nodes, each at the mean depth of its nodes' centres.
    std::vector<int> distinctRanks(result.nodeRanks.begin(), result.nodeRanks.end());
    std::sort(distinctRanks.begin(), distinctRanks.end());
    distinctRanks.erase(std::unique(distinctRanks.begin(), distinctRanks.end()),
                        distinctRanks.end());
    const auto levelOf = [&](int rank) {
        return int(std::lower_bound(distinctRanks.begin(), distinctRanks.end(), rank)
                   - distinctRanks.begin());
    };
    const int levelCount = int(distinctRanks.size());
    std::vector<double> levelDepth(levelCount, 0.0);
    std::vector<int> levelSize(levelCount, 0);
    for (int v = 0; v < nodeCount; ++v) {
        const int level = levelOf(result.nodeRanks[v]);
        levelDepth[level] += depthOf(result.nodeRects[v].center());
        ++levelSize[level];
    }
    for (int l = 0; l < levelCount; ++l)
        levelDepth[l] /= std::max(1, levelSize[l]);

    // The straight segments of every edge between consecutive levels, per gap.
    std::vector<std::vector<std::pair<double, double>>> gaps(std::max(0, levelCount - 1));
    std::vector<double> across;
    for (int e = 0; e < int(input.edges.size()); ++e) {
        const LayoutInput::Edge &edge = input.edges[e];
        if (edge.from < 0 || edge.from >= nodeCount || edge.to < 0 || edge.to >= nodeCount)
            continue;
        int upper = edge.from;
        int lower = edge.to;
        if (result.nodeRanks[upper] == result.nodeRanks[lower])
            continue;
        if (result.nodeRanks[upper] > result.nodeRanks[lower])
            std::swap(upper, lower);
        const int top = levelOf(result.nodeRanks[upper]);
        const int bottom = levelOf(result.nodeRanks[lower]);
        const QPointF topCentre = result.nodeRects[upper].center();
        const QPointF bottomCentre = result.nodeRects[lower].center();
        across.assign(size_t(bottom - top + 1), 0.0);
        across.front() = breadthOf(topCentre);
        across.back() = breadthOf(bottomCentre);
        const QList<QPointF> points = e < result.edgePaths.size() ? result.edgePaths[e].points
                                                                  : QList<QPointF>();
        PathWalker walker(points, transposed);
        for (int level = top + 1; level < bottom; ++level) {
            double value = 0.0;
            if (!walker.breadthAt(levelDepth[level], value)) {
                const double t = (levelDepth[level] - depthOf(topCentre))
                                 / (depthOf(bottomCentre) - depthOf(topCentre));
                value = across.front() + t * (across.back() - across.front());
            }
            across[level - top] = value;
        }
        for (int level = top; level < bottom; ++level)
            gaps[level].emplace_back(across[level - top], across[level - top + 1]);
    }

    // Rounding makes ends that coincide (shared nodes) compare equal despite path maths.
    const auto rounded = [](double value) { return std::round(value * 1000.0) / 1000.0; };
    Layout::CrossingCounter counter;
    std::vector<double> bottoms;
    std::vector<int> positions;
    qint64 total = 0;
    for (std::vector<std::pair<double, double>> &segments : gaps) {
        for (auto &segment : segments)
            segment = {rounded(segment.first), rounded(segment.second)};
        std::sort(segments.begin(), segments.end());
        bottoms.clear();
        for (const auto &segment : segments)
            bottoms.push_back(segment.second);
        std::sort(bottoms.begin(), bottoms.end());
        bottoms.erase(std::unique(bottoms.begin(), bottoms.end()), bottoms.end());
        positions.clear();
        for (const auto &segment : segments) {
            positions.push_back(int(std::lower_bound(bottoms.begin(), bottoms.end(),
                                                     segment.second)
                                    - bottoms.begin()));
        }
        total += counter.count(positions, int(bottoms.size()));
    }
    return int(std::min<qint64>(total, std::numeric_limits<int>::max()));
}

} // namespace Mcw::Core
