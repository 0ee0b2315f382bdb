// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/decodersettings.h>
#include <core/preview/detection.h>
#include <core/preview/outputtensor.h>
#include <core/result.h>

namespace Mcw::Core {

/**
 * nn.YOLOv5 as MaixCDK decodes it: the raw head convs walked in name-sorted order (output i gets
 * anchor group i), NCHW `[1, na·(5+nc), h, w]`, sigmoids on the CPU, the v6/v7 box formula,
 * objectness × class score against the threshold, per-class NMS. Boxes in model-input pixels.
 */
class YoloV5Decoder
{
public:
    static Expected<DecodedOutputs> decode(const QList<OutputTensor> &outputs,
                                           const DecoderSettings &settings);
};

} // namespace Mcw::Core
