// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulsar2imageload.h"

#include <QFileInfo>

namespace Mcw::Core {

Expected<QList<PipelineStepSpec>> Pulsar2ImageLoad::steps() const
{
    const QFileInfo file(archive);
    if (!file.isFile()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("The Pulsar2 image archive '%1' does not exist; download ax_pulsar2_6.0.tar.gz "
                                        "(Hugging Face or ModelScope, AXERA-TECH/Pulsar2) and choose it.")
                             .arg(archive));
    }
    const QString name = file.fileName();
    if (!name.endsWith(QLatin1String(".tar.gz")) && !name.endsWith(QLatin1String(".tar"))
        && !name.endsWith(QLatin1String(".tgz"))) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("'%1' is not an image archive (expected ax_pulsar2_<version>.tar.gz or .tar).")
                             .arg(name));
    }
    const ToolInvocation load{dockerProgram, {QStringLiteral("load"), QStringLiteral("-i"), file.absoluteFilePath()}, {}, {}};
    return QList<PipelineStepSpec>{{QStringLiteral("load"), QStringLiteral("Load %1").arg(name), load, {}}};
}

QString Pulsar2ImageLoad::loadedImage(const QString &line)
{
    static const QLatin1String prefix("Loaded image: ");
    const QString trimmed = line.trimmed();
    return trimmed.startsWith(prefix) ? trimmed.mid(prefix.size()).trimmed() : QString();
}

} // namespace Mcw::Core
