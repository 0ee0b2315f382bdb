// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/outputtensor.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * What a finished conversion run left for one test image: the input tensor tpu-mlir prepared
 * (`NAME_in_f32.npz`) and the converted model's outputs on it (`PREFIX_tpu_outputs.npz`, kept with
 * --debug; `PREFIX_model_outputs.npz` when that is all there is), renamed to the cut tensors
 * (tpu-mlir appends `_<OpType>` to ONNX names).
 */
struct Int8RunOutputs
{
    /** Per-image pairs of a folder run live here, below the run folder. */
    static constexpr const char *FolderName = "preview";
    /** The folder run's files for one image, relative to the run folder. */
    static QString folderInputFile(const QString &stem);
    static QString folderOutputsFile(const QString &stem);

    QString image; // the image's file stem, for folder runs
    QString inputFile;
    QString outputsFile;
    OutputTensor input;          // name = the model input
    QList<OutputTensor> outputs; // in cut-tensor order

    /**
     * Reads \a runDir for \a project; the error is one sentence naming the folder or file and
     * what is missing (e.g. a run without a test image, or without --debug).
     */
    static Expected<Int8RunOutputs> load(const QString &runDir,
                                         const Project &project,
                                         const QStringList &cutTensors,
                                         const QString &inputName);

    /**
     * The folder run of \a runDir: for each image, `preview/<stem>_in_f32.npz` (the input
     * tensor) and `preview/<stem>_int8_outputs.npz` (the converted model's outputs on it, as
     * model_runner writes them). Empty when the run has no such folder.
     */
    static Expected<QList<Int8RunOutputs>>
    loadFolder(const QString &runDir, const QStringList &cutTensors, const QString &inputName);

private:
    static Expected<Int8RunOutputs> readPair(const QString &inputFile,
                                             const QString &outputsFile,
                                             const QStringList &cutTensors,
                                             const QString &inputName);
};

} // namespace Mcw::Core
