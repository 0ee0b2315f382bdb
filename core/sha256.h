// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QString>

namespace Mcw::Core {

/** Lower-case hex SHA-256 of a file, streamed in blocks (models can be gigabytes). */
Expected<QString> sha256OfFile(const QString &path);

/** Lower-case hex SHA-256 of a byte array. */
QString sha256OfBytes(const QByteArray &bytes);

} // namespace Mcw::Core
