// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/bundle/ziparchive.h>
#include <core/result.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Publishes a MaixCAM bundle (NAME.mud, NAME.cvimodel, labels, provenance) as a folder or a
 * zip, all or nothing: files are written into a hidden temporary sibling that is renamed into
 * place, so an interrupted export never leaves a half-written bundle where the user looks.
 */
class BundleWriter
{
public:
    using File = ZipArchive::FileToWrite;

    /** Writes \a files into folder \a dir. An existing \a dir is replaced only when \a overwrite. */
    static Expected<void> writeDirectory(const QString &dir, const QList<File> &files, bool overwrite);

    /** Writes \a files into \a zipPath. An existing file is replaced only when \a overwrite. */
    static Expected<void> writeZip(const QString &zipPath, const QList<File> &files, bool overwrite);

    /** Removes hidden `.NAME.partial-*` leftovers of interrupted exports next to \a target. */
    static void removeStalePartials(const QString &target);
};

} // namespace Mcw::Core
