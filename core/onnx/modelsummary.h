// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/familydetector.h>
#include <core/onnx/graph.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace Mcw::Core {

/**
 * What `maixcam-convert inspect` reports about a model, as typed fields: the GUI summary panel
 * reads these, the CLI writes them as the stable JSON object documented in docs/cli.md
 * (schema_version 1) or as text.
 */
struct ModelSummary
{
    static constexpr int schemaVersion = 1;

    struct TensorInfo
    {
        QString name;
        QString dtype; // "float32"; "undefined" when the model does not say
        Shape shape;   // shape.known false: even the rank is unknown

        /** "float32 [1,3,640,640]", "?" for unknown dims and an unknown rank (tensorTypeText()). */
        QString text() const;
    };

    /** Runs detectFamily() itself. */
    static ModelSummary of(const Graph &graph);
    static ModelSummary of(const Graph &graph, const FamilyDetection &family);

    QJsonObject toJson() const;
    /** Human-readable lines (the CLI's default output). */
    QString toText() const;

    QString file;
    qint64 fileSize = 0;
    qint64 irVersion = 0;
    QList<OpsetImport> opsets; // domain "" reads as ai.onnx
    QString producerName;
    QString producerVersion;
    QString graphName;
    QList<TensorInfo> inputs;
    QList<TensorInfo> outputs;
    int nodeCount = 0;
    /** Operator types with their counts, most frequent first, then by name. */
    QList<std::pair<QString, int>> opCounts;
    int initializerCount = 0;
    qint64 parameterCount = 0;
    QList<MetadataEntry> metadata;
    FamilyDetection family;
    /** family.recommendedOutputs and family.alternativeOutputs with their types and shapes. */
    QList<TensorInfo> recommendedCut;
    QList<TensorInfo> alternativeCut;
};

} // namespace Mcw::Core
