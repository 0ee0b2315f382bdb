// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "opsupport.h"

#include <core/onnx/familydetector.h>
#include <core/opsupport/opsupportdiagnostics.h>
#include <core/opsupport/opsupportjson.h>

namespace Mcw::Core {

// Kept apart from the family-explicit functions: only callers of these need detectFamily.
QList<Diagnostic> opSupportDiagnostics(const Graph &graph, const QStringList &cut)
{
    return opSupportDiagnostics(graph, cut, detectFamily(graph));
}

QJsonObject opSupportJson(const Graph &graph)
{
    return opSupportJson(graph, detectFamily(graph));
}

} // namespace Mcw::Core
