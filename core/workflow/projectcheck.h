// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/onnx/graph.h>
#include <core/project/project.h>

#include <QList>

namespace Mcw::Core {

/**
 * The one check of a project before it converts, as `maixcam-convert check` and the GUI's
 * Problems list both show it: the pre-flight checks, then operator support over the part of
 * the graph that will be converted, against the table of the project's device (with the
 * device's preset cut as the way out).
 * Pure computation: safe on a worker thread.
 */
QList<Diagnostic> checkProject(const Project &project, const Graph &graph);

} // namespace Mcw::Core
