// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/project/project.h>

#include <QList>

namespace Mcw::Core {

/**
 * The settings that only one device uses, checked for the project's device: after switching
 * device the project stays loadable, and this says which settings the new device ignores or
 * lacks (one sentence each, with the fix). Pure function of the project.
 */
class DeviceCheck
{
public:
    static QList<Diagnostic> check(const Project &project);
};

} // namespace Mcw::Core
