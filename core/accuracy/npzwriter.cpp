// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzwriter.h"

#include <core/bundle/ziparchive.h>

#include <QtEndian>

namespace Mcw::Core {

QByteArray NpzWriter::npyBytes(const Array &array)
{
    QString shape;
    for (qint64 d : array.shape)
        shape += QString::number(d) + QStringLiteral(", ");
    if (array.shape.size() > 1)
        shape.chop(1); // "(1, 3)" but "(5,)" for rank 1
    else if (array.shape.isEmpty())
        shape.clear();
    QByteArray header = QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1), }")
                            .arg(shape.trimmed())
                            .toLatin1();
    // Magic (6) + version (2) + length (2) + header, padded with spaces and '\n' to 64 bytes.
    const int total = 10 + int(header.size()) + 1;
    header.append(QByteArray((64 - total % 64) % 64, ' '));
    header.append('\n');
    QByteArray out("\x93NUMPY\x01\x00", 8);
    const quint16 length = qToLittleEndian(quint16(header.size()));
    out.append(reinterpret_cast<const char *>(&length), 2);
    out.append(header);
    // x86 and ARM hosts are little-endian; float32 bytes go out as they are in memory.
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "npy writer assumes a little-endian host");
    out.append(reinterpret_cast<const char *>(array.values.data()),
               qsizetype(array.values.size() * sizeof(float)));
    return out;
}

Expected<void> NpzWriter::write(const QString &path, const QList<Array> &arrays)
{
    QList<ZipArchive::FileToWrite> files;
    for (const Array &a : arrays)
        files.append({a.name + QStringLiteral(".npy"), npyBytes(a), QString()});
    return ZipArchive::write(path, files);
}

} // namespace Mcw::Core
