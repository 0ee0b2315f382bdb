// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "processstat.h"

#include <QFile>
#include <QString>

namespace Mcw::Core {

QList<QByteArray> liveProcessStat(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    // The command may hold spaces and parentheses; it ends at the last ')'.
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0 || text.size() <= close + 2)
        return {};
    QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.at(0) == "Z" || fields.at(0) == "X")
        return {};
    return fields;
}

} // namespace Mcw::Core
