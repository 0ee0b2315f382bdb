// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Tests {

/**
 * A small tmpfs mounted on a folder for fault tests: a disk that fills up, a workspace that
 * turns read-only (root ignores file modes, so only a read-only mount stops its writes).
 * Unmounted when destroyed. Mounting needs root or CAP_SYS_ADMIN; isMounted() says whether it
 * worked and skipReason() why not, for GTEST_SKIP.
 */
class TmpfsMount
{
public:
    TmpfsMount(const QString &folder, qint64 sizeBytes);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;

    bool isMounted() const { return m_mounted; }
    QString skipReason() const { return m_reason; }
    /**
     * Makes the folder read-only (true) or writable again (false), even while files in it are
     * open for writing; false when that failed.
     */
    bool setReadOnly(bool readOnly);

private:
    QString m_folder;
    bool m_mounted = false;
    bool m_readOnly = false;
    QString m_reason;
};

} // namespace Mcw::Tests
