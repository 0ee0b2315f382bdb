// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspacepath.h"

#include <QDir>
#include <QFileInfo>

namespace Mcw::Core {

WorkspacePath::WorkspacePath(const QString &workspaceDir, const QString &projectDir)
    : m_workspace(workspaceDir)
    , m_projectRoot(QDir::cleanPath(projectDir.isEmpty() ? QFileInfo(workspaceDir).absolutePath() : projectDir))
{}

QString WorkspacePath::operator()(const QString &file) const
{
    const QString clean = QDir::cleanPath(file);
    if (!m_workspace.isEmpty() && (clean == m_projectRoot || clean.startsWith(m_projectRoot + QLatin1Char('/'))))
        return QDir(m_workspace).relativeFilePath(clean);
    return clean;
}

} // namespace Mcw::Core
