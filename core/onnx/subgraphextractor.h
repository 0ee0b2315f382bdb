// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/result.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Cuts an ONNX model at chosen tensors, like onnx.utils.extract_model with the model's own
 * inputs: only the ancestors of the new outputs stay, unused initializers and inputs are
 * pruned, value_info and metadata are kept, and the new outputs are typed from the inferred
 * shapes. The result is checked with the ONNX checker (advisory for IR ≥ 9, which the
 * installed checker cannot judge: a copy with a lowered IR version is checked instead).
 */
class SubgraphExtractor
{
public:
    struct Result
    {
        QByteArray bytes; // the serialised model
        int keptNodes = 0;
        int removedNodes = 0;
        int removedInitializers = 0;
        QStringList removedInputs;
        /** Checker findings that do not fail the cut (IR ≥ 9), one sentence each. */
        QStringList warnings;
    };

    /** Pure function of its inputs; safe on a worker thread. */
    static Expected<Result> extract(const Graph &graph, const QStringList &outputs);
    /** extract() then an atomic write to \a path. */
    static Expected<Result> extractToFile(const Graph &graph, const QStringList &outputs, const QString &path);
};

} // namespace Mcw::Core
