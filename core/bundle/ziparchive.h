// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/bundle/archivelimits.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Reads and writes zip files (libzip) with the checks that untrusted bundles need: entries
 * that would land outside the target folder (absolute paths, `..`, backslashes), symlinks,
 * duplicate names and absurd sizes are refused before anything is written.
 */
class ZipArchive
{
public:
    struct Entry
    {
        QString name;
        qint64 index = -1;
        qint64 size = 0;           // inflated bytes, as declared
        qint64 compressedSize = 0;
        bool isDirectory = false;
        bool isSymlink = false;
    };

    struct FileToWrite
    {
        QString name;       // path inside the archive, '/'-separated
        QByteArray bytes;   // content when sourcePath is empty
        QString sourcePath; // a file on disk to store instead of bytes
    };

    /** Lists the entries of \a zipPath. */
    static Expected<QList<Entry>> entries(const QString &zipPath);

    /** Reads one entry fully; refuses entries larger than \a maxBytes. */
    static Expected<QByteArray> readEntry(const QString &zipPath, const QString &name,
                                          qint64 maxBytes = qint64(1) << 31);

    /**
     * Extracts every entry below \a targetDir. Nothing is written unless every entry passes the
     * safety checks and \a limits; entries stream to disk (never whole in memory) and the bytes
     * really inflated are held to the limits too. Files appear via a temporary sibling folder
     * renamed into place, so a failed or interrupted extraction leaves nothing behind.
     * \a targetDir must not exist yet.
     */
    static Expected<QStringList> extractSafely(const QString &zipPath, const QString &targetDir,
                                               const ArchiveLimits &limits = ArchiveLimits::bundle());

    /** Writes a new zip atomically (temporary sibling file, then rename). */
    static Expected<void> write(const QString &zipPath, const QList<FileToWrite> &files);

    /** Why \a name may not be extracted (empty when it is safe). */
    static QString unsafeEntryReason(const QString &name);
};

} // namespace Mcw::Core
