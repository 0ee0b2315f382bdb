// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "numberformat.h"

#include <QRegularExpression>
#include <QStringList>

#include <charconv>
#include <cmath>

namespace Mcw::Core {

QString formatDecimal(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("0");
    if (value == 0.0)
        return QStringLiteral("0"); // also turns -0 into 0
    // Fixed notation without a precision gives the shortest digits that round-trip.
    char buffer[400];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (result.ec != std::errc())
        return QString::number(value, 'g', 17);
    return QString::fromLatin1(buffer, int(result.ptr - buffer));
}

QString formatDecimalList(const QList<double> &values, const QString &separator)
{
    QStringList parts;
    parts.reserve(values.size());
    for (double v : values)
        parts.append(formatDecimal(v));
    return parts.join(separator);
}

std::optional<double> parseDecimal(const QString &text)
{
    static const QRegularExpression number(
        QStringLiteral("^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?$"));
    const QString trimmed = text.trimmed();
    if (!number.match(trimmed).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    // "-0" reads as 0, the value formatDecimal() writes for it: Qt 6.4 compares QList<double>
    // byte by byte, so a loaded -0 would differ from the same project saved and loaded again.
    return value == 0.0 ? 0.0 : value;
}

} // namespace Mcw::Core
