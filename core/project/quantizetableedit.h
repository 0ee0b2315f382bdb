// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>

#include <QStringList>

namespace Mcw::Core {

/**
 * "Keep in BF16" and "Back to INT8": edits of the project's quantize table (the layers that
 * stay in higher precision). Each returns how many entries it added or removed, so a caller
 * can tell an edit from a no-op (nothing to undo, nothing to re-run).
 */
namespace QuantizeTableEdit {

/** Adds \a opNames as BF16 entries, keeping the order and skipping ops already listed. */
int keepInBf16(Quantization &quantization, const QStringList &opNames);
/** Removes the entries of \a opNames. */
int backToInt8(Quantization &quantization, const QStringList &opNames);

/**
 * The device's "keep in higher precision": BF16 quantize-table entries for MaixCAM, U16 layer
 * configs (Pulsar2 operator names) for MaixCAM2.
 */
int keepInHigherPrecision(Project &project, const QStringList &opNames);
/** Undoes keepInHigherPrecision for \a opNames. */
int backToDefaultPrecision(Project &project, const QStringList &opNames);

} // namespace QuantizeTableEdit
} // namespace Mcw::Core
