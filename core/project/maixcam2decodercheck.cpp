// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "maixcam2decodercheck.h"

#include <QStringList>

namespace Mcw::Core {

namespace {

QString shapeText(const QList<qint64> &shape)
{
    QStringList parts;
    for (qint64 d : shape)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

Diagnostic make(Diagnostic::Severity severity, const QString &code, const QString &message,
                const QString &suggestion, const QList<CutTensorShape> &outputs = {})
{
    Diagnostic d = makeDiagnostic(severity, QStringLiteral("preflight"), code, message, suggestion);
    for (const CutTensorShape &o : outputs)
        d.details.append(QStringLiteral("actual: %1 %2").arg(o.name, shapeText(o.shape)));
    if (outputs.size() == 1)
        d.tensorName = outputs.first().name;
    return d;
}

/** A per-scale head [1, 64+nc, H/s, W/s] (or its NHWC form) for one of the strides 8, 16, 32. */
bool isPerScaleHead(const QList<qint64> &s, qint64 h, qint64 w)
{
    if (s.size() != 4 || s[0] != 1)
        return false;
    for (qint64 stride : {8, 16, 32}) {
        if ((s[2] == h / stride && s[3] == w / stride && s[1] > 64)
            || (s[1] == h / stride && s[2] == w / stride && s[3] > 64))
            return true;
    }
    return false;
}

void checkUltralytics(const Project &project, qint64 h, qint64 w, const QList<CutTensorShape> &outputs,
                      QList<Diagnostic> *found)
{
    const QString task = project.task.isEmpty() ? QStringLiteral("detector") : project.task;
    const int perScaleCount = task == QLatin1String("detector") ? 3 : task == QLatin1String("seg") ? 5 : 4;
    const int dflCount = perScaleCount - 1; // DFL + Sigmoid replace the three heads
    const QString head = project.modelType == QLatin1String("yolo11") ? QStringLiteral("/model.23")
                                                                        : QStringLiteral("/model.22");
    const QString decoder = project.modelType == QLatin1String("yolo11") ? QStringLiteral("nn.YOLO11")
                                                                           : QStringLiteral("nn.YOLOv8");
    const QString perScaleFix = QStringLiteral(
        "Cut at the per-scale heads (Preset, or %1/Concat_1_output_0 … for a YOLOv8-era export); with a newer "
        "Ultralytics export cut at %1/cv2.{i}/cv2.{i}.2/Conv_output_0 and %1/cv3.{i}/cv3.{i}.2/Conv_output_0 and "
        "join each pair with Concat(axis=1), or use the DFL + Sigmoid cut.")
                                    .arg(head);
    const qsizetype n = outputs.size();
    if (n != perScaleCount && n != dflCount) {
        found->append(make(Diagnostic::Severity::Error, QStringLiteral("maixcam2_output_count"),
                           QStringLiteral("%1 on MaixCAM2 reads exactly %2 outputs for %3 (the three per-scale heads "
                                          "[1, 64+nc, H/s, W/s]%4), or %5 with the DFL + Sigmoid cut; this cut has %6.")
                               .arg(decoder)
                               .arg(perScaleCount)
                               .arg(task == QLatin1String("detector") ? QStringLiteral("a detector")
                                                                      : QStringLiteral("the %1 task").arg(task))
                               .arg(task == QLatin1String("detector") ? QString()
                                    : task == QLatin1String("seg")    ? QStringLiteral(", mask coefficients and prototypes")
                                    : task == QLatin1String("pose")   ? QStringLiteral(" and the keypoints")
                                                                      : QStringLiteral(" and the angle"))
                               .arg(dflCount)
                               .arg(n),
                           perScaleFix, outputs));
        return;
    }
    if (n != perScaleCount)
        return;
    // The version trap: the count of the per-scale cut, but the "heads" are flattened 3-D tensors.
    const qint64 anchors = (h / 8) * (w / 8) + (h / 16) * (w / 16) + (h / 32) * (w / 32);
    int heads = 0;
    QList<CutTensorShape> flattened;
    for (const CutTensorShape &o : outputs) {
        if (isPerScaleHead(o.shape, h, w))
            ++heads;
        else if (o.shape.size() == 3 && (o.shape[2] == anchors || o.shape[1] == anchors))
            flattened.append(o);
    }
    if (heads >= 3 || flattened.isEmpty())
        return;
    QStringList names;
    for (const CutTensorShape &o : std::as_const(flattened))
        names.append(QStringLiteral("'%1' %2").arg(o.name, shapeText(o.shape)));
    found->append(make(Diagnostic::Severity::Error, QStringLiteral("maixcam2_flattened_heads"),
                       QStringLiteral("%1 %2 flattened over all %3 anchors, not the per-scale heads [1, 64+nc, H/s, W/s] "
                                      "%4 needs: newer Ultralytics exports keep the old names on tensors concatenated "
                                      "across scales, and the 4-element dst_perm Sipeed's page gives the heads stops "
                                      "Pulsar2 with IndexError on them (MaixPy#208).")
                           .arg(names.join(QStringLiteral(", ")),
                                flattened.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"))
                           .arg(anchors)
                           .arg(decoder),
                       perScaleFix, outputs));
}

void checkYolov5(qint64 h, qint64 w, const QList<CutTensorShape> &outputs, QList<Diagnostic> *found)
{
    if (outputs.size() != 3) {
        found->append(make(Diagnostic::Severity::Error, QStringLiteral("maixcam2_output_count"),
                           QStringLiteral("nn.YOLOv5 on MaixCAM2 reads exactly 3 outputs, the NCHW head convolutions "
                                          "[1, 3·(5+nc), H/s, W/s] for strides 8, 16 and 32; this cut has %1.")
                               .arg(outputs.size()),
                           QStringLiteral("Cut at /model.24/m.0/Conv_output_0, /model.24/m.1/Conv_output_0 and "
                                          "/model.24/m.2/Conv_output_0."),
                           outputs));
        return;
    }
    for (const CutTensorShape &o : outputs) {
        const QList<qint64> &s = o.shape;
        bool nhwc = false;
        for (qint64 stride : {8, 16, 32})
            nhwc = nhwc || (s.size() == 4 && s[1] == h / stride && s[2] == w / stride && s[3] != w / stride);
        if (nhwc) {
            found->append(make(Diagnostic::Severity::Error, QStringLiteral("maixcam2_yolov5_layout"),
                               QStringLiteral("'%1' %2 is channels-last, but nn.YOLOv5 reads NCHW only (channels in "
                                              "dimension 1), so its heads take no dst_perm on MaixCAM2.")
                                   .arg(o.name, shapeText(s)),
                               QStringLiteral("Cut at the head convolutions themselves, before any Transpose or Reshape."),
                               {o}));
        }
    }
}

} // namespace

QList<Diagnostic> MaixCam2DecoderCheck::check(const Project &project, qint64 height, qint64 width,
                                              const QList<CutTensorShape> &outputs)
{
    QList<Diagnostic> found;
    if (project.device != Device::MaixCam2)
        return found;
    const bool cameraSize = (width == 640 && height == 480) || (width == 320 && height == 240);
    if (!cameraSize && height > 0 && width > 0) {
        found.append(make(Diagnostic::Severity::Info, QStringLiteral("maixcam2_input_size"),
                          QStringLiteral("The model takes %1×%2; Sipeed's MaixCAM2 models take the camera's 4:3 frames "
                                         "at 640×480 (or 320×240), so this size costs a resize of every frame.")
                              .arg(width)
                              .arg(height),
                          QStringLiteral("Export at 640×480 (imgsz=[480, 640]) unless the model needs this size.")));
    }
    const QString &type = project.modelType;
    if (type == QLatin1String("yolov8") || type == QLatin1String("yolo11"))
        checkUltralytics(project, height, width, outputs, &found);
    else if (type == QLatin1String("yolov5"))
        checkYolov5(height, width, outputs, &found);
    return found;
}

} // namespace Mcw::Core
