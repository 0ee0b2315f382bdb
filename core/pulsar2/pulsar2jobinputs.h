// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>
#include <core/run/conversionpipeline.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Prepares a MaixCAM2 job folder: the cut model (Pulsar2 has no --output_names), the flat
 * calibration tar and one config JSON per build, then returns the `pulsar2 build` steps. The
 * steps depend on nothing but these files, so either build can be retried alone. Reads the
 * ONNX and the images: call it off the UI thread.
 */
class Pulsar2JobInputs
{
public:
    /** \a project has its workspace set to \a jobDirectory; \a program is the pulsar2 to run. */
    static Expected<QList<PipelineStepSpec>> prepare(const Project &project, const QString &jobDirectory,
                                                     const QString &program = QStringLiteral("pulsar2"));
};

} // namespace Mcw::Core
