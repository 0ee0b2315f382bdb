// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolrelease.h"

#include <QRegularExpression>

namespace Mcw::Core {

std::optional<ToolRelease> ToolRelease::fromVersion(const QString &version)
{
    static const QRegularExpression re(QStringLiteral("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?![\\d])"));
    const QRegularExpressionMatch m = re.match(version.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    ToolRelease r;
    r.major = m.captured(1).toInt();
    r.minor = m.captured(2).toInt();
    r.patch = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
    return r;
}

QString ToolRelease::toString() const
{
    if (patch == 0)
        return QStringLiteral("%1.%2").arg(major).arg(minor);
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(patch);
}

QString releaseDifference(const QString &recordedVersion, const QString &currentVersion)
{
    const auto recorded = ToolRelease::fromVersion(recordedVersion);
    const auto current = ToolRelease::fromVersion(currentVersion);
    if (!recorded || !current)
        return {};
    if (*recorded == *current) {
        if (recordedVersion.trimmed() == currentVersion.trimmed())
            return {};
        return QStringLiteral("This is another build of tpu-mlir %1 (%2, recorded %3); the model may differ.")
            .arg(current->toString(), currentVersion.trimmed(), recordedVersion.trimmed());
    }
    return QStringLiteral("The bundle was built with tpu-mlir %1 and this rebuild uses %2; other releases "
                          "lower and quantize differently, so the model may differ.")
        .arg(recorded->toString(), current->toString());
}

} // namespace Mcw::Core
