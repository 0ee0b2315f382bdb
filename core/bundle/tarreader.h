// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/bundle/archivelimits.h>
#include <core/result.h>

#include <QDateTime>
#include <QString>

#include <optional>

class QIODevice;

namespace Mcw::Core {

/**
 * Reads a tar stream entry by entry (ustar, pax and GNU long names: what `docker cp CONTAINER:PATH
 * -` writes) without holding an entry in memory. Sizes are capped: an archive that declares more
 * bytes or entries than the limits is refused with one sentence naming the limit.
 */
class TarReader
{
public:
    struct Entry
    {
        enum class Type { File, Directory, Other };
        QString path; // as stored, '/'-separated, e.g. "./a/b.npz"
        Type type = Type::Other;
        qint64 size = 0;
        QDateTime modified;
    };

    using Limits = ArchiveLimits;

    TarReader(QIODevice *in, QString sourceName, Limits limits);
    explicit TarReader(QIODevice *in, QString sourceName = {});

    /** The next entry header; nullopt at the end of the archive. Skips unread data first. */
    Expected<std::optional<Entry>> next();
    /** Streams the current entry's data to \a out. */
    Expected<void> copyDataTo(QIODevice *out);

private:
    Expected<void> skip(qint64 bytes);
    Expected<QByteArray> readSmall(qint64 size);
    Error truncated() const;

    QIODevice *m_in;
    QString m_source;
    Limits m_limits;
    qint64 m_left = 0;    // unread data bytes of the current entry
    qint64 m_padding = 0; // padding after them
    qint64 m_total = 0;
    int m_entries = 0;
};

} // namespace Mcw::Core
