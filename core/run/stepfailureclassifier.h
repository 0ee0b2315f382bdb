// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/run/jobrecord.h>

#include <optional>

namespace Mcw::Core {

/**
 * Explains a failed step from its saved log (stdout and stderr as the tool wrote them) with
 * the tpu-mlir log parser: one Diagnostic naming the stage, the failure and a fix, linked to
 * the ONNX node when the log names a tensor. Fits ConversionJob::FailureClassifier.
 */
std::optional<Diagnostic> classifyStepFailure(const StepRecord &step, const QString &logPath);

} // namespace Mcw::Core
