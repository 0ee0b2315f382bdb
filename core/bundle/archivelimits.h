// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Core {

/**
 * What an archive from outside may expand to: total bytes, number of entries and, for compressed
 * entries, the ratio of inflated to compressed size (a zip bomb inflates 1 MB to 1 GB). Readers
 * check the sizes an archive declares before writing anything and count the bytes they actually
 * inflate, so a header that lies gets no further. Each problem is one sentence naming the limit.
 */
struct ArchiveLimits
{
    qint64 maxTotalBytes = qint64(64) << 30;
    int maxEntries = 1'000'000;
    qint64 maxRatio = 0;               // inflated:compressed per entry; 0 = not checked
    qint64 ratioExemptBytes = 1 << 20; // entries this small may compress better (text, padding)

    /** Zipped bundles: a .mud, a model (MaixCAM's largest are ~100 MB) and small files. */
    static ArchiveLimits bundle();
    /** .npz from a run: tpu-mlir's tensors, which may compress well but never like a bomb. */
    static ArchiveLimits runOutputs();
    /** Tar streams from a container (uncompressed, so no ratio): a job folder. */
    static ArchiveLimits containerCopy();

    /** Why \a entry of \a archive breaks the ratio limit; empty when it does not. */
    QString ratioProblem(const QString &archive, const QString &entry, qint64 inflated,
                         qint64 compressed) const;
    /** Why \a total inflated bytes of \a archive break the size limit; empty when they do not. */
    QString totalProblem(const QString &archive, qint64 total) const;
    /** Why \a entries entries of \a archive break the count limit; empty when they do not. */
    QString countProblem(const QString &archive, qint64 entries) const;

    /** "1024 MB", "4096 bytes": sizes as the sentences print them. */
    static QString formatBytes(qint64 bytes);
};

} // namespace Mcw::Core
