// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "archivelimits.h"

namespace Mcw::Core {

ArchiveLimits ArchiveLimits::bundle()
{
    // A .cvimodel is int8/bf16 weights that deflate hardly at all (~1.1:1); 100:1 leaves room
    // for zero padding while refusing deflate's bomb range (up to ~1030:1).
    return ArchiveLimits{qint64(1) << 30, 10'000, 100};
}

ArchiveLimits ArchiveLimits::runOutputs()
{
    // ReLU outputs are mostly zeros and np.savez_compressed packs them tightly, so the ratio
    // is only capped at what deflate can physically reach: a larger claim is a lie.
    return ArchiveLimits{qint64(16) << 30, 100'000, 1100};
}

ArchiveLimits ArchiveLimits::containerCopy()
{
    return ArchiveLimits{};
}

QString ArchiveLimits::formatBytes(qint64 bytes)
{
    if (bytes >= (qint64(1) << 20) && bytes % (qint64(1) << 20) == 0)
        return QStringLiteral("%1 MB").arg(bytes >> 20);
    return QStringLiteral("%1 bytes").arg(bytes);
}

QString ArchiveLimits::ratioProblem(const QString &archive, const QString &entry, qint64 inflated,
                                    qint64 compressed) const
{
    if (maxRatio <= 0 || inflated <= ratioExemptBytes || inflated <= maxRatio * compressed)
        return {};
    return QStringLiteral("%1: the entry %2 inflates from %3 to %4, more than %5 times its "
                          "compressed size, the limit; the archive is refused as a zip bomb.")
        .arg(archive, entry, formatBytes(compressed), formatBytes(inflated))
        .arg(maxRatio);
}

QString ArchiveLimits::totalProblem(const QString &archive, qint64 total) const
{
    if (total <= maxTotalBytes)
        return {};
    return QStringLiteral("%1 holds more than %2 once unpacked, the limit.").arg(archive, formatBytes(maxTotalBytes));
}

QString ArchiveLimits::countProblem(const QString &archive, qint64 entries) const
{
    if (entries <= maxEntries)
        return {};
    return QStringLiteral("%1 holds more than %2 entries, the limit.").arg(archive).arg(maxEntries);
}

} // namespace Mcw::Core
