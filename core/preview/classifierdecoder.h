// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/decodersettings.h>
#include <core/preview/detection.h>
#include <core/preview/outputtensor.h>
#include <core/result.h>

namespace Mcw::Core {

/**
 * nn.Classifier as MaixCDK decodes it: the first output in name order, flattened, softmax on
 * the CPU, sorted by score; the top k with their labels.
 */
class ClassifierDecoder
{
public:
    static Expected<DecodedOutputs> decode(const QList<OutputTensor> &outputs,
                                           const DecoderSettings &settings);
};

} // namespace Mcw::Core
