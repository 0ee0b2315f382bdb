// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labellist.h"

#include <core/atomicfile.h>
#include <core/mud/mudreader.h>

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

Expected<QStringList> readFile(const QString &path)
{
    QStringList labels;
    if (path.endsWith(QLatin1String(".mud"), Qt::CaseInsensitive)) {
        const auto mud = MudReader::readFile(path);
        if (!mud)
            return Unexpected(mud.error());
        labels = mud->labels;
    } else {
        const auto bytes = readWholeFile(path, 16 << 20);
        if (!bytes)
            return Unexpected(bytes.error());
        labels = fromLines(*bytes);
    }
    if (labels.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("%1 holds no labels.").arg(path));
    return labels;
}

} // namespace Mcw::Core::LabelList
