// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "familydetector.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace Mcw::Core {

namespace {

using Dims = QList<qint64>;

/** Input geometry of an NCHW image model; -1 when unknown. */
struct InputSize
{
    qint64 height = -1;
    qint64 width = -1;

    bool known() const { return height > 0 && width > 0; }
    /** Anchor count of the three YOLOv8-style strides 8/16/32. */
    qint64 anchors() const
    {
        return (height / 8) * (width / 8) + (height / 16) * (width / 16)
               + (height / 32) * (width / 32);
    }
};

// Static dims of a tensor, empty when absent or not fully static.
Dims dimsOf(const Graph &graph, const QString &name)
{
    const Tensor *t = graph.tensor(name);
    if (!t || !t->shape.isStatic())
        return {};
    return t->shape.values();
}

InputSize inputSize(const Graph &graph)
{
    for (const QString &name : graph.inputNames()) {
        const Dims dims = dimsOf(graph, name);
        if (dims.size() == 4 && dims[1] <= 4 && dims[2] > 0 && dims[3] > 0)
            return InputSize{dims[2], dims[3]};
    }
    return {};
}

bool isYoloV8Box(const Dims &d, qint64 anchors)
{
    return d.size() == 4 && d[0] == 1 && d[1] == 1 && d[2] == 4 && d[3] == anchors;
}

// [1, c, A] with c >= 1.
bool isPerAnchor(const Dims &d, qint64 anchors)
{
    return d.size() == 3 && d[0] == 1 && d[1] >= 1 && d[2] == anchors;
}

QString shapeText(const Dims &d)
{
    QStringList parts;
    for (qint64 v : d)
        parts.append(QString::number(v));
    return QStringLiteral("[%1]").arg(parts.join(QLatin1Char(',')));
}

// Ultralytics writes `names` as a Python dict literal: {0: 'person', 1: 'bicycle', ...}.
int metadataClassCount(const Graph &graph)
{
    const QString names = graph.metadataValue(QStringLiteral("names"));
    if (names.isEmpty())
        return -1;
    static const QRegularExpression key(QStringLiteral("(?:^|[{,])\\s*\\d+\\s*:"));
    int count = 0;
    auto it = key.globalMatch(names);
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count;
}

FamilyDetection unknown(const QString &reason)
{
    FamilyDetection d;
    d.reason = reason;
    return d;
}

// Adds a note when Ultralytics metadata disagrees with what the shapes say.
void noteMetadata(const Graph &graph, FamilyDetection &d)
{
    static const QHash<QString, QString> taskNames = {
        {QStringLiteral("detect"), QStringLiteral("detect")},
        {QStringLiteral("pose"), QStringLiteral("pose")},
        {QStringLiteral("segment"), QStringLiteral("seg")},
        {QStringLiteral("obb"), QStringLiteral("obb")},
        {QStringLiteral("classify"), QStringLiteral("classify")},
    };
    const QString task = graph.metadataValue(QStringLiteral("task"));
    if (!task.isEmpty() && taskNames.value(task, task) != d.task) {
        d.reason += QStringLiteral(" The metadata says task \"%1\", but the shapes decide.").arg(task);
    }
    const int names = metadataClassCount(graph);
    if (names > 0 && d.classCount > 0 && names != d.classCount) {
        d.reason += QStringLiteral(" The metadata names %1 classes, the shapes %2.")
                        .arg(names)
                        .arg(d.classCount);
    }
}

// --- YOLOv8 / YOLO11 (and YOLOv5u, which MaixPy runs as YOLOv8) -----------------------------

std::optional<FamilyDetection> detectYoloV8Like(const Graph &graph, const InputSize &input)
{
    static const QRegularExpression dflName(QStringLiteral("^/model\\.(\\d+)/dfl/conv/Conv_output_0$"));
    QString prefix;
    int headIndex = -1;
    for (const Tensor &t : graph.tensors()) {
        const auto match = dflName.match(t.name);
        if (match.hasMatch() && t.producer >= 0) {
            headIndex = match.captured(1).toInt();
            prefix = QStringLiteral("/model.%1/").arg(headIndex);
            break;
        }
    }
    if (headIndex < 0)
        return std::nullopt;

    const QString dfl = prefix + QStringLiteral("dfl/conv/Conv_output_0");
    const Dims dflDims = dimsOf(graph, dfl);
    const qint64 anchors = input.known() ? input.anchors() : (dflDims.size() == 4 ? dflDims[3] : -1);
    const QString family = headIndex == 23 ? QStringLiteral("yolo11") : QStringLiteral("yolov8");
    const QString label = family == QLatin1String("yolo11") ? QStringLiteral("YOLO11") : QStringLiteral("YOLOv8");
    if (anchors <= 0 || !isYoloV8Box(dflDims, anchors)) {
        return unknown(QStringLiteral("%1 is named like a %2 DFL output but has shape %3, not "
                                      "[1,1,4,%4].")
                           .arg(dfl, label, shapeText(dflDims))
                           .arg(anchors));
    }

    const QString sigmoid = prefix + QStringLiteral("Sigmoid_output_0");
    const QString sigmoid1 = prefix + QStringLiteral("Sigmoid_1_output_0");
    const QString extra = prefix + QStringLiteral("Concat_output_0");
    const Dims sigmoidDims = dimsOf(graph, sigmoid);
    const Dims sigmoid1Dims = dimsOf(graph, sigmoid1);
    const Dims extraDims = dimsOf(graph, extra);
    if (!isPerAnchor(sigmoidDims, anchors)) {
        return unknown(QStringLiteral("%1 has shape %2, not [1,classes,%3] as a %4 class output.")
                           .arg(sigmoid, shapeText(sigmoidDims))
                           .arg(anchors)
                           .arg(label));
    }

    FamilyDetection d;
    d.family = family;
    d.task = QStringLiteral("detect");
    d.classCount = int(sigmoidDims[1]);
    QString classTensor = sigmoid;
    QStringList extraScheme2;
    QStringList extraScheme1;
    QString evidence;

    // Prototype masks of a seg model: [1,32,H/4,W/4], a graph output (Ultralytics names it output1).
    QString protoTensor;
    for (const QString &name : graph.outputNames()) {
        const Dims p = dimsOf(graph, name);
        if (p.size() == 4 && p[0] == 1 && p[1] == 32
            && (!input.known() || (p[2] == input.height / 4 && p[3] == input.width / 4))) {
            protoTensor = name;
        }
    }

    if (sigmoidDims[1] == 1 && isPerAnchor(sigmoid1Dims, anchors)) {
        // OBB: the angle branch runs first, so its Sigmoid is the plain one; the raw angle
        // (Concat) is what scheme 1 cuts at.
        d.task = QStringLiteral("obb");
        d.classCount = int(sigmoid1Dims[1]);
        classTensor = sigmoid1;
        extraScheme2 = {sigmoid};
        if (isPerAnchor(extraDims, anchors) && extraDims[1] == 1)
            extraScheme1 = {extra};
        evidence = QStringLiteral("angle %1").arg(shapeText(sigmoidDims));
    } else if (isPerAnchor(extraDims, anchors) && extraDims[1] == 32 && !protoTensor.isEmpty()) {
        d.task = QStringLiteral("seg");
        extraScheme2 = {extra, protoTensor};
        extraScheme1 = extraScheme2;
        evidence = QStringLiteral("mask coefficients %1, prototypes %2")
                       .arg(shapeText(extraDims), shapeText(dimsOf(graph, protoTensor)));
    } else if (isPerAnchor(extraDims, anchors) && extraDims[1] % 3 == 0) {
        d.task = QStringLiteral("pose");
        extraScheme2 = {extra};
        extraScheme1 = extraScheme2;
        evidence = QStringLiteral("%1 keypoints %2").arg(extraDims[1] / 3).arg(shapeText(extraDims));
    }

    // Scheme 1: the per-stride box+class maps [1, 64+nc, H/s, W/s], found by shape in the head.
    QList<QPair<qint64, QString>> perStride;
    for (const Node &node : graph.nodes()) {
        if (node.opType != QLatin1String("Concat") || !node.name.startsWith(prefix)
            || node.outputs.isEmpty()) {
            continue;
        }
        const Dims c = dimsOf(graph, node.outputs.first());
        if (c.size() != 4 || c[0] != 1 || c[1] != 64 + d.classCount)
            continue;
        if (input.known()) {
            const qint64 stride = input.height / std::max<qint64>(c[2], 1);
            if ((stride != 8 && stride != 16 && stride != 32) || c[2] * stride != input.height
                || c[3] * stride != input.width) {
                continue;
            }
        }
        perStride.append({-c[2], node.outputs.first()}); // largest map (stride 8) first
    }
    std::sort(perStride.begin(), perStride.end());

    d.recommendedOutputs = QStringList{dfl, classTensor} + extraScheme2;
    if (perStride.size() == 3 && (d.task != QLatin1String("obb") || !extraScheme1.isEmpty())) {
        for (const auto &entry : std::as_const(perStride))
            d.alternativeOutputs.append(entry.second);
        d.alternativeOutputs += extraScheme1;
    }
    d.reason = QStringLiteral("%1 %2 head at %3 verified by shapes: DFL %4, classes %5%6.")
                   .arg(label, d.task, prefix.chopped(1), shapeText(dflDims),
                        shapeText(dimsOf(graph, classTensor)),
                        evidence.isEmpty() ? QString() : QStringLiteral(", ") + evidence);
    return d;
}

// --- YOLO26 (NMS-free one2one head) ------------------------------------------------------------

std::optional<FamilyDetection> detectYolo26(const Graph &graph, const InputSize &input)
{
    const QString boxPattern = QStringLiteral("/model.23/one2one_cv2.%1/one2one_cv2.%1.2/Conv_output_0");
    const QString clsPattern = QStringLiteral("/model.23/one2one_cv3.%1/one2one_cv3.%1.2/Conv_output_0");
    if (!graph.tensor(boxPattern.arg(0)))
        return std::nullopt;
    FamilyDetection d;
    QStringList boxes;
    QStringList classes;
    for (int i = 0; i < 3; ++i) {
        const Dims box = dimsOf(graph, boxPattern.arg(i));
        const Dims cls = dimsOf(graph, clsPattern.arg(i));
        const qint64 stride = qint64(8) << i;
        const bool gridOk = box.size() == 4 && cls.size() == 4 && box[2] == cls[2]
                            && box[3] == cls[3]
                            && (!input.known()
                                || (box[2] * stride == input.height && box[3] * stride == input.width));
        if (!gridOk || box[0] != 1 || box[1] != 4 || cls[0] != 1 || cls[1] < 1
            || (d.classCount > 0 && cls[1] != d.classCount)) {
            return unknown(QStringLiteral("The YOLO26 one2one head at stride %1 has shapes %2 and %3, "
                                          "not [1,4,H/%1,W/%1] and [1,classes,H/%1,W/%1].")
                               .arg(stride)
                               .arg(shapeText(box), shapeText(cls)));
        }
        d.classCount = int(cls[1]);
        boxes.append(boxPattern.arg(i));
        classes.append(clsPattern.arg(i));
    }
    d.family = QStringLiteral("yolo26");
    d.task = QStringLiteral("detect");
    d.recommendedOutputs = boxes + classes;
    d.reason = QStringLiteral("YOLO26 one2one head at /model.23 verified by shapes: three 4-channel "
                              "box maps and three %1-channel class maps.")
                   .arg(d.classCount);
    return d;
}

// --- YOLOv5 (anchor-based, three raw head convs) -----------------------------------------------

std::optional<FamilyDetection> detectYoloV5(const Graph &graph, const InputSize &input)
{
    const QString pattern = QStringLiteral("/model.24/m.%1/Conv_output_0");
    if (!graph.tensor(pattern.arg(0)))
        return std::nullopt;
    FamilyDetection d;
    qint64 channels = -1;
    QStringList heads;
    for (int i = 0; i < 3; ++i) {
        const Dims c = dimsOf(graph, pattern.arg(i));
        const qint64 stride = qint64(8) << i;
        const bool ok = c.size() == 4 && c[0] == 1 && c[1] % 3 == 0 && c[1] / 3 >= 6
                        && (channels < 0 || c[1] == channels)
                        && (!input.known() || (c[2] * stride == input.height && c[3] * stride == input.width));
        if (!ok) {
            return unknown(QStringLiteral("%1 has shape %2, not the YOLOv5 head shape "
                                          "[1,3*(5+classes),H/%3,W/%3].")
                               .arg(pattern.arg(i), shapeText(c))
                               .arg(stride));
        }
        channels = c[1];
        heads.append(pattern.arg(i));
    }
    d.family = QStringLiteral("yolov5");
    d.task = QStringLiteral("detect");
    d.classCount = int(channels / 3 - 5);
    d.recommendedOutputs = heads;
    d.reason = QStringLiteral("YOLOv5 head at /model.24 verified by shapes: three NCHW maps with "
                              "%1 = 3*(5+%2) channels at strides 8, 16 and 32.")
                   .arg(channels)
                   .arg(d.classCount);
    return d;
}

// --- Classifier ending in Softmax --------------------------------------------------------------

std::optional<FamilyDetection> detectClassifier(const Graph &graph)
{
    const QStringList outputs = graph.outputNames();
    if (outputs.size() != 1)
        return std::nullopt;
    const Tensor *out = graph.tensor(outputs.first());
    if (!out || out->producer < 0)
        return std::nullopt;
    const Node &softmax = graph.nodes().at(out->producer);
    if (softmax.opType != QLatin1String("Softmax") || softmax.inputs.isEmpty())
        return std::nullopt;
    // Class scores: [N, classes] (trailing 1s allowed); the class dim must be static.
    const Shape &shape = out->shape;
    qint64 classes = -1;
    if (shape.known && shape.rank() >= 2) {
        int last = shape.rank() - 1;
        while (last > 1 && shape.dims[last].value == 1)
            --last;
        bool onlyOnes = true;
        for (int i = last + 1; i < shape.rank(); ++i)
            onlyOnes = onlyOnes && shape.dims[i].value == 1;
        if (onlyOnes && shape.dims[last].isStatic())
            classes = shape.dims[last].value;
    }
    if (classes < 2) {
        return unknown(QStringLiteral("The model ends in Softmax, but its output %1 has shape %2, "
                                      "not [N,classes].")
                           .arg(out->name, shape.displayText()));
    }
    FamilyDetection d;
    d.family = QStringLiteral("classifier");
    d.task = QStringLiteral("classify");
    d.classCount = int(classes);
    d.recommendedOutputs = {softmax.inputs.first()};
    d.reason = QStringLiteral("The model ends in Softmax over %1 classes; MaixCAM applies softmax "
                              "on the CPU, so the cut is its input %2.")
                   .arg(classes)
                   .arg(softmax.inputs.first());
    return d;
}

} // namespace

FamilyDetection detectFamily(const Graph &graph)
{
    if (graph.isNull())
        return unknown(QStringLiteral("No model is loaded."));
    const InputSize input = inputSize(graph);
    std::optional<FamilyDetection> found;
    // YOLOv5u carries a DFL head at model.24 too, so the DFL check goes before YOLOv5.
    if (!(found = detectYoloV8Like(graph, input)) && !(found = detectYolo26(graph, input))
        && !(found = detectYoloV5(graph, input)) && !(found = detectClassifier(graph))) {
        return unknown(QStringLiteral("No YOLOv5, YOLOv8, YOLO11 or YOLO26 head and no final Softmax "
                                      "was found."));
    }
    if (found->family != QLatin1String("unknown"))
        noteMetadata(graph, *found);
    return *found;
}

} // namespace Mcw::Core
