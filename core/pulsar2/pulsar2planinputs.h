// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/project/project.h>
#include <core/pulsar2/pulsar2plan.h>
#include <core/result.h>

namespace Mcw::Core {

/**
 * What a Pulsar2 plan needs from outside the project file: the model's input name, the shapes
 * of the cut tensors (the dst_perm rules go by shape) and the calibration images. Reads the
 * ONNX and the image folder: call it off the UI thread.
 */
class Pulsar2PlanInputs
{
public:
    /** The project's ONNX loaded with its input shape pinned (so cut tensors have shapes). */
    static Expected<Graph> loadModel(const Project &project);
    /** Options from \a graph (loaded by loadModel) and the calibration folder. */
    static Pulsar2Plan::Options fromGraph(const Project &project, const Graph &graph);
};

} // namespace Mcw::Core
