// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/layout/graphlayout.h>
#include <core/layout/layeredgraph.h>

#include <QSet>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <random>
#include <tuple>
#include <vector>

using namespace Mcw::Core;

namespace {

// Raw mt19937 output is fixed by the standard, so the graphs are the same everywhere.
LayoutInput randomDag(unsigned seed, int nodeCount, int extraEdges, bool labels = false)
{
    std::mt19937 rng(seed);
    LayoutInput input;
    for (int i = 0; i < nodeCount; ++i)
        input.nodes.append({40.0 + double(rng() % 80), 20.0 + double(rng() % 30)});
    const auto addEdge = [&](int from, int to) {
        LayoutInput::Edge edge;
        edge.from = from;
        edge.to = to;
        if (labels) {
            edge.labelWidth = 30.0 + double(rng() % 40);
            edge.labelHeight = 10.0;
        }
        input.edges.append(edge);
    };
    // A spine so the graph is mostly connected, then random forward edges (some long).
    for (int i = 1; i < nodeCount; ++i)
        addEdge(int(rng() % unsigned(i)), i);
    for (int k = 0; k < extraEdges && nodeCount > 1; ++k) {
        const int a = int(rng() % unsigned(nodeCount));
        const int b = int(rng() % unsigned(nodeCount));
        if (a != b)
            addEdge(std::min(a, b), std::max(a, b));
    }
    return input;
}

bool overlaps(const QRectF &a, const QRectF &b)
{
    // Touching borders are fine; a positive-area intersection is not.
    constexpr double epsilon = 1e-6;
    return a.left() < b.right() - epsilon && b.left() < a.right() - epsilon
           && a.top() < b.bottom() - epsilon && b.top() < a.bottom() - epsilon;
}

bool onBorder(const QRectF &rect, const QPointF &p)
{
    constexpr double epsilon = 1e-6;
    const bool insideX = p.x() >= rect.left() - epsilon && p.x() <= rect.right() + epsilon;
    const bool insideY = p.y() >= rect.top() - epsilon && p.y() <= rect.bottom() + epsilon;
    const bool onVertical = std::abs(p.x() - rect.left()) <= epsilon
                            || std::abs(p.x() - rect.right()) <= epsilon;
    const bool onHorizontal = std::abs(p.y() - rect.top()) <= epsilon
                              || std::abs(p.y() - rect.bottom()) <= epsilon;
    return insideX && insideY && (onVertical || onHorizontal);
}

// Pairwise count of crossings between straight segments per pair of adjacent levels, using
// the path junctions on the rank centre lines (a bend beside a box also has junctions at the
// edges of its rank's band; those are skipped) — independent of countCrossings().
int bruteForceCrossings(const LayoutInput &input, const LayoutResult &result)
{
    struct Segment
    {
        int level;
        double top;
        double bottom;
    };
    std::vector<int> ranks(result.nodeRanks.begin(), result.nodeRanks.end());
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    QSet<double> centreLines;
    for (const QRectF &rect : result.nodeRects)
        centreLines.insert(rect.center().y());
    std::vector<Segment> segments;
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutInput::Edge &edge = input.edges[e];
        const int rankFrom = result.nodeRanks[edge.from];
        const int rankTo = result.nodeRanks[edge.to];
        if (rankFrom == rankTo)
            continue;
        const QList<QPointF> &points = result.edgePaths[e].points;
        std::vector<double> xs;
        for (int i = 0; i < points.size(); i += 3) {
            if (i == 0 || i + 1 == points.size() || centreLines.contains(points[i].y()))
                xs.push_back(points[i].x());
        }
        xs.front() = result.nodeRects[edge.from].center().x();
        xs.back() = result.nodeRects[edge.to].center().x();
        if (rankFrom > rankTo)
            std::reverse(xs.begin(), xs.end());
        const int topLevel = int(std::lower_bound(ranks.begin(), ranks.end(),
                                                  std::min(rankFrom, rankTo))
                                 - ranks.begin());
        for (size_t i = 0; i + 1 < xs.size(); ++i)
            segments.push_back({topLevel + int(i), xs[i], xs[i + 1]});
    }
    int crossings = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
        for (size_t j = i + 1; j < segments.size(); ++j) {
            const Segment &a = segments[i];
            const Segment &b = segments[j];
            if (a.level != b.level)
                continue;
            const double top = a.top - b.top;
            const double bottom = a.bottom - b.bottom;
            if ((top < -1e-3 && bottom > 1e-3) || (top > 1e-3 && bottom < -1e-3))
                ++crossings;
        }
    }
    return crossings;
}

// Same ranks, nodes of a rank in input order, straight edges: the ordering to beat.
LayoutResult naiveLayout(const LayoutInput &input, const QList<int> &ranks)
{
    LayoutResult naive;
    naive.nodeRanks = ranks;
    QList<int> nextSlot(*std::max_element(ranks.begin(), ranks.end()) + 1, 0);
    for (int v = 0; v < input.nodes.size(); ++v) {
        const int slot = nextSlot[ranks[v]]++;
        naive.nodeRects.append(QRectF(slot * 200.0, ranks[v] * 100.0, 50.0, 30.0));
    }
    for (const LayoutInput::Edge &edge : input.edges) {
        const QPointF a = naive.nodeRects[edge.from].center();
        const QPointF b = naive.nodeRects[edge.to].center();
        LayoutResult::EdgePath path;
        path.points = {a, a + (b - a) / 3.0, a + 2.0 * (b - a) / 3.0, b};
        naive.edgePaths.append(path);
    }
    return naive;
}

void expectValidLayout(const LayoutInput &input, const LayoutResult &result)
{
    ASSERT_FALSE(result.cancelled);
    ASSERT_EQ(result.nodeRects.size(), input.nodes.size());
    ASSERT_EQ(result.nodeRanks.size(), input.nodes.size());
    ASSERT_EQ(result.edgePaths.size(), input.edges.size());
    for (int v = 0; v < input.nodes.size(); ++v) {
        EXPECT_DOUBLE_EQ(result.nodeRects[v].width(), input.nodes[v].width);
        EXPECT_DOUBLE_EQ(result.nodeRects[v].height(), input.nodes[v].height);
        EXPECT_TRUE(result.bounds.contains(result.nodeRects[v]));
    }
    for (int a = 0; a < input.nodes.size(); ++a) {
        for (int b = a + 1; b < input.nodes.size(); ++b)
            EXPECT_FALSE(overlaps(result.nodeRects[a], result.nodeRects[b]))
                << "nodes " << a << " and " << b << " overlap";
    }
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutInput::Edge &edge = input.edges[e];
        const QList<QPointF> &points = result.edgePaths[e].points;
        ASSERT_GE(points.size(), 4);
        EXPECT_EQ((points.size() - 1) % 3, 0);
        EXPECT_TRUE(onBorder(result.nodeRects[edge.from], points.front())) << "edge " << e;
        EXPECT_TRUE(onBorder(result.nodeRects[edge.to], points.back())) << "edge " << e;
    }
}

} // namespace

TEST(GraphLayout, EmptyGraph)
{
    std::vector<int> progress;
    LayoutControl control;
    control.progress = [&](int p) { progress.push_back(p); };
    const LayoutResult result = layoutGraph(LayoutInput(), control);
    EXPECT_FALSE(result.cancelled);
    EXPECT_TRUE(result.nodeRects.isEmpty());
    EXPECT_TRUE(result.edgePaths.isEmpty());
    EXPECT_EQ(result.crossings, 0);
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), 100);
}

TEST(GraphLayout, SingleNode)
{
    LayoutInput input;
    input.nodes.append({120.0, 40.0});
    const LayoutResult result = layoutGraph(input);
    ASSERT_EQ(result.nodeRects.size(), 1);
    EXPECT_EQ(result.nodeRects[0], QRectF(0.0, 0.0, 120.0, 40.0));
    EXPECT_EQ(result.nodeRanks[0], 0);
    EXPECT_EQ(result.bounds, QRectF(0.0, 0.0, 120.0, 40.0));
}

TEST(GraphLayout, ChainIsStackedWithRankSeparation)
{
    LayoutInput input;
    input.rankSeparation = 30.0;
    input.nodes = {{100.0, 40.0}, {60.0, 20.0}, {80.0, 30.0}};
    input.edges = {{0, 1}, {1, 2}};
    const LayoutResult result = layoutGraph(input);
    expectValidLayout(input, result);
    EXPECT_EQ(result.nodeRanks, (QList<int>{0, 1, 2}));
    // Rank centre lines: 20, 40 + 30 + 10 = 80, 80 + 10 + 30 + 15 = 135.
    EXPECT_DOUBLE_EQ(result.nodeRects[0].center().y(), 20.0);
    EXPECT_DOUBLE_EQ(result.nodeRects[1].center().y(), 80.0);
    EXPECT_DOUBLE_EQ(result.nodeRects[2].center().y(), 135.0);
    // A chain is aligned on one vertical line.
    EXPECT_DOUBLE_EQ(result.nodeRects[1].center().x(), result.nodeRects[0].center().x());
    EXPECT_DOUBLE_EQ(result.nodeRects[2].center().x(), result.nodeRects[0].center().x());
    EXPECT_EQ(result.crossings, 0);
}

TEST(GraphLayout, EdgesPointDownAndNodesDoNotOverlapOnRandomDags)
{
    for (unsigned seed = 1; seed <= 6; ++seed) {
        for (const bool labels : {false, true}) {
            const LayoutInput input = randomDag(seed, 60, 40, labels);
            const LayoutResult result = layoutGraph(input);
            expectValidLayout(input, result);
            for (const LayoutInput::Edge &edge : input.edges)
                EXPECT_LT(result.nodeRanks[edge.from], result.nodeRanks[edge.to]);
        }
    }
}

TEST(GraphLayout, IsDeterministic)
{
    const LayoutInput input = randomDag(7, 300, 200, true);
    const LayoutResult first = layoutGraph(input);
    const LayoutResult second = layoutGraph(input);
    EXPECT_EQ(first.nodeRects, second.nodeRects);
    EXPECT_EQ(first.nodeRanks, second.nodeRanks);
    EXPECT_EQ(first.bounds, second.bounds);
    EXPECT_EQ(first.crossings, second.crossings);
    ASSERT_EQ(first.edgePaths.size(), second.edgePaths.size());
    for (int e = 0; e < first.edgePaths.size(); ++e) {
        EXPECT_EQ(first.edgePaths[e].points, second.edgePaths[e].points);
        EXPECT_EQ(first.edgePaths[e].labelPosition, second.edgePaths[e].labelPosition);
    }
}

TEST(GraphLayout, CountCrossingsAgreesWithPairwiseCount)
{
    for (unsigned seed = 11; seed <= 16; ++seed) {
        const LayoutInput input = randomDag(seed, 80, 70);
        const LayoutResult result = layoutGraph(input);
        EXPECT_EQ(countCrossings(input, result), bruteForceCrossings(input, result));
        EXPECT_EQ(result.crossings, countCrossings(input, result));
        // The naive drawing has straight edges, whose junctions are not stored: compare it
        // against an explicit evaluation instead of the path helper.
        const LayoutResult naive = naiveLayout(input, result.nodeRanks);
        EXPECT_GT(countCrossings(input, naive), 0);
    }
}

TEST(GraphLayout, FewerCrossingsThanNaiveOrdering)
{
    for (unsigned seed = 21; seed <= 30; ++seed) {
        const LayoutInput input = randomDag(seed, 120, 100);
        const LayoutResult result = layoutGraph(input);
        const int naive = countCrossings(input, naiveLayout(input, result.nodeRanks));
        EXPECT_LE(result.crossings, naive) << "seed " << seed;
        // Random DAGs leave plenty of room: expect a real improvement, not just a tie.
        EXPECT_LT(result.crossings, naive * 3 / 4) << "seed " << seed;
    }
}

TEST(GraphLayout, RemovesAvoidableCrossing)
{
    // a -> d and b -> c: in input order the two edges cross; swapping c and d removes it.
    LayoutInput input;
    input.nodes = {{40, 20}, {40, 20}, {40, 20}, {40, 20}};
    input.edges = {{0, 3}, {1, 2}};
    const LayoutResult result = layoutGraph(input);
    expectValidLayout(input, result);
    EXPECT_EQ(countCrossings(input, naiveLayout(input, result.nodeRanks)), 1);
    EXPECT_EQ(result.crossings, 0);
}

TEST(GraphLayout, CompleteBipartiteGraphsHaveTheirFixedCrossingNumber)
{
    // Every two-layer drawing of K(m,n) has C(m,2) * C(n,2) crossings.
    for (const auto &[m, n] : {std::pair{2, 2}, std::pair{3, 3}, std::pair{2, 4}}) {
        LayoutInput input;
        for (int i = 0; i < m + n; ++i)
            input.nodes.append({40.0, 20.0});
        for (int i = 0; i < m; ++i) {
            for (int j = 0; j < n; ++j)
                input.edges.append({i, m + j});
        }
        const LayoutResult result = layoutGraph(input);
        expectValidLayout(input, result);
        EXPECT_EQ(result.crossings, (m * (m - 1) / 2) * (n * (n - 1) / 2));
    }
}

TEST(GraphLayout, PermutationAndTreeHaveNoCrossings)
{
    LayoutInput permutation;
    const int target[] = {5, 3, 0, 4, 1, 2};
    for (int i = 0; i < 12; ++i)
        permutation.nodes.append({40.0, 20.0});
    for (int i = 0; i < 6; ++i)
        permutation.edges.append({i, 6 + target[i]});
    EXPECT_EQ(layoutGraph(permutation).crossings, 0);

    // An out-tree with children listed out of order.
    std::mt19937 rng(5);
    LayoutInput tree;
    tree.nodes.append({40.0, 20.0});
    for (int i = 1; i < 200; ++i) {
        tree.nodes.append({30.0 + double(rng() % 50), 20.0});
        tree.edges.append({int(rng() % unsigned(i)), i});
    }
    std::shuffle(tree.edges.begin(), tree.edges.end(), rng);
    const LayoutResult result = layoutGraph(tree);
    expectValidLayout(tree, result);
    EXPECT_EQ(result.crossings, 0);
}

TEST(GraphLayout, LongEdgesPassThroughIntermediateRanks)
{
    // 0 -> 1 -> 2 -> 3 and the long edge 0 -> 3, which needs a dummy on ranks 1 and 2.
    LayoutInput input;
    input.nodes = {{80, 30}, {80, 30}, {80, 30}, {80, 30}};
    input.edges = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};
    const LayoutResult result = layoutGraph(input);
    expectValidLayout(input, result);
    EXPECT_EQ(result.nodeRanks, (QList<int>{0, 1, 2, 3}));
    const QList<QPointF> &points = result.edgePaths[3].points;
    // One junction on each of the rank centre lines of 1 and 2, beside the boxes.
    for (const int rank : {1, 2}) {
        const double centre = result.nodeRects[rank].center().y();
        int onLine = 0;
        for (int i = 3; i + 1 < points.size(); i += 3) {
            if (points[i].y() == centre) {
                ++onLine;
                EXPECT_FALSE(result.nodeRects[rank].contains(points[i]));
            }
        }
        EXPECT_EQ(onLine, 1) << "rank " << rank;
    }
    for (int i = 3; i + 1 < points.size(); i += 3) {
        // Smooth: at a junction both neighbouring control points lie on the rank axis.
        EXPECT_DOUBLE_EQ(points[i - 1].x(), points[i].x());
        EXPECT_DOUBLE_EQ(points[i + 1].x(), points[i].x());
    }
    // And the curve itself never cuts a box it passes (sampled densely along every piece).
    for (int i = 0; i + 3 < points.size(); i += 3) {
        for (int k = 1; k < 50; ++k) {
            const double t = k / 50.0;
            const double u = 1.0 - t;
            const QPointF q = u * u * u * points[i] + 3 * u * u * t * points[i + 1] + 3 * u * t * t * points[i + 2]
                              + t * t * t * points[i + 3];
            for (const int node : {1, 2})
                EXPECT_FALSE(result.nodeRects[node].adjusted(1, 1, -1, -1).contains(q))
                    << "piece " << i / 3 << " t " << t << " inside node " << node;
        }
    }
}

TEST(GraphLayout, LabelsGetTheirOwnSpace)
{
    const LayoutInput input = randomDag(3, 50, 30, true);
    const LayoutResult result = layoutGraph(input);
    expectValidLayout(input, result);
    QList<QRectF> labels;
    for (int e = 0; e < input.edges.size(); ++e) {
        QRectF label(0, 0, input.edges[e].labelWidth, input.edges[e].labelHeight);
        label.moveCenter(result.edgePaths[e].labelPosition);
        labels.append(label);
        EXPECT_TRUE(result.bounds.contains(label));
    }
    for (int i = 0; i < labels.size(); ++i) {
        for (const QRectF &node : result.nodeRects)
            EXPECT_FALSE(overlaps(labels[i], node)) << "label " << i;
        for (int j = i + 1; j < labels.size(); ++j)
            EXPECT_FALSE(overlaps(labels[i], labels[j])) << "labels " << i << ", " << j;
    }
}

TEST(GraphLayout, OneTensorFeedingManyNodesSharesOneRoute)
{
    // Node 0's tensor feeds every node of the chain 1 -> 2 -> 3 -> 4 -> 5 (a transformer's mask).
    LayoutInput input;
    input.nodes = {{80, 30}, {80, 30}, {80, 30}, {80, 30}, {80, 30}, {80, 30}};
    for (int to = 1; to <= 5; ++to) {
        LayoutInput::Edge edge;
        edge.from = 0;
        edge.to = to;
        edge.group = 0;
        input.edges.append(edge);
    }
    for (int from = 1; from < 5; ++from) {
        LayoutInput::Edge edge;
        edge.from = from;
        edge.to = from + 1;
        edge.group = from;
        input.edges.append(edge);
    }
    const std::vector<int> ranks{0, 1, 2, 3, 4, 5};
    const std::vector<char> forward(size_t(input.edges.size()), 0);
    // One trunk over ranks 1..4 instead of a chain per consumer (1 + 2 + 3 + 4 dummies).
    EXPECT_EQ(Layout::buildLayeredGraph(input, ranks, forward, false).dummyCount(), 4);
    LayoutInput separate = input;
    for (LayoutInput::Edge &edge : separate.edges)
        edge.group = -1;
    EXPECT_EQ(Layout::buildLayeredGraph(separate, ranks, forward, false).dummyCount(), 10);

    const LayoutResult result = layoutGraph(input);
    expectValidLayout(input, result);
    EXPECT_EQ(result.nodeRanks, (QList<int>{0, 1, 2, 3, 4, 5}));
    // 0 -> 3 and 0 -> 5 run together through ranks 1 and 2, then part.
    const auto junctionOn = [&](const QList<QPointF> &points, int rank) {
        for (int i = 3; i + 1 < points.size(); i += 3) {
            if (points[i].y() == result.nodeRects[rank].center().y())
                return points[i];
        }
        return QPointF(-1, -1);
    };
    const QList<QPointF> &toThree = result.edgePaths[2].points;
    const QList<QPointF> &toFive = result.edgePaths[4].points;
    for (const int rank : {1, 2}) {
        EXPECT_NE(junctionOn(toFive, rank), QPointF(-1, -1));
        EXPECT_EQ(junctionOn(toThree, rank), junctionOn(toFive, rank)) << "rank " << rank;
    }
    EXPECT_NE(junctionOn(toFive, 3), QPointF(-1, -1));
    EXPECT_EQ(junctionOn(toThree, 3), QPointF(-1, -1)) << "0 -> 3 ends on rank 3";

    // With labels the tensor's shape shows once, on the shared route.
    LayoutInput labelled = input;
    for (LayoutInput::Edge &edge : labelled.edges) {
        edge.labelWidth = 60;
        edge.labelHeight = 12;
    }
    const LayoutResult withLabels = layoutGraph(labelled);
    expectValidLayout(labelled, withLabels);
    for (int e = 1; e < 5; ++e)
        EXPECT_EQ(withLabels.edgePaths[e].labelPosition, withLabels.edgePaths[0].labelPosition);
    EXPECT_NE(withLabels.edgePaths[5].labelPosition, withLabels.edgePaths[0].labelPosition);
}

TEST(GraphLayout, SharedRoutesKeepLayoutsValidOnRandomGraphs)
{
    for (const unsigned seed : {11u, 12u, 13u}) {
        LayoutInput input = randomDag(seed, 120, 150, true);
        // One tensor per node, as ONNX ops mostly have: edges leaving a node share its label.
        for (LayoutInput::Edge &edge : input.edges) {
            edge.group = edge.from;
            edge.labelWidth = 30.0 + double(edge.from % 7) * 6.0;
        }
        // A cycle 3 -> 100 -> 3: the edge the cycle breaker reverses keeps a route of its own.
        for (const auto &[from, to, group] : {std::tuple{3, 100, 3}, std::tuple{100, 3, 10000}}) {
            LayoutInput::Edge edge;
            edge.from = from;
            edge.to = to;
            edge.group = group;
            edge.labelWidth = 30.0 + double(from % 7) * 6.0;
            edge.labelHeight = 10.0;
            input.edges.append(edge);
        }
        const LayoutResult result = layoutGraph(input);
        expectValidLayout(input, result);
        const LayoutResult again = layoutGraph(input);
        EXPECT_EQ(again.nodeRects, result.nodeRects) << "deterministic, seed " << seed;
        for (int e = 0; e < input.edges.size(); ++e)
            EXPECT_EQ(again.edgePaths[e].points, result.edgePaths[e].points) << "seed " << seed << " edge " << e;
        // Labels never overlap each other or nodes, except the one label a tensor's edges share.
        for (int a = 0; a < input.edges.size(); ++a) {
            QRectF label(0, 0, input.edges[a].labelWidth, input.edges[a].labelHeight);
            label.moveCenter(result.edgePaths[a].labelPosition);
            for (const QRectF &node : result.nodeRects)
                EXPECT_FALSE(overlaps(label, node)) << "seed " << seed << " label " << a;
            for (int b = a + 1; b < input.edges.size(); ++b) {
                if (input.edges[a].group == input.edges[b].group)
                    continue;
                QRectF other(0, 0, input.edges[b].labelWidth, input.edges[b].labelHeight);
                other.moveCenter(result.edgePaths[b].labelPosition);
                EXPECT_FALSE(overlaps(label, other)) << "seed " << seed << " labels " << a << ", " << b;
            }
        }
    }
}

TEST(GraphLayout, LeftToRightIsTheTransposedLayout)
{
    LayoutInput vertical = randomDag(9, 70, 50, true);
    LayoutInput horizontal = vertical;
    horizontal.direction = LayoutInput::Direction::LeftToRight;
    for (LayoutInput::Node &node : vertical.nodes)
        std::swap(node.width, node.height);
    for (LayoutInput::Edge &edge : vertical.edges)
        std::swap(edge.labelWidth, edge.labelHeight);

    const LayoutResult top = layoutGraph(vertical);
    const LayoutResult left = layoutGraph(horizontal);
    expectValidLayout(horizontal, left);
    ASSERT_EQ(top.nodeRects.size(), left.nodeRects.size());
    EXPECT_EQ(top.nodeRanks, left.nodeRanks);
    for (int v = 0; v < top.nodeRects.size(); ++v) {
        const QRectF &t = top.nodeRects[v];
        EXPECT_EQ(left.nodeRects[v], QRectF(t.y(), t.x(), t.height(), t.width()));
    }
    for (const LayoutInput::Edge &edge : horizontal.edges)
        EXPECT_LT(left.nodeRects[edge.from].center().x(), left.nodeRects[edge.to].center().x());
    EXPECT_EQ(left.crossings, top.crossings);
    EXPECT_EQ(left.bounds, QRectF(0, 0, top.bounds.height(), top.bounds.width()));
}

TEST(GraphLayout, ProgressIsMonotonicAndReaches100)
{
    const LayoutInput input = randomDag(4, 500, 400);
    std::vector<int> progress;
    LayoutControl control;
    control.progress = [&](int p) { progress.push_back(p); };
    const LayoutResult result = layoutGraph(input, control);
    EXPECT_FALSE(result.cancelled);
    ASSERT_GE(progress.size(), 5u);
    EXPECT_EQ(progress.front(), 0);
    EXPECT_EQ(progress.back(), 100);
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
    EXPECT_EQ(std::adjacent_find(progress.begin(), progress.end()), progress.end());
}

TEST(GraphLayout, CancelBeforeStartReturnsAtOnce)
{
    std::atomic_bool cancel = true;
    LayoutControl control;
    control.cancel = &cancel;
    std::vector<int> progress;
    control.progress = [&](int p) { progress.push_back(p); };
    const LayoutResult result = layoutGraph(randomDag(2, 2000, 2000), control);
    EXPECT_TRUE(result.cancelled);
    EXPECT_TRUE(result.nodeRects.isEmpty());
    EXPECT_LE(progress.back(), 0);
}

TEST(GraphLayout, CancelDuringCrossingMinimisationStopsBeforeCoordinates)
{
    std::atomic_bool cancel = false;
    LayoutControl control;
    control.cancel = &cancel;
    std::vector<int> progress;
    control.progress = [&](int p) {
        progress.push_back(p);
        if (p > 12) // the first sweep report
            cancel = true;
    };
    LayoutInput input = randomDag(2, 1500, 1500);
    input.maxSweeps = 100;
    // CPU time, not wall time: the test machine may be shared.
    std::clock_t start = std::clock();
    const LayoutResult result = layoutGraph(input, control);
    const std::clock_t cancelledAfter = std::clock() - start;
    EXPECT_TRUE(result.cancelled);
    EXPECT_LT(progress.back(), 75); // no coordinate phase started

    cancel = false;
    control.progress = {};
    start = std::clock();
    const LayoutResult full = layoutGraph(input, control);
    EXPECT_FALSE(full.cancelled);
    EXPECT_LT(cancelledAfter, std::clock() - start);
}

TEST(GraphLayout, CyclesAreBrokenWithoutHanging)
{
    // A 3-cycle, a 2-cycle, a self-loop and a duplicate edge.
    LayoutInput input;
    for (int i = 0; i < 6; ++i)
        input.nodes.append({50.0, 24.0});
    input.edges = {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 3}, {5, 5}, {2, 3}, {2, 3}};
    const LayoutResult result = layoutGraph(input);
    ASSERT_FALSE(result.cancelled);
    int upward = 0;
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutInput::Edge &edge = input.edges[e];
        const QList<QPointF> &points = result.edgePaths[e].points;
        ASSERT_GE(points.size(), 4);
        EXPECT_TRUE(onBorder(result.nodeRects[edge.from], points.front())) << "edge " << e;
        EXPECT_TRUE(onBorder(result.nodeRects[edge.to], points.back())) << "edge " << e;
        if (edge.from == edge.to)
            continue;
        EXPECT_NE(result.nodeRanks[edge.from], result.nodeRanks[edge.to]);
        if (result.nodeRanks[edge.from] > result.nodeRanks[edge.to])
            ++upward;
    }
    EXPECT_EQ(upward, 2); // one per cycle
    for (int a = 0; a < 6; ++a) {
        for (int b = a + 1; b < 6; ++b)
            EXPECT_FALSE(overlaps(result.nodeRects[a], result.nodeRects[b]));
    }

    // A large random graph with many back edges still finishes.
    LayoutInput cyclic = randomDag(8, 600, 400);
    std::mt19937 rng(8);
    for (int k = 0; k < 150; ++k) {
        const int a = int(rng() % 600u);
        const int b = int(rng() % 600u);
        cyclic.edges.append({std::max(a, b), std::min(a, b)});
    }
    const LayoutResult big = layoutGraph(cyclic);
    EXPECT_FALSE(big.cancelled);
    EXPECT_EQ(big.nodeRects.size(), 600);
}

TEST(GraphLayout, InvalidEdgesGetNoPath)
{
    LayoutInput input;
    input.nodes = {{40, 20}, {40, 20}};
    input.edges = {{0, 1}, {0, 7}, {-1, 1}};
    const LayoutResult result = layoutGraph(input);
    ASSERT_EQ(result.edgePaths.size(), 3);
    EXPECT_FALSE(result.edgePaths[0].points.isEmpty());
    EXPECT_TRUE(result.edgePaths[1].points.isEmpty());
    EXPECT_TRUE(result.edgePaths[2].points.isEmpty());
}
