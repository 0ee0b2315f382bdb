// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Mcw::Core {

/**
 * The shortest plain decimal that reads back as exactly \a value (like Python's repr, but never
 * in exponent form and without a trailing ".0"): 1/255 → "0.00392156862745098", 0 → "0".
 * The device parses numbers with std::stof, which accepts this form everywhere.
 */
QString formatDecimal(double value);

/** formatDecimal() of each value, joined with \a separator. */
QString formatDecimalList(const QList<double> &values, const QString &separator);

/** A complete decimal number (no suffix, no fraction like 1/255, no hex, finite), or nullopt. */
std::optional<double> parseDecimal(const QString &text);

} // namespace Mcw::Core
