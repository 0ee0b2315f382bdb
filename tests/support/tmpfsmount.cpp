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
    if (m_readOnly)
        ::umount2(QFile::encodeName(m_folder).constData(), MNT_DETACH);
    if (m_mounted)
        ::umount2(QFile::encodeName(m_folder).constData(), MNT_DETACH);
}

bool TmpfsMount::setReadOnly(bool readOnly)
{
    const QByteArray folder = QFile::encodeName(m_folder);
    if (!m_mounted || readOnly == m_readOnly)
        return m_mounted;
    if (!readOnly) {
        m_readOnly = ::umount2(folder.constData(), MNT_DETACH) != 0;
        return !m_readOnly;
    }
    // A plain remount,ro fails (EBUSY) while a tool has a file open for writing. A read-only
    // bind of the folder over itself does not: files already open keep their old mount, every
    // new open or rename goes through the read-only one, as when a disk turns read-only.
    if (::mount(folder.constData(), folder.constData(), nullptr, MS_BIND, nullptr) != 0)
        return false;
    if (::mount(nullptr, folder.constData(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
        ::umount2(folder.constData(), MNT_DETACH);
        return false;
    }
    m_readOnly = true;
    return true;
}

} // namespace Mcw::Tests
