// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/decodersettings.h>
#include <core/preview/detection.h>
#include <core/preview/outputtensor.h>
#include <core/result.h>

namespace Mcw::Core {

/**
 * nn.YOLOv8 / nn.YOLO11 as MaixCDK decodes them (maixpy-mud.md §2.3): "mode 1" when the output
 * count is 3 (detector), 4 (pose, obb) or 5 (seg) — per-stride raw maps with DFL on the CPU,
 * NCHW or NHWC — else "mode 2" (DFL conv + Sigmoid). Outputs are told apart by shape in the
 * model's output order, with the device's name tests for the ambiguous cases; then confidence
 * filter, per-class NMS and keypoints / masks / angles. Boxes stay in model-input pixels.
 */
class Yolo11Decoder
{
public:
    static Expected<DecodedOutputs> decode(const QList<OutputTensor> &outputs,
                                           const DecoderSettings &settings);
};

} // namespace Mcw::Core
