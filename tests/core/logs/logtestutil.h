// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/logparser.h>

#include <QFile>
#include <QString>

#include <optional>

namespace Mcw::Tests {

inline QByteArray readLog(const QString &name)
{
    QFile f(QStringLiteral(MCW_TEST_DATA_DIR "/logs/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/** "# exit status: N" written by make-fake-transcripts.sh, if present. */
inline std::optional<int> exitStatusOf(const QByteArray &log)
{
    const qsizetype at = log.lastIndexOf("# exit status: ");
    if (at < 0)
        return std::nullopt;
    return log.mid(at + 15).trimmed().toInt();
}

} // namespace Mcw::Tests
