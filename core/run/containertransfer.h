// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/toolchain/toolinvocation.h>

#include <QHash>
#include <QPair>
#include <QStringList>

namespace Mcw::Core {

/**
 * Copy mode's file side, for engines that cannot see our files: the step's inputs packed into a
 * tar stream that `docker cp - CONTAINER:/` unpacks at the same absolute paths (so every path in
 * the argv stays valid inside), and the job folder's tar from `docker cp CONTAINER:DIR/. -`
 * unpacked back, keeping only what the step wrote.
 */
class ContainerTransfer
{
public:
    /** What was copied in: absolute path → (size, modification time in whole seconds). */
    struct Manifest
    {
        QHash<QString, QPair<qint64, qint64>> files;
        qint64 bytes = 0;
    };

    /**
     * The files a step may read: its job folder (without logs, job.json and our .mcw- files) and
     * every absolute path in its arguments ("/a/b" or "--flag=/a/b"): a file, or a folder whole.
     */
    static QStringList inputsFor(const ToolInvocation &tool, const QString &jobDirectory);
    /** Writes \a paths (absolute) into the tar file \a archivePath. */
    static Expected<Manifest> pack(const QStringList &paths, const QString &jobDirectory, const QString &archivePath);
    /**
     * Unpacks \a archivePath (entries relative to the job folder) into \a jobDirectory: files
     * that were not copied in, or that changed, each written atomically. Entries that would land
     * outside the folder are refused. Returns the files written, relative to the folder.
     */
    static Expected<QStringList> unpack(const QString &archivePath, const QString &jobDirectory, const Manifest &copiedIn);

    /** Files of the job folder that are never transferred (logs, job.json, .mcw- files). */
    static bool isBookkeeping(const QString &relativePath);
};

} // namespace Mcw::Core
