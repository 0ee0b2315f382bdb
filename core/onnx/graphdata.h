// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to mcw_core: the storage behind Graph. Includes the ONNX protobuf headers, so it must
// never be included from a public header.

#include "graph.h"

#include <onnx/onnx_pb.h>

namespace Mcw::Core {

struct Graph::Data
{
    QString filePath;
    qint64 fileSize = 0;
    std::shared_ptr<const onnx::ModelProto> model; // owns initializer data for lazy decoding
    QString baseDir;                                // for external data

    QList<OpsetImport> opsets;
    QList<MetadataEntry> modelMetadata;
    QList<MetadataEntry> graphMetadata;

    QList<Node> nodes;
    QList<Tensor> tensors;
    QHash<QString, int> tensorByName;
    QHash<QString, int> nodeById;
    QStringList inputs;
    QStringList outputs;
    QStringList initializers;
    QList<int> topoOrder;
    QHash<QString, const onnx::TensorProto *> dataByName; // initializers and Constant values
};

/** Decodes a TensorProto (raw_data, typed fields or external data under baseDir). */
Expected<TensorData> decodeTensorProto(const onnx::TensorProto &proto, const QString &baseDir);

} // namespace Mcw::Core
