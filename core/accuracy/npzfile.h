// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/npyarray.h>
#include <core/result.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * A NumPy .npz archive (a zip of .npy files, stored or deflated), read with libzip. open()
 * reads only the directory; array() opens its own handle, so arrays may be read from several
 * threads at once; the archive is held to ArchiveLimits::runOutputs(). Names are given
 * without the ".npy" suffix, in archive order (NumPy's order).
 */
class NpzFile
{
public:
    struct Entry
    {
        QString name; // without ".npy"
        qint64 zipIndex = -1;
        qint64 size = 0; // uncompressed bytes of the .npy
        qint64 compressedSize = 0;
        bool deflated = false;
    };

    static Expected<NpzFile> open(const QString &path);

    QString path() const { return m_path; }
    QStringList names() const;
    QList<Entry> entries() const { return m_entries; }
    bool contains(const QString &name) const { return indexOf(name) >= 0; }

    /**
     * Reads and parses one array; errors name the file and the entry. With \a scratch, the
     * bytes are read into that buffer (reused when nothing else holds it), which spares large
     * comparisons the page faults of a fresh allocation per tensor.
     */
    Expected<NpyArray> array(const QString &name, QByteArray *scratch = nullptr) const;

private:
    qsizetype indexOf(const QString &name) const;

    QString m_path;
    QList<Entry> m_entries;
};

} // namespace Mcw::Core
