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
    if (!staging.isValid()) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: is not writable.").arg(parent.path()));
    }
    for (const File &f : files) {
        if (!ZipArchive::unsafeEntryReason(f.name).isEmpty()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The bundle file name %1 is not a plain relative name.")
                                 .arg(f.name));
        }
        const QString path = QDir(staging.path()).filePath(f.name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!f.sourcePath.isEmpty()) {
            if (!QFile::copy(f.sourcePath, path)) {
                return makeError(Error::Code::Io,
                                 QStringLiteral("%1: cannot be copied into the bundle.").arg(f.sourcePath));
            }
            continue;
        }
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(f.bytes) != f.bytes.size()) {
            return makeError(Error::Code::Io,
                             QStringLiteral("%1: cannot be written (%2).").arg(path, out.errorString()));
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
    if (!QDir().rename(staging.path(), target.absoluteFilePath())) {
        if (!old.isEmpty())
            QDir().rename(old, target.absoluteFilePath());
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: the bundle cannot be moved into place.").arg(dir));
    }
    staging.setAutoRemove(false);
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
