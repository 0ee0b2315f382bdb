// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tmpfsmount.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/mount.h>

namespace Mcw::Tests {

TmpfsMount::TmpfsMount(const QString &folder, qint64 sizeBytes)
    : m_folder(folder)
{
    QDir().mkpath(folder);
    const QByteArray options = "size=" + QByteArray::number(sizeBytes) + ",mode=0755";
    if (::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs", 0, options.constData()) == 0) {
        m_mounted = true;
        return;
    }
    m_reason = QStringLiteral("a tmpfs cannot be mounted on %1 (%2); this fault test needs root or "
                              "CAP_SYS_ADMIN.")
                   .arg(folder, QString::fromLocal8Bit(std::strerror(errno)));
}

TmpfsMount::~TmpfsMount()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_folder).constData(), MNT_DETACH);
}

bool TmpfsMount::setReadOnly(bool readOnly)
{
    const unsigned long flags = MS_REMOUNT | (readOnly ? MS_RDONLY : 0);
    return m_mounted && ::mount("tmpfs", QFile::encodeName(m_folder).constData(), "tmpfs", flags, nullptr) == 0;
}

} // namespace Mcw::Tests
