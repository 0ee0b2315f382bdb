// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/onnx/graph.h>
#include <core/project/project.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Checks a project against its model before anything slow runs (maixpy-mud.md §2, §6–8;
 * tpu-mlir.md §8): cut tensors, the output shapes the chosen MaixPy class expects, label
 * count, preprocessing, quantisation settings and the calibration folder; for MaixCAM2 also
 * the MaixCDK decoders' output and input-size rules (MaixCam2DecoderCheck).
 *
 * \a graph should be loaded with the project's input shape pinned (OnnxLoader::Options),
 * so the cut tensors have inferred shapes. Pure function; it reads the file system for the
 * calibration folder and the test image, so run it off the UI thread for big folders.
 */
class Preflight
{
public:
    static QList<Diagnostic> check(const Project &project, const Graph &graph);

    /**
     * Images in \a dir and its subfolders (jpg, jpeg, png, bmp, any case). Stops counting at
     * \a stopAfter when it is positive.
     */
    static int countCalibrationImages(const QString &dir, int stopAfter = -1);

    /** Why a label cannot be written to a MUD at all ("" when it can). */
    static QString labelProblem(const QString &label);
};

} // namespace Mcw::Core
