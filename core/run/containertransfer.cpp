// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "containertransfer.h"

#include <core/bundle/tarreader.h>
#include <core/bundle/tarwriter.h>
#include <core/bundle/ziparchive.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

#include <sys/stat.h>

namespace Mcw::Core {

bool ContainerTransfer::isBookkeeping(const QString &rel)
{
    return rel == QLatin1String("job.json") || rel.startsWith(QLatin1String("logs/")) || rel == QLatin1String("logs")
           || rel.startsWith(QLatin1String(".mcw-"));
}

static bool isUnder(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + QLatin1Char('/'));
}

QStringList ContainerTransfer::inputsFor(const ToolInvocation &tool, const QString &jobDirectory)
{
    const QString job = QDir::cleanPath(jobDirectory);
    QStringList inputs{job};
    for (const QString &value : tool.absolutePathArguments()) {
        const QString path = QDir::cleanPath(value);
        if (path != QLatin1String("/") && !isUnder(path, job) && QFileInfo::exists(path) && !inputs.contains(path))
            inputs.append(path);
    }
    return inputs;
}

static int modeOf(const QString &path, int fallback)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return fallback;
    return int(st.st_mode & 07777);
}

Expected<ContainerTransfer::Manifest> ContainerTransfer::pack(const QStringList &paths, const QString &jobDirectory,
                                                              const QString &archivePath)
{
    const QString job = QDir::cleanPath(jobDirectory);
    QStringList files;
    QSet<QString> directories;
    auto addAncestors = [&directories](QString dir) {
        while (dir != QLatin1String("/") && !dir.isEmpty() && !directories.contains(dir)) {
            directories.insert(dir);
            dir = QFileInfo(dir).path();
        }
    };
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isFile()) {
            files.append(QDir::cleanPath(info.absoluteFilePath()));
            addAncestors(info.absolutePath());
            continue;
        }
        if (!info.isDir())
            continue;
        addAncestors(QDir::cleanPath(info.absoluteFilePath()));
        QDirIterator it(path, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString found = QDir::cleanPath(it.next());
            if (isUnder(found, job) && found != job && isBookkeeping(QDir(job).relativeFilePath(found)))
                continue;
            if (it.fileInfo().isDir())
                addAncestors(found);
            else if (it.fileInfo().isFile())
                files.append(found);
        }
    }
    QStringList dirs(directories.cbegin(), directories.cend());
    dirs.sort(); // parents before children
    files.removeDuplicates();
    files.sort();

    QSaveFile out(archivePath);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(Error::Code::Io, QStringLiteral("Could not write %1: %2.").arg(archivePath, out.errorString()));
    TarWriter tar(&out);
    Manifest manifest;
    for (const QString &d : std::as_const(dirs)) {
        if (auto ok = tar.addDirectory(d.mid(1), QFileInfo(d).lastModified(), modeOf(d, 0755)); !ok)
            return Unexpected(ok.error());
    }
    for (const QString &f : std::as_const(files)) {
        const QFileInfo info(f);
        if (auto ok = tar.addFile(f.mid(1), f); !ok)
            return Unexpected(ok.error());
        manifest.files.insert(f, {info.size(), info.lastModified().toSecsSinceEpoch()});
        manifest.bytes += info.size();
    }
    if (auto ok = tar.finish(); !ok)
        return Unexpected(ok.error());
    if (!out.commit())
        return makeError(Error::Code::Io, QStringLiteral("Could not write %1: %2.").arg(archivePath, out.errorString()));
    return manifest;
}

Expected<QStringList> ContainerTransfer::unpack(const QString &archivePath, const QString &jobDirectory,
                                                const Manifest &copiedIn)
{
    QFile in(archivePath);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(Error::Code::Io, QStringLiteral("Could not read %1: %2.").arg(archivePath, in.errorString()));
    const QDir job(jobDirectory);
    TarReader tar(&in, QStringLiteral("The files copied back from the container (%1)").arg(archivePath));
    QStringList written;
    for (;;) {
        auto entry = tar.next();
        if (!entry)
            return Unexpected(entry.error());
        if (!*entry)
            break;
        QString rel = (*entry)->path;
        while (rel.startsWith(QLatin1String("./")))
            rel = rel.mid(2);
        if (rel.endsWith(QLatin1Char('/')))
            rel.chop(1);
        if (rel.isEmpty() || rel == QLatin1String("."))
            continue;
        if (const QString why = ZipArchive::unsafeEntryReason(rel); !why.isEmpty())
            return makeError(Error::Code::InvalidInput, QStringLiteral("The container returned the file '%1', which was refused: it %2").arg(rel, why));
        if (isBookkeeping(rel))
            continue;
        const QString target = job.filePath(rel);
        if ((*entry)->type == TarReader::Entry::Type::Directory) {
            job.mkpath(rel);
            continue;
        }
        if ((*entry)->type != TarReader::Entry::Type::File)
            continue; // links and devices: tools write plain files
        const auto before = copiedIn.files.constFind(QDir::cleanPath(target));
        if (before != copiedIn.files.cend() && before->first == (*entry)->size
            && before->second == (*entry)->modified.toSecsSinceEpoch())
            continue; // copied in and left alone
        job.mkpath(QFileInfo(rel).path());
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly))
            return makeError(Error::Code::Io, QStringLiteral("Could not write %1: %2.").arg(target, out.errorString()));
        if (auto ok = tar.copyDataTo(&out); !ok)
            return Unexpected(ok.error());
        if (!out.commit())
            return makeError(Error::Code::Io, QStringLiteral("Could not write %1: %2.").arg(target, out.errorString()));
        QFile done(target);
        if (done.open(QIODevice::ReadWrite))
            done.setFileTime((*entry)->modified, QFileDevice::FileModificationTime);
        written.append(rel);
    }
    return written;
}

} // namespace Mcw::Core
