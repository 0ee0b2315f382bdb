// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupport.h"

#include <core/onnx/familydetector.h>
#include <core/opsupport/opsupportdiagnostics.h>
#include <core/opsupport/opsupportjson.h>
#include <core/project/presetcut.h>

namespace Mcw::Core {

// Kept apart from the family-explicit functions: only callers of these need detectFamily.
static FamilyDetection familyForDevice(const Graph &graph, Device device)
{
    FamilyDetection family = detectFamily(graph);
    // The cut the device's preset would use is the one to analyse and to suggest.
    family.recommendedOutputs = PresetCut::forDevice(family, device).outputs;
    return family;
}

QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const QStringList &cut, Device device)
{
    return opSupportDiagnostics(graph, cut, familyForDevice(graph, device),
                                OpSupportTable::builtin(device));
}

QJsonObject opSupportJson(const Graph &graph, Device device)
{
    return opSupportJson(graph, familyForDevice(graph, device), OpSupportTable::builtin(device));
}

} // namespace Mcw::Core
