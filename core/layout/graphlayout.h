// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <atomic>
#include <functional>

namespace Mcw::Core {

/**
 * Input of the layered layout: a directed graph of boxes whose sizes the caller measured
 * (the view knows its fonts). Independent of ONNX so that the engine can be tested and
 * benchmarked on synthetic graphs.
 */
struct LayoutInput
{
    struct Node
    {
        double width = 0.0;
        double height = 0.0;
    };
    struct Edge
    {
        int from = -1;
        int to = -1;
        /** Size of the edge label (tensor shape); zero when there is none. */
        double labelWidth = 0.0;
        double labelHeight = 0.0;
        /**
         * Edges with the same group and the same upper end (one tensor feeding several nodes)
         * share their route down to the deepest of them: one trunk with branches, one label.
         * Negative: the edge has its own route.
         */
        int group = -1;
    };
    enum class Direction { TopToBottom, LeftToRight };

    QList<Node> nodes;
    QList<Edge> edges;
    Direction direction = Direction::TopToBottom;
    double nodeSeparation = 20.0;
    double rankSeparation = 30.0;
    /** Cap on crossing-minimisation sweeps (each sweep = one down + one up pass). */
    int maxSweeps = 8;
};

/** Output: positions for every node, and a smooth path for every edge, in input order. */
struct LayoutResult
{
    struct EdgePath
    {
        /** Cubic Bezier control points: start, (c1, c2, end)* — clipped to the node borders. */
        QList<QPointF> points;
        QPointF labelPosition;
    };

    QList<QRectF> nodeRects;     // top-left based rectangles
    QList<int> nodeRanks;        // layer index of each node
    QList<EdgePath> edgePaths;   // same order as LayoutInput::edges
    QRectF bounds;
    int crossings = 0;           // edge crossings between adjacent ranks after ordering
    bool cancelled = false;
};

/** Progress callback (0..100); a cancel flag checked between phases and sweeps. */
struct LayoutControl
{
    std::function<void(int)> progress;
    const std::atomic_bool *cancel = nullptr;
};

/**
 * Sugiyama-style layered layout: cycle removal, rank assignment, long edges split by dummy
 * nodes, barycenter/median crossing minimisation with a capped number of sweeps, Brandes–Köpf
 * coordinates, spline edges clipped to node borders. Deterministic for the same input; pure,
 * so it runs on a worker thread.
 */
LayoutResult layoutGraph(const LayoutInput &input, const LayoutControl &control = {});

/** Number of crossings of straight edges between adjacent ranks for a given ordering. */
int countCrossings(const LayoutInput &input, const LayoutResult &result);

} // namespace Mcw::Core
