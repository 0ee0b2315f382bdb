// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/familydetector.h>
#include <core/onnx/graph.h>

#include <QJsonObject>
#include <QString>

namespace Mcw::Core {

/**
 * What `maixcam-convert inspect` reports about a model, as the stable JSON object documented in
 * docs/cli.md (schema_version 1). The GUI summary panel shows the same object.
 */
class ModelSummary
{
public:
    static constexpr int schemaVersion = 1;

    /** Runs detectFamily() itself. */
    static QJsonObject toJson(const Graph &graph);
    static QJsonObject toJson(const Graph &graph, const FamilyDetection &family);
    /** Human-readable lines of a summary object (the CLI's default output). */
    static QString toText(const QJsonObject &summary);
    /** "float32[1,3,640,640]": dtype and shape of one `inputs`/`outputs` entry. */
    static QString tensorText(const QJsonObject &tensor);
};

} // namespace Mcw::Core
