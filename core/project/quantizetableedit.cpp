// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "quantizetableedit.h"

#include <algorithm>

namespace Mcw::Core::QuantizeTableEdit {

int keepInBf16(Quantization &quantization, const QStringList &opNames)
{
    int added = 0;
    for (const QString &op : opNames) {
        const bool listed = std::any_of(quantization.quantizeTable.cbegin(), quantization.quantizeTable.cend(),
                                        [&op](const auto &entry) { return entry.first == op; });
        if (!listed) {
            quantization.quantizeTable.append({op, QStringLiteral("BF16")});
            ++added;
        }
    }
    return added;
}

int backToInt8(Quantization &quantization, const QStringList &opNames)
{
    return int(quantization.quantizeTable.removeIf([&opNames](const auto &entry) { return opNames.contains(entry.first); }));
}

} // namespace Mcw::Core::QuantizeTableEdit
