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

int keepInHigherPrecision(Project &project, const QStringList &opNames)
{
    if (project.device != Device::MaixCam2)
        return keepInBf16(project.quantization, opNames);
    int added = 0;
    for (const QString &op : opNames) {
        if (!project.pulsar2.u16Layers.contains(op)) {
            project.pulsar2.u16Layers.append(op);
            ++added;
        }
    }
    return added;
}

int backToDefaultPrecision(Project &project, const QStringList &opNames)
{
    if (project.device != Device::MaixCam2)
        return backToInt8(project.quantization, opNames);
    return int(project.pulsar2.u16Layers.removeIf([&opNames](const QString &layer) { return opNames.contains(layer); }));
}

} // namespace Mcw::Core::QuantizeTableEdit
