// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/decodersettings.h>
#include <core/preview/detection.h>
#include <core/preview/devicefit.h>
#include <core/preview/outputtensor.h>
#include <core/project/project.h>
#include <core/result.h>

namespace Mcw::Core {

/**
 * Picks the MaixPy decoder for a model_type and maps its boxes back onto the source image the
 * way the device's _correct_bbox does. Pure; safe on a worker thread.
 */
class OutputDecoder
{
public:
    /** The decoder settings a project implies (thresholds left at MaixPy's defaults). */
    static DecoderSettings settingsFor(const Project &project);
    /** Whether a model_type has a decoder here. */
    static bool supports(const QString &modelType);

    static Expected<DecodedOutputs> decode(const QList<OutputTensor> &outputs,
                                           const DecoderSettings &settings,
                                           const FitGeometry &geometry);
};

} // namespace Mcw::Core
