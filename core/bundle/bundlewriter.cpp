// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundlewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

namespace Mcw::Core {

static QString existsMessage(const QString &path)
{
    return QStringLiteral("%1: already exists; choose another name or allow overwriting "
                          "(--force).")
        .arg(path);
}

// QFile::copy would give the copy the source's mode (a cvimodel written by a container may be
// 0600); a new file gets what the user's umask allows, like the .mud next to it.
// A short write (the disk filled mid-chunk) is retried, so the next one reports the reason.
static bool writeFully(QFile &out, const QByteArray &bytes)
{
    qint64 done = 0;
    while (done < bytes.size()) {
        const qint64 n = out.write(bytes.constData() + done, bytes.size() - done);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// Returns why the copy failed ("No space left on device"), empty on success.
static QString copyWithUmask(const QString &from, const QString &to)
{
    QFile in(from);
    QFile out(to);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    // Unbuffered: a failed write reports the system's reason, not Qt's "Unknown error".
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        return out.errorString();
    QByteArray chunk;
    while (!(chunk = in.read(qint64(1) << 20)).isEmpty()) {
        if (!writeFully(out, chunk))
            return out.errorString();
    }
    if (in.error() != QFileDevice::NoError)
        return in.errorString();
    if (!out.flush())
        return out.errorString();
    return {};
}

void BundleWriter::removeStalePartials(const QString &target)
{
    const QFileInfo info(target);
    QDir parent = info.absoluteDir();
    const QStringList stale = parent.entryList(
        {QStringLiteral(".%1.partial*").arg(info.fileName()), QStringLiteral(".%1.old-*").arg(info.fileName())},
        QDir::Dirs | QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : stale) {
        const QString path = parent.filePath(name);
        if (QFileInfo(path).isDir())
            QDir(path).removeRecursively();
        else
            QFile::remove(path);
    }
}

Expected<void> BundleWriter::writeDirectory(const QString &dir, const QList<File> &files,
                                            bool overwrite)
{
    const QFileInfo target(dir);
    if (target.exists() && !overwrite)
        return makeError(Error::Code::InvalidInput, existsMessage(dir));
    if (target.exists() && !target.isDir()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: exists and is not a folder.").arg(dir));
    }
    QDir parent = target.absoluteDir();
    if (!parent.exists() && !parent.mkpath(QStringLiteral("."))) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the folder cannot be created.").arg(parent.path()));
    }
    removeStalePartials(dir);
    QTemporaryDir staging(parent.filePath(QStringLiteral(".%1.partial-XXXXXX").arg(target.fileName())));
    // QTemporaryDir is always drwx------; the bundle is a fresh folder inside it, created with
    // the user's umask like any other folder, and only that folder is moved into place.
    const QString bundle = QDir(staging.path()).filePath(QStringLiteral("contents"));
    if (!staging.isValid() || !QDir().mkdir(bundle)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: is not writable.").arg(parent.path()));
    }
    for (const File &f : files) {
        if (!ZipArchive::unsafeEntryReason(f.name).isEmpty()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The bundle file name %1 is not a plain relative name.")
                                 .arg(f.name));
        }
        const QString path = QDir(bundle).filePath(f.name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!f.sourcePath.isEmpty()) {
            if (const QString why = copyWithUmask(f.sourcePath, path); !why.isEmpty()) {
                return makeError(Error::Code::Io,
                                 QStringLiteral("%1: cannot be copied into the bundle %2 (%3); nothing was "
                                                "exported.")
                                     .arg(f.sourcePath, dir, why));
            }
            continue;
        }
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || !writeFully(out, f.bytes)) {
            return makeError(Error::Code::Io,
                             QStringLiteral("%1: the bundle cannot be written (%2); nothing was exported.")
                                 .arg(dir, out.errorString()));
        }
    }
    QString old;
    if (target.exists()) {
        old = parent.filePath(QStringLiteral(".%1.old-%2")
                                  .arg(target.fileName(), QFileInfo(staging.path()).suffix()));
        if (!QDir().rename(target.absoluteFilePath(), old)) {
            return makeError(Error::Code::Io,
                             QStringLiteral("%1: the existing folder cannot be replaced.").arg(dir));
        }
    }
    if (!QDir().rename(bundle, target.absoluteFilePath())) {
        if (!old.isEmpty())
            QDir().rename(old, target.absoluteFilePath());
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the bundle cannot be moved into place.").arg(dir));
    }
    if (!old.isEmpty())
        QDir(old).removeRecursively();
    return {};
}

Expected<void> BundleWriter::writeZip(const QString &zipPath, const QList<File> &files,
                                      bool overwrite)
{
    if (QFileInfo::exists(zipPath) && !overwrite)
        return makeError(Error::Code::InvalidInput, existsMessage(zipPath));
    removeStalePartials(zipPath);
    return ZipArchive::write(zipPath, files);
}

} // namespace Mcw::Core
