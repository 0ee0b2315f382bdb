// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "linesplitter.h"

namespace Mcw::Core {

QList<LineSplitter::Line> LineSplitter::feed(QByteArrayView chunk)
{
    QList<Line> lines;
    qsizetype i = 0;
    const qsizetype n = chunk.size();
    if (m_pendingCr && n > 0) {
        m_pendingCr = false;
        const bool crlf = chunk[0] == '\n';
        lines.append(Line{QString::fromUtf8(m_tail), !crlf});
        m_tail.clear();
        if (crlf)
            i = 1;
    }
    qsizetype start = i;
    const char *data = chunk.data();
    for (; i < n; ++i) {
        const char c = data[i];
        if (c != '\n' && c != '\r')
            continue;
        if (c == '\r' && i + 1 == n) {
            // Decide with the next chunk whether this is CRLF or a progress redraw.
            m_tail.append(data + start, i - start);
            m_pendingCr = true;
            return lines;
        }
        const bool crlf = c == '\r' && data[i + 1] == '\n';
        if (m_tail.isEmpty()) {
            lines.append(Line{QString::fromUtf8(data + start, i - start), c == '\r' && !crlf});
        } else {
            m_tail.append(data + start, i - start);
            lines.append(Line{QString::fromUtf8(m_tail), c == '\r' && !crlf});
            m_tail.clear();
        }
        if (crlf)
            ++i;
        start = i + 1;
    }
    if (start < n)
        m_tail.append(data + start, n - start);
    return lines;
}

QList<LineSplitter::Line> LineSplitter::flush()
{
    QList<Line> lines;
    if (m_pendingCr || !m_tail.isEmpty())
        lines.append(Line{QString::fromUtf8(m_tail), m_pendingCr});
    m_tail.clear();
    m_pendingCr = false;
    return lines;
}

} // namespace Mcw::Core
