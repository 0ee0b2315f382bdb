// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Throwaway weak stand-in so the GUI links before the onnx helper's family detector is merged;
// the real (strong) definition wins as soon as it is in mcw_core. Delete it then.
#include <core/onnx/familydetector.h>

namespace Mcw::Core {

__attribute__((weak)) FamilyDetection detectFamily(const Graph &graph)
{
    Q_UNUSED(graph)
    FamilyDetection detection;
    detection.reason = QStringLiteral("Family detection is not available in this build.");
    return detection;
}

} // namespace Mcw::Core
