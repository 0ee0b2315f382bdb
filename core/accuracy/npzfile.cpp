// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npzfile.h"

#include <core/bundle/archivelimits.h>

#include <QFile>
#include <QFileInfo>

#include <zip.h>

#include <memory>

namespace Mcw::Core {

struct ZipCloser
{
    void operator()(zip_t *z) const { zip_discard(z); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

static Expected<ZipHandle> openZip(const QString &path)
{
    int errorCode = 0;
    zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &errorCode);
    if (!z) {
        zip_error_t error;
        zip_error_init_with_code(&error, errorCode);
        const QString reason = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("%1: cannot be opened as an .npz archive (%2).").arg(path, reason));
    }
    return ZipHandle(z);
}

Expected<NpzFile> NpzFile::open(const QString &path)
{
    if (!QFile::exists(path)) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: the .npz file does not exist.").arg(path));
    }
    auto zip = openZip(path);
    if (!zip)
        return Unexpected(zip.error());
    NpzFile file;
    file.m_path = path;
    const ArchiveLimits limits = ArchiveLimits::runOutputs();
    const qint64 fileSize = QFileInfo(path).size();
    const zip_int64_t count = zip_get_num_entries(zip->get(), 0);
    if (const QString why = limits.countProblem(path, count); !why.isEmpty())
        return makeError(Error::Code::InvalidInput, why);
    qint64 total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip->get(), zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            continue;
        QString name = QString::fromUtf8(st.name);
        if (name.endsWith(QLatin1Char('/')))
            continue;
        if (name.endsWith(QLatin1String(".npy")))
            name.chop(4);
        Entry e;
        e.name = name;
        e.zipIndex = i;
        e.size = (st.valid & ZIP_STAT_SIZE) ? qint64(st.size) : 0;
        e.compressedSize = (st.valid & ZIP_STAT_COMP_SIZE) ? qint64(st.comp_size) : 0;
        e.deflated = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE;
        // Arrays are read whole (comparisons need them), so the sizes an entry declares are
        // held to the limits before anything is allocated; reads never go past them.
        // A stored entry's sizes are equal, so the ratio holds for every method; and no entry
        // can hold more compressed bytes than the file (fuzzing found a stored 4 GB claim).
        total += e.size;
        QString why = e.compressedSize > fileSize
                          ? QStringLiteral("%1: the entry '%2' claims %3 compressed bytes, more than the file's %4; "
                                           "the file is corrupt.")
                                .arg(path, name)
                                .arg(e.compressedSize)
                                .arg(fileSize)
                          : limits.ratioProblem(path, name, e.size, e.compressedSize);
        if (why.isEmpty())
            why = limits.totalProblem(path, total);
        if (!why.isEmpty())
            return makeError(Error::Code::InvalidInput, why);
        file.m_entries.append(e);
    }
    return file;
}

QStringList NpzFile::names() const
{
    QStringList out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        out.append(e.name);
    return out;
}

qsizetype NpzFile::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].name == name)
            return i;
    }
    return -1;
}

Expected<NpyArray> NpzFile::array(const QString &name, QByteArray *scratch) const
{
    const qsizetype i = indexOf(name);
    if (i < 0) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: there is no array named '%2'.").arg(m_path, name));
    }
    const Entry &e = m_entries[i];
    auto zip = openZip(m_path);
    if (!zip)
        return Unexpected(zip.error());
    // Stored entries are read raw: the bytes are the .npy itself and libzip then skips its CRC
    // pass, which costs as much as the metrics for large files.
    const zip_flags_t flags = e.deflated ? 0 : ZIP_FL_COMPRESSED;
    zip_file_t *f = zip_fopen_index(zip->get(), zip_uint64_t(e.zipIndex), flags);
    if (!f) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the entry '%2' cannot be read (%3).")
                             .arg(m_path, name, QString::fromUtf8(zip_strerror(zip->get()))));
    }
    QByteArray local;
    QByteArray &bytes = scratch ? *scratch : local;
    bytes.resize(e.size); // keeps the capacity of a reused scratch buffer
    qint64 done = 0;
    while (done < e.size) {
        const zip_int64_t n = zip_fread(f, bytes.data() + done, zip_uint64_t(e.size - done));
        if (n <= 0)
            break;
        done += n;
    }
    const QString reason = QString::fromUtf8(zip_file_strerror(f));
    zip_fclose(f);
    if (done != e.size) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the entry '%2' is truncated or corrupt (%3).")
                             .arg(m_path, name, reason));
    }
    return NpyArray::parse(bytes, QStringLiteral("%1 [%2]").arg(m_path, name));
}

} // namespace Mcw::Core
