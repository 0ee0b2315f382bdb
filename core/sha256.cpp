// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sha256.h"

#include <QCryptographicHash>
#include <QFile>

namespace Mcw::Core {

Expected<QString> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: cannot be read (%2).").arg(path, file.errorString()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: reading failed (%2).").arg(path, file.errorString()));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString sha256OfBytes(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace Mcw::Core
