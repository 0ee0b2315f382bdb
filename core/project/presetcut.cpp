// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presetcut.h"

namespace Mcw::Core {

PresetCut PresetCut::forDevice(const FamilyDetection &detection, Device device)
{
    PresetCut cut{detection.recommendedOutputs, {}};
    const bool ultralytics = detection.family == QLatin1String("yolov8") || detection.family == QLatin1String("yolo11");
    if (device != Device::MaixCam2 || !ultralytics)
        return cut;
    if (!detection.alternativeOutputs.isEmpty()) {
        cut.outputs = detection.alternativeOutputs;
        return cut;
    }
    cut.note = QStringLiteral("No per-scale heads [1, 64+classes, H/s, W/s] were found (newer Ultralytics exports "
                              "flatten them); cut at DFL + Sigmoid as Sipeed's converter does for MaixCAM2.");
    return cut;
}

} // namespace Mcw::Core
