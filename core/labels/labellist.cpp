// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labellist.h"


namespace Mcw::Core::LabelList {

QStringList fromLines(const QByteArray &text)
{
    QStringList labels;
    for (const QByteArray &line : text.split('\n')) {
        const QString label = QString::fromUtf8(line).trimmed();
        if (!label.isEmpty())
            labels.append(label);
    }
    return labels;
}

QStringList fromPastedText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.contains(QLatin1Char('\n')))
        return fromLines(trimmed.toUtf8());
    QStringList labels;
    for (const QString &part : trimmed.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            labels.append(part.trimmed());
    }
    return labels;
}

} // namespace Mcw::Core::LabelList
