// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/** How many values a decimal list may have. */
enum class DecimalCount {
    OneOrThree, // mean, scale, std: one for every channel or one for all
    Pairs,      // anchors: w,h pairs
    Any,
};

/**
 * The one parser of comma-separated decimal lists ("0, 0, 0", "0.00392156862745098") used by
 * the preprocessing form, `maixcam-convert init` and the bundle importer. Every token must be a
 * plain decimal (parseDecimal()); an empty or bad token is an error, never dropped. The error
 * is one sentence that names \a what and the offending token, e.g.
 * `mean "0,abc,0": "abc" is not a decimal number; write plain decimals such as 0,0,0 or
 * 0.00392156862745098.` Callers prefix the file or option they read it from.
 */
Expected<QList<double>> parseDecimalList(const QString &text, const QString &what,
                                         DecimalCount count = DecimalCount::OneOrThree);

} // namespace Mcw::Core
