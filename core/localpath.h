// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Core {

/**
 * Paths from outside (a project file, a .mud, a bundle, the command line) are files on disk.
 * QDir and QFileInfo take a name starting with ':' for an absolute Qt resource path and leave it
 * unresolved; these resolve only a leading '/' as absolute, so ":images" next to a project is
 * the folder of that name there.
 */

/** \a path resolved against the folder \a base (itself absolute) and cleaned; empty stays empty. */
QString resolveLocalPath(const QString &base, const QString &path);

/** \a path made absolute against the current directory and cleaned; empty stays empty. */
QString absoluteLocalPath(const QString &path);

/** True when \a path is absolute on disk (starts with '/'). */
bool isAbsoluteLocalPath(const QString &path);

} // namespace Mcw::Core
