// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/mud/muddocument.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * A strict MUD reader. libinih gives the reading an ordinary desktop INI tool would make; a
 * line scanner then reads the file exactly like MaixCDK's parser (comments only with '#',
 * values cut at '#', no BOM handling, duplicate sections fatal, exact case) and reports, with
 * line numbers, everything the device would reject or silently misread.
 */
class MudReader
{
public:
    struct Result
    {
        MudDocument document;
        /** Labels as the device resolves them (inline or from the labels file). */
        QStringList labels;
        QList<Diagnostic> diagnostics;
        /** "cvimodel" (MaixCAM) or "axmodel" (MaixCAM2) from [basic] type; empty when neither. */
        QString modelFormat;
        /** False when the device's INI parser itself would refuse the file. */
        bool deviceParses = true;
    };

    /**
     * \a mudDir is the folder the MUD lives in (labels file and model lookups); empty skips
     * the checks that need the file system.
     */
    static Result parse(const QByteArray &bytes, const QString &displayPath, const QString &mudDir = {});
    static Expected<Result> readFile(const QString &path);
};

} // namespace Mcw::Core
