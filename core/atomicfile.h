// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QString>

namespace Mcw::Core {

/**
 * Writes \a bytes to \a path through QSaveFile: either the whole new content lands or the old
 * file stays untouched. The error names the file and the reason in one sentence.
 */
Expected<void> writeFileAtomically(const QString &path, const QByteArray &bytes);

/** Reads a whole file; the error names the file and the reason. */
Expected<QByteArray> readWholeFile(const QString &path, qint64 maxBytes = qint64(1) << 31);

} // namespace Mcw::Core
