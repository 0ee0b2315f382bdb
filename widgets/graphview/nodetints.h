// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>
#include <core/layout/viewgraph.h>
#include <core/onnx/graph.h>
#include <core/opsupport/opsupportreport.h>

#include <QColor>
#include <QHash>
#include <QList>
#include <QString>

namespace Mcw::Widgets {

/** What a node tint means: discrete rows and/or a continuous colour scale. */
struct NodeTintLegend
{
    struct Entry
    {
        QColor color;
        QString label;
        QString description;
    };

    QString title;
    QList<Entry> entries;
    /** Continuous scale from scaleLow (at scaleMin) to scaleHigh (at scaleMax); off when !hasScale. */
    bool hasScale = false;
    QColor scaleLow;
    QColor scaleHigh;
    double scaleMin = 0.0;
    double scaleMax = 1.0;
    QString scaleLabel;

    bool isEmpty() const { return entries.isEmpty() && !hasScale; }
};

/** Colour per display node plus the legend that explains them. */
struct NodeTints
{
    QHash<int, QColor> colors; // display node -> tint
    NodeTintLegend legend;
};

/** The display colour of a support class (the legend's suggested colour). */
QColor opSupportColor(Core::OpSupportClass supportClass);

/** Tints every op node of \a view by its verdict in \a report. */
NodeTints opSupportTints(const Core::ViewGraph &view, const Core::OpSupportReport &report);

/** The stage the heat map shows: TPU (quantisation) when present, else the first one. */
Core::AccuracyStage heatMapStage(const Core::AccuracyRun &run);

/**
 * Red at \a floor (and below) through amber to yellow-green just under \a tolerance; a fixed
 * green at or above it so a failing layer never looks like a passing one.
 */
QColor cosineColor(double cosine, double floor, double tolerance);

/** Display node that produces the ONNX tensor \a tensor, -1 if none. */
int displayNodeOfTensor(const Core::Graph &graph, const Core::ViewGraph &view, const QString &tensor);

/** Tints the producer of every compared tensor of heatMapStage(\a run) by its cosine. */
NodeTints cosineTints(const Core::Graph &graph, const Core::ViewGraph &view, const Core::AccuracyRun &run);

} // namespace Mcw::Widgets
