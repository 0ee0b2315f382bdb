// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Parses the class names Ultralytics stores in ONNX metadata `names`: a Python dict literal
 * such as `{0: 'person', 1: "traffic light"}` (a plain list literal is accepted too). Only
 * integer keys and string literals are accepted; nothing is evaluated. Keys must cover
 * 0..n-1; the result is ordered by key.
 */
Expected<QStringList> parseUltralyticsNames(const QString &text);

} // namespace Mcw::Core
