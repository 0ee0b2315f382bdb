// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "decimallist.h"

#include <core/project/numberformat.h>

#include <QStringList>

namespace Mcw::Core {

Expected<QList<double>> parseDecimalList(const QString &text, const QString &what, DecimalCount count)
{
    const QString quoted = QStringLiteral("%1 \"%2\"").arg(what, text.trimmed());
    if (text.trimmed().isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("%1 is empty; write plain decimals such as 0,0,0.").arg(what));
    const QStringList tokens = text.split(QLatin1Char(','));
    QList<double> values;
    values.reserve(tokens.size());
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString token = tokens.at(i).trimmed();
        if (token.isEmpty()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: value %2 of %3 is empty.").arg(quoted).arg(i + 1).arg(tokens.size()));
        }
        const std::optional<double> value = parseDecimal(token);
        if (!value) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: \"%2\" is not a decimal number; write plain decimals such as "
                                            "0,0,0 or 0.00392156862745098.")
                                 .arg(quoted, token));
        }
        values.append(*value);
    }
    const qsizetype n = values.size();
    if (count == DecimalCount::OneOrThree && n != 1 && n != 3) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: needs 1 or 3 values (one per channel), got %2.").arg(quoted).arg(n));
    }
    if (count == DecimalCount::Pairs && n % 2 != 0) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: needs w,h pairs, got an odd count (%2).").arg(quoted).arg(n));
    }
    return values;
}

} // namespace Mcw::Core
