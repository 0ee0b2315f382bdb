// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "localpath.h"

#include <QDir>

namespace Mcw::Core {

bool isAbsoluteLocalPath(const QString &path)
{
    return path.startsWith(QLatin1Char('/'));
}

QString resolveLocalPath(const QString &base, const QString &path)
{
    if (path.isEmpty())
        return {};
    return QDir::cleanPath(isAbsoluteLocalPath(path) ? path : base + QLatin1Char('/') + path);
}

QString absoluteLocalPath(const QString &path)
{
    return resolveLocalPath(QDir::currentPath(), path);
}

} // namespace Mcw::Core
