// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "devicecheck.h"

namespace Mcw::Core {

static Diagnostic make(Diagnostic::Severity severity, const QString &code, const QString &message,
                       const QString &suggestion = {})
{
    return makeDiagnostic(severity, QStringLiteral("preflight"), code, message, suggestion);
}

QList<Diagnostic> DeviceCheck::check(const Project &project)
{
    QList<Diagnostic> found;
    const auto warn = [&found](const QString &code, const QString &message, const QString &suggestion = {}) {
        found.append(make(Diagnostic::Severity::Warning, code, message, suggestion));
    };
    if (project.device == Device::MaixCam) {
        if (!project.pulsar2.u16Layers.isEmpty()) {
            warn(QStringLiteral("device_setting_unused"),
                 QStringLiteral("%1 layer(s) are kept in U16 for MaixCAM2; MaixCAM ignores them.")
                     .arg(project.pulsar2.u16Layers.size()),
                 QStringLiteral("Keep those layers in BF16 (the quantize table) for MaixCAM."));
        }
        return found;
    }
    const Pulsar2Settings &s = project.pulsar2;
    if (!s.buildNpu && !s.buildVnpu) {
        found.append(make(Diagnostic::Severity::Error, QStringLiteral("pulsar2_no_build"),
                          QStringLiteral("Neither the full-NPU nor the half-NPU model is selected; nothing would be built."),
                          QStringLiteral("Select model_npu (NPU2), model_vnpu (NPU1) or both.")));
    }
    if (!project.quantization.quantizeTable.isEmpty()) {
        warn(QStringLiteral("device_setting_unused"),
             QStringLiteral("The BF16 quantize table (%1 layer(s)) is a MaixCAM setting; MaixCAM2 ignores it.")
                 .arg(project.quantization.quantizeTable.size()),
             QStringLiteral("Keep those layers in U16 for MaixCAM2 (Pulsar2 layer configs)."));
    }
    if (project.quantization.bf16 && !project.quantization.int8) {
        warn(QStringLiteral("device_setting_unused"),
             QStringLiteral("MaixCAM2 builds no BF16 model; Pulsar2 always quantises (U8, with U16 layers where asked)."));
    }
    if (project.preprocess.channelFormat != QLatin1String("nchw")) {
        warn(QStringLiteral("device_setting_unused"),
             QStringLiteral("The channel format '%1' is a MaixCAM input setting; a MaixCAM2 model always takes "
                            "NHWC U8 pixels and transposes inside.")
                 .arg(project.preprocess.channelFormat));
    }
    return found;
}

} // namespace Mcw::Core
