// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Splits a byte stream (one of stdout/stderr) into lines on `\n`, `\r\n` and a lone `\r`.
 * A line ended by a lone `\r` is a progress redraw (tqdm): the next line overwrites it.
 * The unfinished tail is kept until more data or flush(); UTF-8 is decoded per complete line,
 * so multi-byte characters split across chunks survive.
 */
class LineSplitter
{
public:
    struct Line
    {
        QString text;
        /** Ended by a lone `\r`: a terminal would overwrite this line with the next one. */
        bool overwrite = false;

        bool operator==(const Line &other) const = default;
    };

    QList<Line> feed(QByteArrayView chunk);
    /** Returns the unfinished tail (if any) as a last line and resets. */
    QList<Line> flush();
    /** Bytes held back waiting for a line end. */
    qsizetype pendingBytes() const { return m_tail.size() + (m_pendingCr ? 1 : 0); }

private:
    QByteArray m_tail;
    /** A chunk ended in `\r`: whether it is `\r\n` is only known with the next chunk. */
    bool m_pendingCr = false;
};

} // namespace Mcw::Core
