// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QDateTime>
#include <QString>

class QIODevice;

namespace Mcw::Core {

/**
 * Writes a POSIX tar stream (ustar, with a pax header for names that do not fit), the format
 * `docker cp - CONTAINER:PATH` extracts. Files are streamed from disk in chunks, never read
 * whole. Entries are owned by root (the container's default user) and keep their mode bits
 * and modification time (whole seconds, which is all ustar holds).
 */
class TarWriter
{
public:
    explicit TarWriter(QIODevice *out);

    /** \a archivePath is '/'-separated and relative ("tmp/job/a.mlir"). */
    Expected<void> addDirectory(const QString &archivePath, const QDateTime &modified, int mode = 0755);
    Expected<void> addFile(const QString &archivePath, const QString &sourcePath);
    /** The two zero blocks that end the archive. */
    Expected<void> finish();

    qint64 bytesWritten() const { return m_written; }

private:
    Expected<void> writeHeader(const QString &archivePath, char type, qint64 size, const QDateTime &modified, int mode);
    Expected<void> write(const char *data, qint64 size);
    Expected<void> pad(qint64 size);

    QIODevice *m_out;
    qint64 m_written = 0;
};

} // namespace Mcw::Core
