// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tarreader.h"

#include <QIODevice>

#include <algorithm>
#include <array>
#include <cstring>

namespace Mcw::Core {

static constexpr qint64 Block = 512;
static constexpr qint64 MaxMetaSize = 1 << 20; // pax records and GNU long names

TarReader::TarReader(QIODevice *in, QString sourceName, Limits limits)
    : m_in(in)
    , m_source(sourceName.isEmpty() ? QStringLiteral("the archive") : std::move(sourceName))
    , m_limits(limits)
{}

TarReader::TarReader(QIODevice *in, QString sourceName)
    : TarReader(in, std::move(sourceName), ArchiveLimits::containerCopy())
{}

Error TarReader::truncated() const
{
    return Error::make(Error::Code::InvalidInput, QStringLiteral("%1 ends in the middle of an entry (truncated).").arg(m_source));
}

static bool readFully(QIODevice *in, char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const qint64 n = in->read(data + done, size - done);
        if (n < 0)
            return false;
        if (n == 0 && !in->waitForReadyRead(30000))
            return false;
        done += n;
    }
    return true;
}

Expected<void> TarReader::skip(qint64 bytes)
{
    std::array<char, 64 * 1024> buffer;
    while (bytes > 0) {
        const qint64 n = qMin<qint64>(bytes, buffer.size());
        if (!readFully(m_in, buffer.data(), n))
            return Unexpected(truncated());
        bytes -= n;
    }
    return {};
}

Expected<QByteArray> TarReader::readSmall(qint64 size)
{
    if (size > MaxMetaSize)
        return makeError(Error::Code::InvalidInput, QStringLiteral("%1 holds a %2-byte header record; at most %3 bytes are accepted.").arg(m_source).arg(size).arg(MaxMetaSize));
    QByteArray data(size, Qt::Uninitialized);
    if (!readFully(m_in, data.data(), size))
        return Unexpected(truncated());
    if (auto ok = skip((Block - size % Block) % Block); !ok)
        return Unexpected(ok.error());
    return data;
}

static std::optional<qint64> octal(const char *field, int width)
{
    qint64 value = 0;
    bool any = false;
    for (int i = 0; i < width && field[i] && field[i] != ' '; ++i) {
        if (field[i] < '0' || field[i] > '7')
            return std::nullopt;
        value = value * 8 + (field[i] - '0');
        any = true;
        if (value > (qint64(1) << 40))
            return std::nullopt;
    }
    return any ? value : 0;
}

static QString cString(const char *field, int width)
{
    return QString::fromUtf8(field, int(qstrnlen(field, uint(width))));
}

Expected<std::optional<TarReader::Entry>> TarReader::next()
{
    if (auto ok = skip(m_left + m_padding); !ok)
        return Unexpected(ok.error());
    m_left = m_padding = 0;
    QString longName;
    std::optional<qint64> paxSize;
    for (;;) {
        std::array<char, Block> h;
        const qint64 n = m_in->read(h.data(), Block);
        if (n == 0 && !m_in->waitForReadyRead(30000))
            return std::optional<Entry>{}; // end without the zero blocks: tolerated
        if (n != Block && !(n > 0 && readFully(m_in, h.data() + n, Block - n)))
            return Unexpected(truncated());
        if (std::all_of(h.cbegin(), h.cend(), [](char c) { return c == 0; }))
            return std::optional<Entry>{};
        unsigned sum = 0;
        for (int i = 0; i < Block; ++i)
            sum += (i >= 148 && i < 156) ? unsigned(' ') : uchar(h[i]);
        const auto stored = octal(h.data() + 148, 8);
        const auto size = octal(h.data() + 124, 12);
        if (!stored || *stored != sum || !size)
            return makeError(Error::Code::InvalidInput, QStringLiteral("%1 is not a tar archive (a header checksum does not match).").arg(m_source));
        if (const QString why = m_limits.countProblem(m_source, ++m_entries); !why.isEmpty())
            return makeError(Error::Code::InvalidInput, why);
        const char type = h[156];
        if (type == 'x' || type == 'g' || type == 'L') {
            auto data = readSmall(*size);
            if (!data)
                return Unexpected(data.error());
            if (type == 'L') {
                longName = QString::fromUtf8(data->constData(), int(qstrnlen(data->constData(), uint(data->size()))));
            } else if (type == 'x') {
                // "<len> key=value\n" records.
                qsizetype pos = 0;
                while (pos < data->size()) {
                    const qsizetype space = data->indexOf(' ', pos);
                    bool ok = false;
                    const qint64 len = space > pos ? data->mid(pos, space - pos).toLongLong(&ok) : 0;
                    if (!ok || len <= 0 || pos + len > data->size())
                        break;
                    const QByteArray record = data->mid(space + 1, pos + len - space - 2);
                    const qsizetype eq = record.indexOf('=');
                    if (eq > 0 && record.left(eq) == "path")
                        longName = QString::fromUtf8(record.mid(eq + 1));
                    if (eq > 0 && record.left(eq) == "size")
                        paxSize = record.mid(eq + 1).toLongLong();
                    pos += len;
                }
            }
            continue;
        }
        Entry e;
        e.size = paxSize.value_or(*size);
        if (e.size < 0)
            return makeError(Error::Code::InvalidInput, QStringLiteral("%1 declares a negative entry size.").arg(m_source));
        if (!longName.isEmpty()) {
            e.path = longName;
        } else {
            const QString prefix = std::memcmp(h.data() + 257, "ustar", 5) == 0 ? cString(h.data() + 345, 155) : QString();
            const QString name = cString(h.data(), 100);
            e.path = prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
        }
        e.type = (type == '0' || type == '\0' || type == '7') ? Entry::Type::File
                 : type == '5'                               ? Entry::Type::Directory
                                                             : Entry::Type::Other;
        if (e.type == Entry::Type::File && e.path.endsWith(QLatin1Char('/')))
            e.type = Entry::Type::Directory;
        if (e.type != Entry::Type::File && type != '0')
            e.size = e.type == Entry::Type::Directory ? 0 : e.size;
        e.modified = QDateTime::fromSecsSinceEpoch(octal(h.data() + 136, 12).value_or(0), Qt::UTC);
        m_total += e.size;
        if (const QString why = m_limits.totalProblem(m_source, m_total); !why.isEmpty())
            return makeError(Error::Code::InvalidInput, why);
        m_left = e.size;
        m_padding = (Block - e.size % Block) % Block;
        return std::optional<Entry>(e);
    }
}

Expected<void> TarReader::copyDataTo(QIODevice *out)
{
    std::array<char, 256 * 1024> buffer;
    while (m_left > 0) {
        const qint64 n = qMin<qint64>(m_left, buffer.size());
        if (!readFully(m_in, buffer.data(), n))
            return Unexpected(truncated());
        if (out->write(buffer.data(), n) != n)
            return makeError(Error::Code::Io, QStringLiteral("Could not write a file from %1: %2.").arg(m_source, out->errorString()));
        m_left -= n;
    }
    return {};
}

} // namespace Mcw::Core
