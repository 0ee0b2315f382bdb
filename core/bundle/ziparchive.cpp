// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ziparchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>

#include <zip.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>

namespace Mcw::Core {

namespace {

struct ZipCloser
{
    void operator()(zip_t *zip) const { zip_discard(zip); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser
{
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};
using ZipFileHandle = std::unique_ptr<zip_file_t, ZipFileCloser>;

} // namespace

static Expected<ZipHandle> openForReading(const QString &zipPath)
{
    int error = 0;
    zip_t *zip = zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY, &error);
    if (!zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, error);
        const QString reason = QString::fromUtf8(zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: not a readable zip archive (%2).").arg(zipPath, reason));
    }
    return ZipHandle(zip);
}

static bool isSymlinkEntry(zip_t *zip, zip_uint64_t index)
{
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(zip, index, 0, &opsys, &attributes) != 0)
        return false;
    return opsys == ZIP_OPSYS_UNIX && S_ISLNK(attributes >> 16);
}

QString ZipArchive::unsafeEntryReason(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("has an empty name");
    if (name.startsWith(QLatin1Char('/')) || (name.size() > 1 && name.at(1) == QLatin1Char(':')))
        return QStringLiteral("is an absolute path");
    // Qt takes a path starting with ':' for an absolute resource path, so QDir::filePath() would
    // not put it under the target folder but resolve it against the current directory.
    if (name.startsWith(QLatin1Char(':')))
        return QStringLiteral("starts with ':'");
    if (name.contains(QLatin1Char('\\')))
        return QStringLiteral("contains a backslash");
    const QStringList parts = name.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part == QLatin1String(".."))
            return QStringLiteral("leaves the target folder (..)");
    }
    return {};
}

Expected<QList<ZipArchive::Entry>> ZipArchive::entries(const QString &zipPath)
{
    auto zip = openForReading(zipPath);
    if (!zip)
        return Unexpected(zip.error());
    QList<Entry> out;
    const zip_int64_t count = zip_get_num_entries(zip->get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip->get(), zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            continue;
        Entry e;
        e.name = QString::fromUtf8(st.name);
        e.index = i;
        e.size = (st.valid & ZIP_STAT_SIZE) ? qint64(st.size) : 0;
        e.compressedSize = (st.valid & ZIP_STAT_COMP_SIZE) ? qint64(st.comp_size) : 0;
        e.isDirectory = e.name.endsWith(QLatin1Char('/'));
        e.isSymlink = isSymlinkEntry(zip->get(), zip_uint64_t(i));
        out.append(e);
    }
    return out;
}

Expected<QByteArray> ZipArchive::readEntry(const QString &zipPath, const QString &name,
                                           qint64 maxBytes)
{
    auto zip = openForReading(zipPath);
    if (!zip)
        return Unexpected(zip.error());
    const QByteArray utf8 = name.toUtf8();
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip->get(), utf8.constData(), 0, &st) != 0) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: the archive has no entry %2.").arg(zipPath, name));
    }
    if (qint64(st.size) > maxBytes) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the entry %2 is too large (%3 bytes).")
                             .arg(zipPath, name)
                             .arg(qint64(st.size)));
    }
    ZipFileHandle file(zip_fopen(zip->get(), utf8.constData(), 0));
    if (!file) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the entry %2 cannot be read.").arg(zipPath, name));
    }
    QByteArray bytes(qsizetype(st.size), Qt::Uninitialized);
    const zip_int64_t read = zip_fread(file.get(), bytes.data(), st.size);
    if (read != zip_int64_t(st.size)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the entry %2 is damaged.").arg(zipPath, name));
    }
    return bytes;
}

// Inflates entry \a index of \a zip into \a path through a small buffer, counting what really
// comes out: a header that understates the size cannot get past the archive's limits.
static Expected<qint64> streamEntry(zip_t *zip, zip_uint64_t index, const QString &zipPath,
                                    const ZipArchive::Entry &entry, const QString &path,
                                    qint64 alreadyWritten, const ArchiveLimits &limits)
{
    ZipFileHandle file(zip_fopen_index(zip, index, 0));
    if (!file) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the entry %2 cannot be read (%3).")
                             .arg(zipPath, entry.name, QString::fromUtf8(zip_strerror(zip))));
    }
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: cannot be written (%2).").arg(path, out.errorString()));
    }
    std::array<char, 256 * 1024> buffer;
    qint64 done = 0;
    for (;;) {
        const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
        if (n < 0) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the entry %2 is damaged (%3).")
                                 .arg(zipPath, entry.name, QString::fromUtf8(zip_file_strerror(file.get()))));
        }
        if (n == 0)
            break;
        done += n;
        if (done > entry.size) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the entry %2 inflates to more than the %3 bytes it declares; "
                                            "the archive is damaged or hostile.")
                                 .arg(zipPath, entry.name)
                                 .arg(entry.size));
        }
        if (const QString why = limits.totalProblem(zipPath, alreadyWritten + done); !why.isEmpty())
            return makeError(Error::Code::InvalidInput, why);
        if (out.write(buffer.data(), n) != n) {
            return makeError(Error::Code::Io,
                             QStringLiteral("%1: cannot be written (%2).").arg(path, out.errorString()));
        }
    }
    if (!out.flush()) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: cannot be written (%2).").arg(path, out.errorString()));
    }
    return done;
}

Expected<QStringList> ZipArchive::extractSafely(const QString &zipPath, const QString &targetDir,
                                                const ArchiveLimits &limits)
{
    if (QFileInfo::exists(targetDir)) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the folder already exists.").arg(targetDir));
    }
    const auto list = entries(zipPath);
    if (!list)
        return Unexpected(list.error());
    if (const QString why = limits.countProblem(zipPath, list->size()); !why.isEmpty())
        return makeError(Error::Code::InvalidInput, why);
    QSet<QString> seen;
    qint64 total = 0;
    for (const Entry &e : *list) {
        const QString reason = unsafeEntryReason(e.name);
        if (!reason.isEmpty()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the entry %2 %3; nothing was extracted.")
                                 .arg(zipPath, e.name, reason));
        }
        if (e.isSymlink) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the entry %2 is a symbolic link; nothing was "
                                            "extracted.")
                                 .arg(zipPath, e.name));
        }
        const QString normalized = QDir::cleanPath(e.name);
        if (seen.contains(normalized)) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the entry %2 appears twice; nothing was extracted.")
                                 .arg(zipPath, e.name));
        }
        seen.insert(normalized);
        if (const QString why = limits.ratioProblem(zipPath, e.name, e.size, e.compressedSize);
            !why.isEmpty()) {
            return makeError(Error::Code::InvalidInput, why);
        }
        total += e.size;
        if (const QString why = limits.totalProblem(zipPath, total); !why.isEmpty())
            return makeError(Error::Code::InvalidInput, why);
    }

    const QFileInfo target(targetDir);
    QDir parent = target.absoluteDir();
    if (!parent.exists() && !parent.mkpath(QStringLiteral("."))) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the folder cannot be created.").arg(parent.path()));
    }
    // Removed with everything in it on any failure below: nothing is left beside the archive.
    QTemporaryDir staging(parent.filePath(QStringLiteral(".%1.partial-XXXXXX").arg(target.fileName())));
    // The staging folder is drwx------; the extracted folder inside it gets the user's umask.
    const QString extracted = QDir(staging.path()).filePath(QStringLiteral("contents"));
    if (!staging.isValid() || !QDir().mkdir(extracted)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: a temporary folder cannot be created.").arg(parent.path()));
    }
    auto zip = openForReading(zipPath);
    if (!zip)
        return Unexpected(zip.error());
    QStringList written;
    qint64 inflated = 0;
    for (const Entry &e : *list) {
        // Joined by hand, not with QDir::filePath(), which returns a name it takes for absolute as is.
        const QString path = extracted + QLatin1Char('/') + e.name;
        if (e.isDirectory) {
            QDir().mkpath(path);
            continue;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        const auto bytes = streamEntry(zip->get(), zip_uint64_t(e.index), zipPath, e, path, inflated, limits);
        if (!bytes)
            return Unexpected(bytes.error());
        inflated += *bytes;
        written.append(e.name);
    }
    if (!QDir().rename(extracted, target.absoluteFilePath())) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the extracted files cannot be moved into place.")
                             .arg(targetDir));
    }
    return written;
}

Expected<void> ZipArchive::write(const QString &zipPath, const QList<FileToWrite> &files)
{
    // libzip writes the whole archive at zip_close(); do that into a temporary sibling and let
    // QSaveFile-like renaming publish it, so a reader never sees half an archive.
    const QFileInfo info(zipPath);
    const QString partial = info.absoluteDir().filePath(
        QStringLiteral(".%1.partial").arg(info.fileName()));
    QFile::remove(partial);
    int error = 0;
    zip_t *raw = zip_open(QFile::encodeName(partial).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!raw) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the archive cannot be created.").arg(zipPath));
    }
    ZipHandle zip(raw);
    QList<QByteArray> keepAlive; // zip_source_buffer does not copy
    for (const FileToWrite &f : files) {
        QByteArray bytes = f.bytes;
        if (!f.sourcePath.isEmpty()) {
            QFile in(f.sourcePath);
            if (!in.open(QIODevice::ReadOnly)) {
                return makeError(Error::Code::Io,
                                 QStringLiteral("%1: cannot be read (%2).").arg(f.sourcePath, in.errorString()));
            }
            bytes = in.readAll();
        }
        keepAlive.append(bytes);
        zip_source_t *source = zip_source_buffer(zip.get(), keepAlive.back().constData(),
                                                 zip_uint64_t(keepAlive.back().size()), 0);
        if (!source || zip_file_add(zip.get(), f.name.toUtf8().constData(), source,
                                    ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
            if (source)
                zip_source_free(source);
            return makeError(Error::Code::Io,
                             QStringLiteral("%1: the entry %2 cannot be added.").arg(zipPath, f.name));
        }
    }
    if (zip_close(zip.get()) != 0) {
        // libzip's reason names its temporary file; the system's says what went wrong.
        const int systemError = zip_error_code_system(zip_get_error(zip.get()));
        const QString why = systemError != 0 ? QString::fromLocal8Bit(std::strerror(systemError))
                                             : QString::fromUtf8(zip_strerror(zip.get()));
        QFile::remove(partial);
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the archive cannot be written (%2); nothing was written.")
                             .arg(zipPath, why));
    }
    (void) zip.release();
    // POSIX rename replaces an existing file atomically; overwrite consent is the caller's.
    if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(zipPath).constData())
        != 0) {
        QFile::remove(partial);
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the archive cannot be moved into place.").arg(zipPath));
    }
    return {};
}

} // namespace Mcw::Core
