// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "devicename.h"

namespace Mcw::Core {

QString deviceName(Device device)
{
    return device == Device::MaixCam2 ? QStringLiteral("maixcam2") : QStringLiteral("maixcam");
}

QString deviceTitle(Device device)
{
    return device == Device::MaixCam2 ? QStringLiteral("MaixCAM2") : QStringLiteral("MaixCAM / MaixCAM-Pro");
}

QStringList deviceNames()
{
    return {deviceName(Device::MaixCam), deviceName(Device::MaixCam2)};
}

Expected<Device> parseDevice(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == deviceName(Device::MaixCam))
        return Device::MaixCam;
    if (lower == deviceName(Device::MaixCam2))
        return Device::MaixCam2;
    return makeError(Error::Code::InvalidInput,
                     QStringLiteral("The device '%1' is unknown; use %2.").arg(name, deviceNames().join(QStringLiteral(" or "))));
}

} // namespace Mcw::Core
