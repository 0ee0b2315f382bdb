// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectcheck.h"

#include <core/opsupport/opsupport.h>
#include <core/project/preflight.h>

namespace Mcw::Core {

QList<Diagnostic> checkProject(const Project &project, const Graph &graph)
{
    QList<Diagnostic> diagnostics = Preflight::check(project, graph);
    diagnostics += opSupportDiagnostics(graph, project.cutTensors, project.device);
    return diagnostics;
}

} // namespace Mcw::Core
