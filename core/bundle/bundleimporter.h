// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/bundle/provenance.h>
#include <core/logs/diagnostic.h>
#include <core/mud/mudreader.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QString>

namespace Mcw::Core {

/**
 * Opens an existing MaixCAM bundle — a .mud with its files, or a .zip such as a MaixHub
 * download — validates it with the strict MUD reader, refuses files that reach outside the
 * bundle folder, and turns its settings into a Project (fully, when a provenance file is there).
 */
class BundleImporter
{
public:
    struct Bundle
    {
        QString folder;                 // where the bundle's files are (extracted for zips)
        QString mudPath;
        MudReader::Result mud;
        QString cvimodelPath;           // resolved `model =` (MaixCAM2: model_npu, else model_vnpu); empty when refused or missing
        Project project;                // settings read from the MUD (and provenance)
        bool hasProvenance = false;
        Provenance provenance;
        QList<Diagnostic> problems;     // MUD diagnostics plus path problems
    };

    /**
     * \a path is a .mud or a .zip. Zips are extracted (safely) into \a extractDir, which must
     * not exist yet; nothing is extracted when any entry is unsafe or the archive breaks
     * ArchiveLimits::bundle(), and the folder is removed again when the import fails.
     */
    static Expected<Bundle> open(const QString &path, const QString &extractDir = {});

    /** Why a `model =` value may not be used (absolute, leaves the folder); empty when fine. */
    static QString modelPathProblem(const QString &value, const QString &bundleFolder);

private:
    static Expected<Bundle> openMud(const QString &mudPath);
};

} // namespace Mcw::Core
