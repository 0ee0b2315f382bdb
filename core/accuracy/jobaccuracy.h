// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>
#include <core/project/project.h>
#include <core/result.h>
#include <core/run/jobrecord.h>

#include <QSet>
#include <QString>

namespace Mcw::Core {

/**
 * The per-layer accuracy of a finished run, computed from the .npz files the tools left in its
 * folder (the INT8 deploy keeps them with `--compare_all --debug`): transform (top MLIR vs ONNX,
 * when the reference was kept), tpu (tpu MLIR vs top MLIR, judged by the project's deploy
 * tolerance) and final (cvimodel vs tpu MLIR, tpu-mlir's fixed 0.99,0.90 — 0.99,0.85 with a
 * quantize table). Blocking; run it off the UI thread.
 */
Expected<AccuracyRun> accuracyRunFromJob(const JobRecord &job, const Project &project, bool bf16,
                                         const QSet<QString> &onnxTensorNames = {});

/**
 * The calibration table \a job's INT8 deploy read (its `--calibration_table`, relative to the
 * job folder when not absolute): the calibration step's own or one adopted from a search.
 * Empty when the run has no INT8 deploy.
 */
QString calibrationTableOfJob(const JobRecord &job);

/** "yolov8n_cv181x_int8_sym" / "yolov8n_cv181x_bf16": the prefix of model_deploy's files. */
QString deployFilePrefix(const Project &project, bool bf16);

} // namespace Mcw::Core
