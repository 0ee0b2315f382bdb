// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Core {

/**
 * How a plan names an input file: relative to the workspace when it lies under the project folder
 * (`../dog.jpg`, as Sipeed's scripts write it), absolute otherwise. \a projectDir empty: the
 * workspace's parent folder. Used by the tpu-mlir and the Pulsar2 plans alike.
 */
class WorkspacePath
{
public:
    WorkspacePath(const QString &workspaceDir, const QString &projectDir);
    QString operator()(const QString &file) const;

private:
    QString m_workspace;
    QString m_projectRoot;
};

} // namespace Mcw::Core
