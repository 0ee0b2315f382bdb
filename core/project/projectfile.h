// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Reads and writes a Project as a readable YAML file (schema version 1). Paths are stored
 * relative to the project file and made absolute on load. Saving is atomic.
 *
 * Loading is forgiving where it can be: unknown keys become warnings and bad values become
 * errors (both with file:line), and the project is still returned with defaults in place of
 * the bad values. Only unreadable files, YAML syntax errors and newer schema versions fail.
 */
class ProjectFile
{
public:
    struct Loaded
    {
        Project project;
        QList<Diagnostic> diagnostics;
    };

    static Expected<Loaded> load(const QString &path);
    /** Parses YAML text; \a path names the file in messages and anchors relative paths. */
    static Expected<Loaded> parse(const QByteArray &yaml, const QString &path);

    static Expected<void> save(const Project &project, const QString &path);
    /** The YAML text save() writes, with paths relative to the directory of \a path. */
    static QByteArray serialize(const Project &project, const QString &path);

    /** The workspace used when the file names none: `workspace` next to the project file. */
    static QString defaultWorkspaceDir(const QString &projectPath);
};

} // namespace Mcw::Core
