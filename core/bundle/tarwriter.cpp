// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tarwriter.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cstring>

namespace Mcw::Core {

static constexpr qint64 Block = 512;

TarWriter::TarWriter(QIODevice *out)
    : m_out(out)
{}

Expected<void> TarWriter::write(const char *data, qint64 size)
{
    if (m_out->write(data, size) != size)
        return makeError(Error::Code::Io, QStringLiteral("Could not write the transfer archive: %1.").arg(m_out->errorString()));
    m_written += size;
    return {};
}

Expected<void> TarWriter::pad(qint64 size)
{
    static const std::array<char, Block> zeros{};
    const qint64 rest = (Block - size % Block) % Block;
    return rest ? write(zeros.data(), rest) : Expected<void>{};
}

static void putOctal(char *field, int width, qint64 value)
{
    // width includes the terminating NUL.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

static QByteArray paxRecord(const QByteArray &key, const QByteArray &value)
{
    // "%d %s=%s\n" where the length counts itself.
    const QByteArray body = ' ' + key + '=' + value + '\n';
    qint64 length = body.size() + 1;
    while (QByteArray::number(length).size() + body.size() != length)
        ++length;
    return QByteArray::number(length) + body;
}

Expected<void> TarWriter::writeHeader(const QString &archivePath, char type, qint64 size, const QDateTime &modified, int mode)
{
    const QByteArray name = archivePath.toUtf8();
    const bool ascii = std::all_of(name.cbegin(), name.cend(), [](char c) { return uchar(c) < 0x80; });
    if (name.size() > 99 || !ascii || size >= (qint64(1) << 33)) {
        QByteArray records = paxRecord("path", name);
        if (size >= (qint64(1) << 33))
            records += paxRecord("size", QByteArray::number(size));
        if (auto ok = writeHeader(QStringLiteral("PaxHeaders/entry"), 'x', records.size(), modified, 0644); !ok)
            return ok;
        if (auto ok = write(records.constData(), records.size()); !ok)
            return ok;
        if (auto ok = pad(records.size()); !ok)
            return ok;
    }
    std::array<char, Block> h{};
    const QByteArray shortName = name.left(99);
    std::memcpy(h.data(), shortName.constData(), size_t(shortName.size()));
    putOctal(h.data() + 100, 8, mode & 07777);
    putOctal(h.data() + 108, 8, 0);
    putOctal(h.data() + 116, 8, 0);
    putOctal(h.data() + 124, 12, size < (qint64(1) << 33) ? size : 0);
    putOctal(h.data() + 136, 12, qMax<qint64>(0, modified.toSecsSinceEpoch()));
    std::memset(h.data() + 148, ' ', 8);
    h[156] = type;
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    std::memcpy(h.data() + 265, "root", 4);
    std::memcpy(h.data() + 297, "root", 4);
    unsigned sum = 0;
    for (char c : h)
        sum += uchar(c);
    putOctal(h.data() + 148, 7, sum);
    h[155] = ' ';
    return write(h.data(), Block);
}

Expected<void> TarWriter::addDirectory(const QString &archivePath, const QDateTime &modified, int mode)
{
    QString path = archivePath;
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    return writeHeader(path, '5', 0, modified, mode);
}

Expected<void> TarWriter::addFile(const QString &archivePath, const QString &sourcePath)
{
    QFile in(sourcePath);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(Error::Code::Io, QStringLiteral("Could not read %1: %2.").arg(sourcePath, in.errorString()));
    const QFileInfo info(sourcePath);
    const qint64 size = in.size();
    const int mode = int(info.permissions() & (QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther)) ? 0755 : 0644;
    if (auto ok = writeHeader(archivePath, '0', size, info.lastModified(), mode); !ok)
        return ok;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    qint64 left = size;
    while (left > 0) {
        const qint64 n = in.read(chunk.data(), qMin<qint64>(chunk.size(), left));
        if (n <= 0)
            return makeError(Error::Code::Io, QStringLiteral("%1 changed while it was being copied (it is shorter than %2 bytes).").arg(sourcePath).arg(size));
        if (auto ok = write(chunk.constData(), n); !ok)
            return ok;
        left -= n;
    }
    return pad(size);
}

Expected<void> TarWriter::finish()
{
    static const std::array<char, 2 * Block> zeros{};
    return write(zeros.data(), zeros.size());
}

} // namespace Mcw::Core
