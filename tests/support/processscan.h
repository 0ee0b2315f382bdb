// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Mcw::Tests {

/**
 * Live processes (zombies and this process left out) whose working folder is \a folder or below
 * it, read from /proc independently of the code under test: the tools of a run work in its folder.
 */
QList<qint64> processesWorkingIn(const QString &folder);

} // namespace Mcw::Tests
