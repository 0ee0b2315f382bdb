// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/preview/cutmodelrunner.h>
#include <core/preview/decodersettings.h>
#include <core/preview/detection.h>
#include <core/preview/detectioncomparison.h>
#include <core/preview/inputtensor.h>
#include <core/preview/int8runoutputs.h>
#include <core/preview/outputtensor.h>
#include <core/preview/renderedimage.h>
#include <core/preview/sourceimage.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QHash>
#include <QMutex>
#include <QString>

namespace Mcw::Core {

/** Everything one FP32 preview produced, with the time each step took. */
struct PreviewResult
{
    SourceImage image;
    InputTensor input;
    QString inputName;
    QList<OutputTensor> outputs;
    DecodedOutputs decoded;
    /** Why decoding failed (the outputs are still there); empty on success. */
    QString decodeError;
    QStringList rewrites;
    RenderedImage drawn;
    double prepareMs = 0;
    double forwardMs = 0;
    double decodeMs = 0;
    double drawMs = 0;
    double loadMs = 0; // model load, 0 when the cached network was reused
};

/**
 * FP32 beside INT8 for the test image of a finished run: the cut model runs in OpenCV on the very
 * tensor tpu-mlir prepared (`NAME_in_f32.npz`), both outputs are decoded the same way and drawn
 * on the image reconstructed from that tensor, and the differences are named.
 */
struct Int8SideBySide
{
    QString inputFile;
    QString outputsFile;
    SourceImage image; // the model input as pixels ((value / scale) + mean)
    QList<OutputTensor> fp32Outputs;
    QList<OutputTensor> int8Outputs;
    DecodedOutputs fp32;
    DecodedOutputs int8;
    QString fp32Error;
    QString int8Error;
    DetectionComparison comparison;
    RenderedImage drawn; // FP32 | INT8
};

/**
 * The FP32 preview of a project: image → device preprocessing → cut model in OpenCV → MaixPy
 * decode → drawing. The loaded network and the last image are cached, so edits of mean, scale,
 * pixel format, labels or thresholds only redo the cheap steps. Thread-safe (one run at a time);
 * meant for a worker thread.
 */
class PreviewEngine
{
public:
    Expected<PreviewResult>
    run(const Project &project, const QString &imagePath, const DecoderSettings &settings);

    /** FP32 and INT8 side by side for the run folder \a runDir (see Int8SideBySide). */
    Expected<Int8SideBySide>
    runInt8(const Project &project, const QString &runDir, const DecoderSettings &settings);

    /**
     * The folder run of \a runDir (Int8RunOutputs::loadFolder): one row per image comparing FP32
     * and INT8 on that image's tensor. No rows when the run has no folder results.
     */
    Expected<FolderComparison>
    runInt8Folder(const Project &project, const QString &runDir, const DecoderSettings &settings);

    /** The network for \a project (loaded or cached); for callers that only need the runner. */
    Expected<CutModelRunner> runnerFor(const Project &project);

private:
    Expected<Int8SideBySide> compareRun(const CutModelRunner &runner,
                                        const Int8RunOutputs &run,
                                        const Project &project,
                                        const DecoderSettings &settings);
    Expected<CutModelRunner> runnerLocked(const Project &project, double *loadMs);

    QMutex m_mutex;
    CutModelRunner m_runner;
    QString m_runnerKey;
    SourceImage m_image;
    /** FP32 outputs of the current network on run tensors (file and time → outputs). */
    QHash<QString, QList<OutputTensor>> m_fp32ByInput;
    /** The folder run last read (run folder, network and folder time → its per-image tensors). */
    QString m_folderKey;
    QList<Int8RunOutputs> m_folderPairs;
};

} // namespace Mcw::Core
