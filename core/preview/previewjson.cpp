// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewjson.h"

#include <cmath>

namespace Mcw::Core {

// Pixel coordinates with two decimals: stable text, no float noise in diffs.
static double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

static QJsonArray shapeArray(const QList<qint64> &shape)
{
    QJsonArray a;
    for (qint64 d : shape)
        a.append(double(d));
    return a;
}

QJsonObject PreviewJson::detection(const Detection &d)
{
    QJsonObject o;
    o[QStringLiteral("class_id")] = d.classId;
    o[QStringLiteral("label")] = d.label;
    o[QStringLiteral("score")] = std::round(d.score * 10000.0) / 10000.0;
    o[QStringLiteral("box")] = QJsonArray{round2(d.x), round2(d.y), round2(d.w), round2(d.h)};
    if (d.rotated)
        o[QStringLiteral("angle")] = std::round(d.angle * 1e5) / 1e5;
    if (!d.keypoints.isEmpty()) {
        QJsonArray points;
        for (const QPointF &p : d.keypoints)
            points.append(QJsonArray{round2(p.x()), round2(p.y())});
        o[QStringLiteral("keypoints")] = points;
    }
    if (!d.mask.isEmpty()) {
        int inside = 0;
        for (char c : d.mask)
            inside += uchar(c) > 127 ? 1 : 0;
        o[QStringLiteral("mask")] = QJsonObject{{QStringLiteral("width"), d.maskWidth},
                                                {QStringLiteral("height"), d.maskHeight},
                                                {QStringLiteral("pixels_inside"), inside}};
    }
    o[QStringLiteral("tensor")] = d.sourceTensor;
    o[QStringLiteral("anchor")] = d.anchor;
    return o;
}

QJsonObject PreviewJson::classification(const Classification &c)
{
    return QJsonObject{{QStringLiteral("class_id"), c.classId},
                       {QStringLiteral("label"), c.label},
                       {QStringLiteral("score"), std::round(c.score * 1e6) / 1e6}};
}

QJsonObject PreviewJson::decoded(const DecodedOutputs &decoded, const QString &decodeError)
{
    QJsonObject o;
    o[QStringLiteral("decoder")] = decoded.decoder;
    if (!decodeError.isEmpty())
        o[QStringLiteral("decode_error")] = decodeError;
    QJsonArray detections;
    for (const Detection &d : decoded.detections)
        detections.append(detection(d));
    o[QStringLiteral("detections")] = detections;
    QJsonArray classes;
    for (const Classification &c : decoded.classes)
        classes.append(classification(c));
    o[QStringLiteral("classes")] = classes;
    o[QStringLiteral("notes")] = QJsonArray::fromStringList(decoded.notes);
    return o;
}

QJsonObject PreviewJson::result(const PreviewResult &r)
{
    QJsonObject o;
    o[QStringLiteral("schema_version")] = SchemaVersion;
    o[QStringLiteral("image")] = r.image.path;
    o[QStringLiteral("image_size")] = QJsonArray{r.image.width, r.image.height};
    const FitGeometry &g = r.input.geometry;
    o[QStringLiteral("input")] = QJsonObject{
        {QStringLiteral("name"), r.inputName},
        {QStringLiteral("shape"), shapeArray(r.input.shape)},
        {QStringLiteral("layout"), r.input.nhwc ? QStringLiteral("nhwc") : QStringLiteral("nchw")},
        {QStringLiteral("fit"), deviceFitName(g.fit)},
        {QStringLiteral("resized"), QJsonArray{g.resizedWidth, g.resizedHeight}},
        {QStringLiteral("offset"), QJsonArray{g.offsetX, g.offsetY}}};
    o[QStringLiteral("rewrites")] = QJsonArray::fromStringList(r.rewrites);
    QJsonArray outputs;
    for (const OutputTensor &t : r.outputs)
        outputs.append(QJsonObject{{QStringLiteral("name"), t.name},
                                   {QStringLiteral("shape"), shapeArray(t.shape)}});
    o[QStringLiteral("outputs")] = outputs;
    o[QStringLiteral("fp32")] = decoded(r.decoded, r.decodeError);
    o[QStringLiteral("timings_ms")] = QJsonObject{{QStringLiteral("load"), round2(r.loadMs)},
                                                  {QStringLiteral("prepare"), round2(r.prepareMs)},
                                                  {QStringLiteral("forward"), round2(r.forwardMs)},
                                                  {QStringLiteral("decode"), round2(r.decodeMs)},
                                                  {QStringLiteral("draw"), round2(r.drawMs)}};
    return o;
}

QJsonObject PreviewJson::int8(const Int8SideBySide &r)
{
    QJsonObject o;
    o[QStringLiteral("input_file")] = r.inputFile;
    o[QStringLiteral("outputs_file")] = r.outputsFile;
    o[QStringLiteral("fp32")] = decoded(r.fp32, r.fp32Error);
    o[QStringLiteral("int8")] = decoded(r.int8, r.int8Error);
    const DetectionComparison &c = r.comparison;
    QJsonArray pairs;
    for (const DetectionComparison::Pair &p : c.pairs) {
        pairs.append(QJsonObject{{QStringLiteral("kind"), DetectionComparison::kindName(p.kind)},
                                 {QStringLiteral("fp32"), p.fp32},
                                 {QStringLiteral("int8"), p.int8},
                                 {QStringLiteral("iou"), std::round(p.iou * 1e4) / 1e4}});
    }
    o[QStringLiteral("pairs")] = pairs;
    o[QStringLiteral("counts")]
        = QJsonObject{{QStringLiteral("matched"), c.matched},
                      {QStringLiteral("shifted"), c.shifted},
                      {QStringLiteral("class_changed"), c.classChanged},
                      {QStringLiteral("missed"), c.missed},
                      {QStringLiteral("extra"), c.extra},
                      {QStringLiteral("mean_iou"), std::round(c.meanIou * 1e4) / 1e4}};
    if (c.isClassifier)
        o[QStringLiteral("top1_agrees")] = c.top1Agrees;
    o[QStringLiteral("summary")] = c.summary();
    return o;
}

QJsonObject PreviewJson::folder(const FolderComparison &folder)
{
    QJsonArray rows;
    for (const FolderComparison::Row &r : folder.rows) {
        const DetectionComparison &c = r.comparison;
        QJsonObject row{{QStringLiteral("image"), r.image},
                        {QStringLiteral("matched"), c.matched},
                        {QStringLiteral("shifted"), c.shifted},
                        {QStringLiteral("class_changed"), c.classChanged},
                        {QStringLiteral("missed"), c.missed},
                        {QStringLiteral("extra"), c.extra},
                        {QStringLiteral("mean_iou"), std::round(c.meanIou * 1e4) / 1e4}};
        if (c.isClassifier)
            row[QStringLiteral("top1_agrees")] = c.top1Agrees;
        if (!r.decodeError.isEmpty())
            row[QStringLiteral("decode_error")] = r.decodeError;
        rows.append(row);
    }
    return QJsonObject{{QStringLiteral("rows"), rows},
                       {QStringLiteral("summary"), folder.summary()}};
}

} // namespace Mcw::Core
