// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/familydetector.h>
#include <core/project/project.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * The preset cut of a recognised family for a device. MaixCAM: the recommended cut (YOLOv8/11
 * scheme 2, DFL + Sigmoid). MaixCAM2: the per-scale heads [1, 64+nc, H/s, W/s] (scheme 1, which
 * Sipeed's MaixCAM2 page recommends: scheme 2 "fails to quantise on MaixCAM2 in practice") when
 * the detector found them by shape; newer Ultralytics exports flatten them, and then the cut
 * falls back to scheme 2, as Sipeed's own converter uses for MaixCAM2, with a note saying so.
 */
struct PresetCut
{
    QStringList outputs;
    QString note; // one sentence when the device's preferred cut was not available; else empty

    static PresetCut forDevice(const FamilyDetection &detection, Device device);
};

} // namespace Mcw::Core
