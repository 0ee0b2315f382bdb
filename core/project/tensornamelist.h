// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * The one parser of comma-separated tensor-name lists (cut tensors typed in the graph view,
 * `--outputs` of `maixcam-convert init` and `cut`): names are trimmed, empty entries (a stray
 * or trailing comma) are skipped and a repeated name is kept once, in first-seen order.
 * Tensor names never contain commas in the models tpu-mlir accepts.
 */
QStringList parseTensorNameList(const QString &text);

} // namespace Mcw::Core
