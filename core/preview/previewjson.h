// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/detection.h>
#include <core/preview/previewengine.h>

#include <QJsonArray>
#include <QJsonObject>

namespace Mcw::Core {

/** The stable JSON form of previews (`maixcam-convert preview --json`, docs/cli.md). */
class PreviewJson
{
public:
    static constexpr int SchemaVersion = 1;

    static QJsonObject detection(const Detection &d);
    static QJsonObject classification(const Classification &c);
    /** detections + classes + decoder (+ decode_error). */
    static QJsonObject decoded(const DecodedOutputs &decoded, const QString &decodeError);
    static QJsonObject result(const PreviewResult &result);
    /** input/outputs files, both decodes, the pairs and the summary line. */
    static QJsonObject int8(const Int8SideBySide &sideBySide);
    /** rows (image, counts, mean_iou, top1_agrees for classifiers) and the summary line. */
    static QJsonObject folder(const FolderComparison &folder);
};

} // namespace Mcw::Core
