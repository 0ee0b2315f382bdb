// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/decodersettings.h>
#include <core/preview/detection.h>
#include <core/preview/outputtensor.h>
#include <core/result.h>

namespace Mcw::Core {

/**
 * nn.YOLO26 as MaixCDK decodes it on MaixCAM: per stride a 4-channel box map (distances in
 * stride units) and a class-logit map, grouped by grid size and told apart by name tokens or
 * the 4 channels; NCHW guessed from the dims; NMS-free, a logit floor of −0.2 before the
 * confidence threshold. Boxes in model-input pixels.
 */
class Yolo26Decoder
{
public:
    static Expected<DecodedOutputs> decode(const QList<OutputTensor> &outputs,
                                           const DecoderSettings &settings);
};

} // namespace Mcw::Core
