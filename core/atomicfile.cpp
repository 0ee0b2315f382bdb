// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include <QFile>
#include <QSaveFile>

namespace Mcw::Core {

Expected<void> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: cannot be written (%2).").arg(path, file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: writing failed (%2).").arg(path, file.errorString()));
    }
    return {};
}

Expected<QByteArray> readWholeFile(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: cannot be read (%2).").arg(path, file.errorString()));
    }
    if (file.size() > maxBytes) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the file is too large (%2 bytes, at most %3).")
                             .arg(path)
                             .arg(file.size())
                             .arg(maxBytes));
    }
    return file.readAll();
}

} // namespace Mcw::Core
