// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulsar2failure.h"

#include <QRegularExpression>

namespace Mcw::Core {

static Diagnostic make(const QString &code, const QString &message, const QString &suggestion = {},
                       const QString &layer = {})
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.stage = QStringLiteral("pulsar2");
    d.code = code;
    d.message = message;
    d.suggestion = suggestion;
    d.tensorName = layer;
    return d;
}

std::optional<Diagnostic> Pulsar2Failure::classify(const QStringList &lines, int exitCode)
{
    static const QRegularExpression codeLine(
        QStringLiteral("CodeException: \\(<ErrorCode\\.(\\w+): (\\d+)>, (.*)\\)\\s*$"));
    static const QRegularExpression oprFailed(QStringLiteral("op name: ([^,]+), (\\w+), .*get opr failed"));
    static const QRegularExpression noBackend(QStringLiteral("Graph op: (.+?)\\((\\w+)\\) has no backend implementation"));
    static const QRegularExpression tileFail(QStringLiteral("TileFailException\\(\"?'?(Ax\\w+)"));
    static const QRegularExpression lutFloat(QStringLiteral("op: (Ax\\w+), 'dont support lut_float"));

    QString exception;
    QString codeName;
    QString layer;
    QString layerOp;
    bool indexError = false;
    bool killed = false;
    bool shapeFn = false;
    for (const QString &line : lines) {
        if (const auto m = codeLine.match(line); m.hasMatch()) {
            codeName = m.captured(1) + QStringLiteral(" ") + m.captured(2);
            exception = m.captured(3);
        } else if (line.startsWith(QLatin1String("IndexError: list assignment index out of range"))) {
            indexError = true;
        } else if (line.trimmed() == QLatin1String("Killed")) {
            killed = true;
        }
        if (line.contains(QLatin1String("shapefn failed")))
            shapeFn = true;
        if (const auto m = oprFailed.match(line); m.hasMatch()) {
            layer = m.captured(1).trimmed();
            layerOp = m.captured(2);
        } else if (const auto n = noBackend.match(line); n.hasMatch()) {
            layer = n.captured(1).trimmed();
            layerOp = n.captured(2);
        }
    }

    if (indexError) {
        return make(QStringLiteral("pulsar2_dst_perm_rank"),
                    QStringLiteral("Pulsar2 stopped with IndexError: a dst_perm has more entries than its output "
                                   "tensor has dimensions (a 4-D perm on a 3-D tensor)."),
                    QStringLiteral("Check the cut tensors' shapes: per-scale heads are 4-D; newer Ultralytics "
                                   "exports give flattened 3-D tensors under the same names."));
    }
    if (exception.isEmpty()) {
        if (killed || exitCode == 137) {
            return make(QStringLiteral("killed"),
                        QStringLiteral("Pulsar2 was killed, most likely because the machine ran out of memory."),
                        QStringLiteral("Close other programs or give Docker more memory (big models need ~20 GB)."));
        }
        return std::nullopt;
    }
    if (exception.contains(QLatin1String("ocm alloc"))) {
        return make(QStringLiteral("pulsar2_ocm"),
                    QStringLiteral("The build ran out of NPU on-chip memory (ocm alloc); the half-NPU (NPU1) build "
                                   "has less of it than the full-NPU one."),
                    QStringLiteral("Build model_npu only, or lower the input size."));
    }
    if (exception.contains(QLatin1String("Error parsing message with type 'onnx.ModelProto'"))) {
        return make(QStringLiteral("pulsar2_onnx_unreadable"),
                    QStringLiteral("Pulsar2 cannot read the ONNX model (it is not a valid ONNX file)."),
                    QStringLiteral("Export the model again, or check that the file is complete."));
    }
    if (const auto m = lutFloat.match(exception); m.hasMatch()) {
        return make(QStringLiteral("pulsar2_fp32_unsupported"),
                    QStringLiteral("A layer kept in FP32 is a %1, which the AX620E backend cannot run in float.")
                        .arg(m.captured(1)),
                    QStringLiteral("Keep that layer in U16 instead of FP32."));
    }
    if (exception.contains(QLatin1String("UINT16")) && exception.contains(QLatin1String("expect_type"))) {
        return make(QStringLiteral("pulsar2_u16_bug"),
                    QStringLiteral("Pulsar2 failed on a U16 layer (a known mixed-precision bug of some releases)."),
                    QStringLiteral("Keep fewer layers in U16, or use another Pulsar2 release."));
    }
    if (!layer.isEmpty()) {
        const bool nms = layerOp == QLatin1String("Mod") || layerOp == QLatin1String("NonMaxSuppression");
        return make(QStringLiteral("pulsar2_unsupported_op"),
                    QStringLiteral("Pulsar2 cannot build layer %1 (%2) for AX620E%3.")
                        .arg(layer, layerOp, nms ? QStringLiteral(": post-processing is left in the graph") : QString()),
                    QStringLiteral("Cut the model before this layer."), layer);
    }
    if (const auto m = tileFail.match(exception); m.hasMatch()) {
        return make(QStringLiteral("pulsar2_unsupported_op"),
                    QStringLiteral("The AX620E backend does not implement %1 although the operator list names it.")
                        .arg(m.captured(1)),
                    QStringLiteral("Replace the operator in the model or cut before it."));
    }
    if (shapeFn) {
        return make(QStringLiteral("pulsar2_dynamic_shape"),
                    QStringLiteral("Pulsar2 could not compute a shape (shapefn failed): a Reshape or Expand takes "
                                   "its shape from the running model instead of a constant."),
                    QStringLiteral("Export with a fixed input size and simplify the model."));
    }
    return make(QStringLiteral("pulsar2_failed"),
                QStringLiteral("Pulsar2 failed with %1: %2.").arg(codeName, exception.left(300)));
}

} // namespace Mcw::Core
