// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/** The device's name in project files and on the command line: "maixcam", "maixcam2". */
QString deviceName(Device device);
/** The name users read: "MaixCAM / MaixCAM-Pro", "MaixCAM2". */
QString deviceTitle(Device device);
/** "maixcam" / "maixcam2" (case-insensitive); an error sentence listing the choices otherwise. */
Expected<Device> parseDevice(const QString &name);
/** The names parseDevice accepts, in menu order. */
QStringList deviceNames();

} // namespace Mcw::Core
