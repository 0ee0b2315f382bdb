// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "preflight.h"

#include <core/imaging/calibrationsetcheck.h>
#include <core/onnx/graphcut.h>
#include <core/onnx/macestimate.h>
#include <core/project/devicecheck.h>
#include <core/project/imageinput.h>
#include <core/project/maixcam2decodercheck.h>
#include <core/sha256.h>

#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <optional>

namespace Mcw::Core {

namespace {

/** A cut tensor with a fully static shape. */
struct Output
{
    QString name;
    QList<qint64> shape;
    QString producerOp;
    QString nodeId;
};

class Checker
{
public:
    Checker(const Project &project, const Graph &graph)
        : m_project(project)
        , m_graph(graph)
    {}

    QList<Diagnostic> diagnostics;

    Diagnostic &add(Diagnostic::Severity severity, const QString &code, const QString &message,
                    const QString &suggestion = {}, const QString &tensorName = {}, const QString &nodeId = {})
    {
        Diagnostic d;
        d.severity = severity;
        d.stage = QStringLiteral("preflight");
        d.code = code;
        d.message = message;
        d.suggestion = suggestion;
        d.tensorName = tensorName;
        d.nodeId = nodeId;
        diagnostics.append(d);
        return diagnostics.last();
    }
    Diagnostic &error(const QString &code, const QString &message, const QString &suggestion = {},
                      const QString &tensor = {}, const QString &node = {})
    {
        return add(Diagnostic::Severity::Error, code, message, suggestion, tensor, node);
    }
    Diagnostic &warning(const QString &code, const QString &message, const QString &suggestion = {},
                        const QString &tensor = {}, const QString &node = {})
    {
        return add(Diagnostic::Severity::Warning, code, message, suggestion, tensor, node);
    }

    void run();

private:
    bool checkInput();
    void checkPreprocess();
    std::optional<QList<Output>> checkCutTensors();
    void checkCalibrationSet();
    void checkModelType(const QList<Output> &outputs);
    int checkUltralytics(const QList<Output> &outputs);
    int checkYolov5(const QList<Output> &outputs);
    int checkYolo26(const QList<Output> &outputs);
    int checkClassifier(const QList<Output> &outputs);
    void checkLabels(int classCount);
    void checkQuantization();
    void checkFiles();
    void shapeError(const QString &message, const QList<Output> &outputs, const QStringList &expected);

    const Project &m_project;
    const Graph &m_graph;
    qint64 m_height = -1;
    qint64 m_width = -1;
    qint64 m_channels = -1;
};

QString shapeText(const QList<qint64> &shape)
{
    QStringList parts;
    for (qint64 d : shape)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool hasErrorCode(const QList<Diagnostic> &list, const QString &code)
{
    for (const Diagnostic &d : list) {
        if (d.code == code)
            return true;
    }
    return false;
}

bool isYolo(const QString &modelType)
{
    return modelType == QLatin1String("yolov5") || modelType == QLatin1String("yolov8")
           || modelType == QLatin1String("yolo11") || modelType == QLatin1String("yolo26");
}

} // namespace

QString Preflight::labelProblem(const QString &label)
{
    if (label.isEmpty())
        return QStringLiteral("is empty");
    if (label != label.trimmed())
        return QStringLiteral("has leading or trailing spaces, which the device strips");
    if (label.contains(QLatin1Char(',')))
        return QStringLiteral("contains ',', which separates labels in a MUD");
    if (label.contains(QLatin1Char('#')))
        return QStringLiteral("contains '#', which starts a comment in a MUD");
    if (label.contains(QLatin1Char('\n')) || label.contains(QLatin1Char('\r')))
        return QStringLiteral("contains a line break");
    return {};
}

int Preflight::countCalibrationImages(const QString &dir, int stopAfter)
{
    static const QSet<QString> suffixes{QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),
                                        QStringLiteral("bmp")};
    int count = 0;
    QDirIterator it(dir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (suffixes.contains(it.fileInfo().suffix().toLower())) {
            ++count;
            if (stopAfter > 0 && count >= stopAfter)
                break;
        }
    }
    return count;
}

bool Checker::checkInput()
{
    const QStringList inputs = m_graph.inputNames();
    if (inputs.isEmpty()) {
        error(QStringLiteral("input_missing"), QStringLiteral("The model has no input."));
        return false;
    }
    if (inputs.size() > 1) {
        warning(QStringLiteral("input_count"),
                QStringLiteral("The model has %1 inputs; MaixPy's image classes feed exactly one.").arg(inputs.size()),
                {}, inputs.first());
    }
    const Tensor *input = m_graph.tensor(inputs.first());
    QList<qint64> shape = m_project.inputShape;
    if (shape.isEmpty() && input && input->shape.known)
        shape = input->shape.values();
    if (shape.isEmpty()) {
        error(QStringLiteral("input_shape_unknown"),
              QStringLiteral("The input shape of '%1' is unknown.").arg(inputs.first()),
              QStringLiteral("Set the input shape, e.g. 1,3,224,320."), inputs.first());
        return false;
    }
    bool dynamic = false;
    for (qint64 d : shape)
        dynamic = dynamic || d <= 0;
    if (dynamic) {
        error(QStringLiteral("input_dynamic"),
              QStringLiteral("The input '%1' has dynamic dimensions %2; cvimodels need fixed ones.")
                  .arg(inputs.first(), shapeText(shape)),
              QStringLiteral("Fix them in the project's input shape (batch 1, H, W)."), inputs.first());
        return false;
    }
    if (input && input->shape.known) {
        const QList<qint64> declared = input->shape.values();
        bool mismatch = declared.size() != shape.size();
        for (int i = 0; !mismatch && i < declared.size(); ++i)
            mismatch = declared[i] >= 0 && declared[i] != shape[i];
        if (mismatch) {
            error(QStringLiteral("input_shape_mismatch"),
                  QStringLiteral("The project's input shape %1 does not fit the model's input %2.")
                      .arg(shapeText(shape), input->shape.toString()),
                  {}, inputs.first());
            return false;
        }
    }
    if (shape.size() != 4) {
        error(QStringLiteral("input_rank"),
              QStringLiteral("The input has rank %1; an image input needs 4 dimensions.").arg(shape.size()),
              {}, inputs.first());
        return false;
    }
    if (shape[0] != 1) {
        error(QStringLiteral("input_batch"), QStringLiteral("The batch size is %1; MaixCAM runs batch 1.").arg(shape[0]),
              QStringLiteral("Set the first input dimension to 1."), inputs.first());
    }
    const QString channelFormat = m_project.preprocess.channelFormat;
    const ImageInput::Dims dims = *ImageInput::dims(shape, channelFormat);
    m_channels = dims.channels;
    m_height = dims.height;
    m_width = dims.width;
    const qint64 wanted = ImageInput::channelCount(m_project.preprocess.pixelFormat);
    if (m_channels != wanted) {
        // An NHWC export read as NCHW shows its height as the channel count: say so.
        const bool otherLayout = ImageInput::channelFormatOf(shape) != channelFormat;
        error(QStringLiteral("input_channels"),
              QStringLiteral("The input has %1 channels but pixel format %2 gives %3.")
                  .arg(m_channels)
                  .arg(m_project.preprocess.pixelFormat)
                  .arg(wanted),
              otherLayout ? QStringLiteral("The shape looks %1: set channel_format: %1.")
                                .arg(ImageInput::channelFormatOf(shape))
                          : QString(),
              inputs.first());
    }
    if (isYolo(m_project.modelType) && (m_height % 32 != 0 || m_width % 32 != 0)) {
        error(QStringLiteral("input_not_multiple_of_32"),
              QStringLiteral("YOLO input width and height must be multiples of 32 (got %1×%2).").arg(m_width).arg(m_height),
              m_project.device == Device::MaixCam2
                  ? QStringLiteral("Export the model at 640×480, the size Sipeed's MaixCAM2 models use.")
                  : QStringLiteral("Export the model with an image size such as 320×224 or 640×640."),
              inputs.first());
    }
    return true;
}

void Checker::checkPreprocess()
{
    const Preprocess &pp = m_project.preprocess;
    const auto count = [](qsizetype n) { return n == 1 || n == 3; };
    if (!count(pp.mean.size()) || !count(pp.scale.size())) {
        error(QStringLiteral("mean_scale_count"),
              QStringLiteral("mean and scale need 1 or 3 values each (got %1 and %2).").arg(pp.mean.size()).arg(pp.scale.size()));
    } else if (pp.mean.size() != pp.scale.size()) {
        error(QStringLiteral("mean_scale_count"),
              QStringLiteral("mean has %1 values but scale has %2; the device needs equal counts.")
                  .arg(pp.mean.size())
                  .arg(pp.scale.size()));
    } else if (ImageInput::channelCount(pp.pixelFormat) == 1 && pp.mean.size() != 1) {
        error(QStringLiteral("mean_scale_count"), QStringLiteral("A gray model needs exactly one mean and one scale value."));
    }
    for (double s : pp.scale) {
        if (s == 0.0) {
            error(QStringLiteral("scale_zero"), QStringLiteral("A scale value is 0; the device refuses it."),
                  QStringLiteral("scale is 1/std, e.g. 0.00392156862745098 for std 255."));
            break;
        }
    }
    if (isYolo(m_project.modelType) && pp.pixelFormat == QLatin1String("gray"))
        error(QStringLiteral("pixel_format"), QStringLiteral("YOLO classes accept rgb or bgr input, not gray."));
}

std::optional<QList<Output>> Checker::checkCutTensors()
{
    QStringList names = m_project.cutTensors.isEmpty() ? m_graph.outputNames() : m_project.cutTensors;
    const QStringList graphInputs = m_graph.inputNames();
    // A cut tensor depends on the input when the subgraph it keeps reads a graph input.
    const auto dependsOnInput = [&](const QString &name) {
        if (graphInputs.contains(name))
            return true;
        const QList<bool> kept = nodesKeptByCut(m_graph, {name});
        for (int i = 0; i < kept.size(); ++i) {
            if (!kept[i])
                continue;
            for (const QString &in : m_graph.nodes().at(i).inputs) {
                if (graphInputs.contains(in))
                    return true;
            }
        }
        return false;
    };

    QList<Output> outputs;
    bool allStatic = true;
    QSet<QString> seen;
    for (const QString &name : std::as_const(names)) {
        if (seen.contains(name)) {
            error(QStringLiteral("cut_tensor_duplicate"), QStringLiteral("The cut tensor '%1' is listed twice.").arg(name),
                  {}, name);
            continue;
        }
        seen.insert(name);
        const Tensor *t = m_graph.tensor(name);
        if (!t) {
            error(QStringLiteral("cut_tensor_missing"),
                  QStringLiteral("The cut tensor '%1' does not exist in the model.").arg(name),
                  QStringLiteral("Pick the output in the graph; node names change between exporter versions."), name);
            allStatic = false;
            continue;
        }
        const QString nodeId = t->producer >= 0 ? m_graph.nodes().at(t->producer).id : QString();
        const QString opType = t->producer >= 0 ? m_graph.nodes().at(t->producer).opType : QString();
        if (!dependsOnInput(name)) {
            error(QStringLiteral("cut_tensor_unreachable"),
                  QStringLiteral("The cut tensor '%1' does not depend on the model input (it is a constant).").arg(name),
                  {}, name, nodeId);
            allStatic = false;
            continue;
        }
        if (!t->shape.known) {
            warning(QStringLiteral("cut_tensor_shape_unknown"),
                    QStringLiteral("The shape of '%1' could not be inferred, so it cannot be checked.").arg(name),
                    {}, name, nodeId);
            allStatic = false;
            continue;
        }
        if (!t->shape.isStatic()) {
            error(QStringLiteral("cut_tensor_dynamic"),
                  QStringLiteral("The cut tensor '%1' has a dynamic shape %2.").arg(name, t->shape.displayText()),
                  QStringLiteral("Fix the input shape so every dimension is known."), name, nodeId);
            allStatic = false;
            continue;
        }
        outputs.append({name, t->shape.values(), opType, nodeId});
    }
    if (!allStatic)
        return std::nullopt;
    return outputs;
}

void Checker::shapeError(const QString &message, const QList<Output> &outputs, const QStringList &expected)
{
    Diagnostic &d = error(QStringLiteral("output_shape"), message,
                          QStringLiteral("Cut at the tensors the MaixPy class expects (maixpy-mud.md §2.3)."));
    d.details.append(QStringLiteral("expected: ") + expected.join(QStringLiteral(" + ")));
    for (const Output &o : outputs)
        d.details.append(QStringLiteral("actual: %1 %2").arg(o.name, shapeText(o.shape)));
    if (outputs.size() == 1) {
        d.tensorName = outputs.first().name;
        d.nodeId = outputs.first().nodeId;
    }
}

int Checker::checkUltralytics(const QList<Output> &outputs)
{
    const QString task = m_project.task.isEmpty() ? QStringLiteral("detector") : m_project.task;
    const qint64 h = m_height;
    const qint64 w = m_width;
    const qint64 anchors = (h / 8) * (w / 8) + (h / 16) * (w / 16) + (h / 32) * (w / 32);
    const int mode1Count = task == QLatin1String("detector") ? 3 : task == QLatin1String("seg") ? 5 : 4;
    const bool mode1 = outputs.size() == mode1Count;

    QList<Output> rest = outputs;
    int nc = -1;
    const QString A = QString::number(anchors);
    QStringList expected;
    if (mode1) {
        expected << QStringLiteral("[1, 64+nc, %1, %2]").arg(h / 8).arg(w / 8)
                 << QStringLiteral("[1, 64+nc, %1, %2]").arg(h / 16).arg(w / 16)
                 << QStringLiteral("[1, 64+nc, %1, %2]").arg(h / 32).arg(w / 32);
        for (int stride : {8, 16, 32}) {
            const auto it = std::find_if(rest.begin(), rest.end(), [&](const Output &o) {
                if (o.shape.size() != 4 || o.shape[0] != 1)
                    return false;
                const bool nchw = o.shape[2] == h / stride && o.shape[3] == w / stride && o.shape[1] > 64;
                const bool nhwc = o.shape[1] == h / stride && o.shape[2] == w / stride && o.shape[3] > 64;
                return nchw || nhwc;
            });
            if (it == rest.end()) {
                shapeError(QStringLiteral("No head output for stride %1 (scheme 1 expects three [1, 64+nc, H/s, W/s] maps).")
                               .arg(stride),
                           outputs, expected);
                return -1;
            }
            const qint64 c = it->shape[1] > 64 && it->shape[2] == h / stride ? it->shape[1] : it->shape[3];
            if (nc >= 0 && c - 64 != nc) {
                shapeError(QStringLiteral("The three heads disagree on the class count."), outputs, expected);
                return -1;
            }
            nc = int(c - 64);
            rest.erase(it);
        }
    } else {
        expected << QStringLiteral("DFL [1, 1, 4, %1]").arg(A) << QStringLiteral("classes [1, nc, %1]").arg(A);
        const auto dfl = std::find_if(rest.begin(), rest.end(), [&](const Output &o) {
            return o.shape == QList<qint64>{1, 1, 4, anchors};
        });
        if (dfl == rest.end()) {
            shapeError(QStringLiteral("No DFL output of shape [1, 1, 4, %1] (scheme 2; A from the %2×%3 input).")
                           .arg(A).arg(w).arg(h),
                       outputs, expected);
            return -1;
        }
        rest.erase(dfl);
        // The class tensor: the Sigmoid output of shape [1, nc, A] (obb: Sigmoid_1, the angle is the other Sigmoid).
        QList<Output> perAnchor;
        for (const Output &o : std::as_const(rest)) {
            if (o.shape.size() == 3 && o.shape[0] == 1 && o.shape[2] == anchors)
                perAnchor.append(o);
        }
        auto cls = perAnchor.end();
        if (task == QLatin1String("obb")) {
            cls = std::find_if(perAnchor.begin(), perAnchor.end(), [](const Output &o) { return o.name.contains(QLatin1String("Sigmoid_1")); });
            if (cls == perAnchor.end()) {
                cls = std::find_if(perAnchor.begin(), perAnchor.end(), [](const Output &o) { return o.shape[1] != 1; });
            }
        } else {
            cls = std::find_if(perAnchor.begin(), perAnchor.end(), [](const Output &o) { return o.producerOp == QLatin1String("Sigmoid"); });
            if (cls == perAnchor.end() && task == QLatin1String("detector") && perAnchor.size() == 1)
                cls = perAnchor.begin();
        }
        if (cls == perAnchor.end()) {
            shapeError(QStringLiteral("No class-score output of shape [1, nc, %1] (a Sigmoid output) for scheme 2.").arg(A),
                       outputs, expected);
            return -1;
        }
        nc = int(cls->shape[1]);
        rest.erase(std::find_if(rest.begin(), rest.end(), [&](const Output &o) { return o.name == cls->name; }));
        if (nc == 4) {
            warning(QStringLiteral("yolo_nc4_scheme2"),
                    QStringLiteral("With 4 classes under scheme 2 the device can mistake the DFL output for the class scores."),
                    QStringLiteral("Prefer scheme 1 (the three head Concats) for 4-class models."));
        }
        if (task == QLatin1String("pose") && nc % 3 == 0) {
            warning(QStringLiteral("yolo_pose_nc_multiple_of_3"),
                    QStringLiteral("A pose model with %1 classes (a multiple of 3) can have its class scores taken for keypoints under scheme 2.").arg(nc),
                    QStringLiteral("Prefer scheme 1 (the three head Concats) for this class count."));
        }
    }

    // Task extras, shared by both schemes.
    const auto takePerAnchor = [&](auto predicate) -> std::optional<Output> {
        for (int i = 0; i < rest.size(); ++i) {
            const QList<qint64> &s = rest[i].shape;
            const bool nchw = s.size() == 3 && s[0] == 1 && s[2] == anchors;
            const bool nhwc = s.size() == 3 && s[0] == 1 && s[1] == anchors;
            const qint64 c = nchw ? s[1] : nhwc ? s[2] : -1;
            if (c > 0 && predicate(c)) {
                Output o = rest.takeAt(i);
                return o;
            }
        }
        return std::nullopt;
    };
    if (task == QLatin1String("pose")) {
        expected << QStringLiteral("keypoints [1, 3K, %1]").arg(A);
        if (!takePerAnchor([](qint64 c) { return c % 3 == 0; })) {
            shapeError(QStringLiteral("No keypoint output of shape [1, 3K, %1] for the pose task.").arg(A), outputs, expected);
            return -1;
        }
    } else if (task == QLatin1String("seg")) {
        expected << QStringLiteral("mask coefficients [1, 32, %1]").arg(A)
                 << QStringLiteral("prototypes [1, 32, %1, %2]").arg(h / 4).arg(w / 4);
        const bool coefficients = takePerAnchor([](qint64 c) { return c == 32; }).has_value();
        const auto proto = std::find_if(rest.begin(), rest.end(), [&](const Output &o) {
            return o.shape == QList<qint64>{1, 32, h / 4, w / 4} || o.shape == QList<qint64>{1, h / 4, w / 4, 32};
        });
        if (!coefficients || proto == rest.end()) {
            shapeError(QStringLiteral("The seg task needs mask coefficients [1, 32, %1] and prototypes [1, 32, %2, %3].")
                           .arg(A).arg(h / 4).arg(w / 4),
                       outputs, expected);
            return -1;
        }
        rest.erase(proto);
    } else if (task == QLatin1String("obb")) {
        expected << QStringLiteral("angle [1, 1, %1]").arg(A);
        if (!takePerAnchor([](qint64 c) { return c == 1; })) {
            shapeError(QStringLiteral("No angle output of shape [1, 1, %1] for the obb task.").arg(A), outputs, expected);
            return -1;
        }
    }
    if (!rest.isEmpty()) {
        shapeError(QStringLiteral("%1 output(s) do not fit %2 %3 (scheme %4): %5.")
                       .arg(rest.size())
                       .arg(m_project.modelType, task)
                       .arg(mode1 ? 1 : 2)
                       .arg(rest.first().name),
                   outputs, expected);
        return -1;
    }
    return nc;
}

int Checker::checkYolov5(const QList<Output> &outputs)
{
    QList<Output> sorted = outputs;
    // The device walks outputs by name and gives output i the anchors of stride 8·2^i.
    std::sort(sorted.begin(), sorted.end(), [](const Output &a, const Output &b) { return a.name.toStdString() < b.name.toStdString(); });
    const qsizetype n = sorted.size();
    QStringList expected;
    for (int i = 0; i < n; ++i)
        expected.append(QStringLiteral("[1, A·(5+nc), %1, %2]").arg(m_height >> (3 + i)).arg(m_width >> (3 + i)));
    for (const Output &o : std::as_const(sorted)) {
        if (o.shape.size() != 4 || o.shape[0] != 1) {
            shapeError(QStringLiteral("YOLOv5 outputs must be NCHW head convolutions of rank 4; '%1' is %2.")
                           .arg(o.name, shapeText(o.shape)),
                       outputs, expected);
            return -1;
        }
    }
    const qsizetype anchorNumbers = m_project.anchors.size();
    if (anchorNumbers == 0 || anchorNumbers % (2 * n) != 0) {
        error(QStringLiteral("yolov5_anchors"),
              QStringLiteral("YOLOv5 needs w,h anchor pairs for each of the %1 outputs (got %2 numbers).").arg(n).arg(anchorNumbers),
              QStringLiteral("The COCO default is 10,13, 16,30, 33,23, 30,61, 62,45, 59,119, 116,90, 156,198, 373,326."));
        return -1;
    }
    const qint64 perLayer = anchorNumbers / (2 * n);
    bool strideOrder = true;
    for (int i = 0; i < n; ++i) {
        const QList<qint64> &s = sorted[i].shape;
        strideOrder = strideOrder && s[2] == (m_height >> (3 + i)) && s[3] == (m_width >> (3 + i));
    }
    if (!strideOrder) {
        QList<qint64> heights;
        for (const Output &o : std::as_const(sorted))
            heights.append(o.shape[2]);
        QList<qint64> wanted;
        for (int i = 0; i < n; ++i)
            wanted.append(m_height >> (3 + i));
        std::sort(heights.begin(), heights.end(), std::greater<>());
        if (heights == wanted) {
            Diagnostic &d = error(QStringLiteral("yolov5_stride_order"),
                                  QStringLiteral("The output names do not sort in stride order, so the device applies the anchors to the wrong scales."),
                                  QStringLiteral("Order the cut tensors so their names sort as stride 8, 16, 32."));
            for (const Output &o : std::as_const(sorted))
                d.details.append(QStringLiteral("%1 %2").arg(o.name, shapeText(o.shape)));
        } else {
            shapeError(QStringLiteral("The YOLOv5 heads do not have the grid sizes of strides 8, 16 and 32 for a %1×%2 input.")
                           .arg(m_width).arg(m_height),
                       outputs, expected);
        }
        return -1;
    }
    const qint64 channels = sorted.first().shape[1];
    for (const Output &o : std::as_const(sorted)) {
        if (o.shape[1] != channels || channels % perLayer != 0 || channels / perLayer < 6) {
            shapeError(QStringLiteral("YOLOv5 heads need %1·(5+nc) channels each; '%2' has %3.")
                           .arg(perLayer).arg(o.name).arg(o.shape[1]),
                       outputs, expected);
            return -1;
        }
    }
    return int(channels / perLayer - 5);
}

int Checker::checkYolo26(const QList<Output> &outputs)
{
    const QStringList expected{QStringLiteral("per stride: boxes [1, 4, H/s, W/s] + classes [1, nc, H/s, W/s]")};
    if (outputs.size() < 6) {
        shapeError(QStringLiteral("YOLO26 needs at least 6 outputs (a box map and a class map per stride); got %1.").arg(outputs.size()),
                   outputs, expected);
        return -1;
    }
    int nc = -1;
    for (int stride : {8, 16, 32}) {
        QList<qint64> channels;
        for (const Output &o : outputs) {
            if (o.shape.size() == 4 && o.shape[2] == m_height / stride && o.shape[3] == m_width / stride)
                channels.append(o.shape[1]);
        }
        std::sort(channels.begin(), channels.end());
        const bool pair = channels.size() == 2 && (channels[0] == 4 || channels[1] == 4);
        if (!pair) {
            shapeError(QStringLiteral("YOLO26 needs one 4-channel box map and one class map at stride %1.").arg(stride),
                       outputs, expected);
            return -1;
        }
        const int classes = int(channels[0] == 4 ? channels[1] : channels[0]);
        if (nc >= 0 && nc != classes) {
            shapeError(QStringLiteral("The YOLO26 class maps disagree on the class count."), outputs, expected);
            return -1;
        }
        nc = classes;
    }
    return nc;
}

int Checker::checkClassifier(const QList<Output> &outputs)
{
    if (outputs.size() != 1) {
        shapeError(QStringLiteral("A classifier has a single output; got %1.").arg(outputs.size()), outputs,
                   {QStringLiteral("[1, nc] (logits)")});
        return -1;
    }
    const Output &o = outputs.first();
    if (o.producerOp == QLatin1String("Softmax") || o.producerOp == QLatin1String("LogSoftmax")) {
        const Node *node = m_graph.node(o.nodeId);
        const QString input = node && !node->inputs.isEmpty() ? node->inputs.first() : QString();
        warning(QStringLiteral("classifier_softmax_kept"),
                QStringLiteral("The classifier output '%1' comes from a %2; MaixPy applies softmax on the CPU.").arg(o.name, o.producerOp),
                input.isEmpty() ? QString() : QStringLiteral("Cut at '%1', the tensor before the %2.").arg(input, o.producerOp),
                o.name, o.nodeId);
    }
    qint64 count = 1;
    for (qint64 d : o.shape)
        count *= d;
    return int(o.shape.isEmpty() || o.shape[0] == 0 ? count : count / o.shape[0]);
}

void Checker::checkModelType(const QList<Output> &outputs)
{
    if (m_project.device == Device::MaixCam2) {
        QList<CutTensorShape> shapes;
        for (const Output &o : outputs)
            shapes.append({o.name, o.shape});
        const QList<Diagnostic> decoder = MaixCam2DecoderCheck::check(m_project, m_height, m_width, shapes);
        diagnostics += decoder;
        if (hasErrors(decoder))
            return; // its sentence names the fix; the generic shape errors would only repeat it
    }
    const QString &type = m_project.modelType;
    int nc = -1;
    if (type == QLatin1String("yolov8") || type == QLatin1String("yolo11"))
        nc = checkUltralytics(outputs);
    else if (type == QLatin1String("yolov5"))
        nc = checkYolov5(outputs);
    else if (type == QLatin1String("yolo26"))
        nc = checkYolo26(outputs);
    else if (type == QLatin1String("classifier"))
        nc = checkClassifier(outputs);
    if (nc >= 0)
        checkLabels(nc);
}

void Checker::checkLabels(int classCount)
{
    const qsizetype n = m_project.labels.size();
    if (n == 0 && m_project.modelType == QLatin1String("yolo26"))
        return; // YOLO26 names classes class_N by itself
    if (n != classCount) {
        error(QStringLiteral("label_count"),
              QStringLiteral("The project has %1 labels but the output shapes imply %2 classes.").arg(n).arg(classCount),
              QStringLiteral("The label count must equal the trained class count exactly."));
    }
}

void Checker::checkQuantization()
{
    const Quantization &q = m_project.quantization;
    const bool maixcam2 = m_project.device == Device::MaixCam2;
    diagnostics.append(DeviceCheck::check(m_project));
    if (maixcam2) {
        // Pulsar2 always quantises: the calibration images below are needed whatever the modes say.
    } else if (q.processor == QLatin1String("cv180x")) {
        warning(QStringLiteral("processor_cv180x"),
                QStringLiteral("A cv180x cvimodel does not run on MaixCAM or MaixCAM-Pro (they are cv181x)."),
                QStringLiteral("Use cv181x for MaixCAM."));
    } else if (q.processor != QLatin1String("cv181x")) {
        error(QStringLiteral("processor_unsupported"),
              QStringLiteral("Processor '%1' is not a MaixCAM target (cv181x).").arg(q.processor));
    }
    if (!maixcam2 && !q.int8 && !q.bf16) {
        error(QStringLiteral("quantize_none"), QStringLiteral("Neither INT8 nor BF16 is selected; nothing would be built."));
    }
    for (const auto &entry : q.quantizeTable) {
        if (!maixcam2 && entry.second != QLatin1String("BF16")) {
            error(QStringLiteral("quantize_mode_unsupported"),
                  QStringLiteral("Layer '%1' is set to %2; CV18xx only supports INT8 and BF16.").arg(entry.first, entry.second));
        }
    }
    if (!q.int8 && !maixcam2)
        return;
    if (!q.calibrationTable.isEmpty() && !QFileInfo(q.calibrationTable).isFile()) {
        error(QStringLiteral("calibration_table_missing"),
              QStringLiteral("The calibration table %1 adopted from a search does not exist.").arg(q.calibrationTable),
              QStringLiteral("Clear it in the Quantization form to calibrate again, or search again."));
    }
    if (q.inputNum < 1)
        error(QStringLiteral("calibration_input_num"), QStringLiteral("input_num must be at least 1."));
    if (q.datasetDir.isEmpty()) {
        error(QStringLiteral("calibration_missing"), QStringLiteral("INT8 needs a calibration image folder."),
              QStringLiteral("Choose 100–1000 images from the deployment scene."));
        return;
    }
    if (!QFileInfo(q.datasetDir).isDir()) {
        error(QStringLiteral("calibration_missing"),
              QStringLiteral("The calibration folder %1 does not exist.").arg(q.datasetDir));
        return;
    }
    const int count = Preflight::countCalibrationImages(q.datasetDir, q.inputNum);
    if (count < q.inputNum) {
        error(QStringLiteral("calibration_too_few"),
              QStringLiteral("The calibration folder %1 holds %2 images but input_num is %3.").arg(q.datasetDir).arg(count).arg(q.inputNum),
              QStringLiteral("Add images (jpg, jpeg, png, bmp) or lower input_num."));
    }
    checkCalibrationSet();
}

void Checker::checkCalibrationSet()
{
    const Quantization &q = m_project.quantization;
    CalibrationSetOptions options;
    options.inputNum = q.inputNum;
    const QList<qint64> &shape = m_project.inputShape;
    if (shape.size() == 4) {
        const bool nhwc = m_project.preprocess.channelFormat == QLatin1String("nhwc");
        options.inputHeight = int(shape.at(nhwc ? 1 : 2));
        options.inputWidth = int(shape.at(nhwc ? 2 : 3));
    }
    options.colorModel = m_project.preprocess.pixelFormat != QLatin1String("gray");
    if (!m_graph.isNull()) {
        options.inputNames = m_graph.inputNames();
        options.macsPerSample = estimateMultiplyAccumulates(m_graph);
    }
    const auto report = CalibrationSetCheck::inspect(q.datasetDir, options);
    if (report)
        diagnostics += CalibrationSetCheck::diagnostics(*report, options, q.datasetDir);
}

void Checker::checkFiles()
{
    if (m_project.testImage.isEmpty()) {
        // Pulsar2 checks with its own calibration samples; the test image is tpu-mlir's.
        if (m_project.device != Device::MaixCam2) {
            warning(QStringLiteral("test_image_missing"),
                    QStringLiteral("No test image: tpu-mlir will not compare the converted model with the ONNX model."),
                    QStringLiteral("Pick an image from the deployment scene."));
        }
    } else if (!QFileInfo(m_project.testImage).isFile()) {
        error(QStringLiteral("test_image_missing"), QStringLiteral("The test image %1 does not exist.").arg(m_project.testImage));
    }
    if (!m_project.modelSha256.isEmpty() && QFileInfo(m_project.modelPath).isFile()) {
        const auto sha = sha256OfFile(m_project.modelPath);
        if (sha && *sha != m_project.modelSha256) {
            warning(QStringLiteral("model_changed"),
                    QStringLiteral("%1 changed since the project was set up (SHA-256 differs).").arg(m_project.modelPath),
                    QStringLiteral("Check the cut tensors and labels still fit the new model."));
        }
    }
}

void Checker::run()
{
    static const QStringList knownTypes{QStringLiteral("yolov5"), QStringLiteral("yolov8"), QStringLiteral("yolo11"),
                                        QStringLiteral("yolo26"), QStringLiteral("classifier")};
    if (m_project.name.isEmpty() || m_project.name.contains(QLatin1Char('/')) || m_project.name.contains(QLatin1Char('#'))) {
        error(QStringLiteral("name_invalid"), QStringLiteral("The project name '%1' cannot be used as a file prefix.").arg(m_project.name));
    }
    if (m_project.modelType.isEmpty()) {
        error(QStringLiteral("model_type_missing"), QStringLiteral("No MaixPy model_type is set."),
              QStringLiteral("Choose yolov5, yolov8, yolo11, yolo26 or classifier."));
    } else if (!knownTypes.contains(m_project.modelType)) {
        warning(QStringLiteral("model_type_unchecked"),
                QStringLiteral("model_type '%1' has no shape checks in this tool.").arg(m_project.modelType));
    }
    if (m_project.modelType == QLatin1String("yolov8") || m_project.modelType == QLatin1String("yolo11")) {
        static const QStringList tasks{QString(), QStringLiteral("detector"), QStringLiteral("pose"),
                                       QStringLiteral("seg"), QStringLiteral("obb")};
        if (!tasks.contains(m_project.task)) {
            error(QStringLiteral("task_invalid"),
                  QStringLiteral("Task '%1' is not one the device knows (detector, pose, seg, obb).").arg(m_project.task),
                  m_project.task == QLatin1String("detect") ? QStringLiteral("Use 'detector'.") : QString());
        }
    }
    for (int i = 0; i < m_project.labels.size(); ++i) {
        const QString problem = Preflight::labelProblem(m_project.labels[i]);
        if (!problem.isEmpty()) {
            error(QStringLiteral("label_unsupported"),
                  QStringLiteral("Label %1 ('%2') %3.").arg(i).arg(m_project.labels[i], problem));
        }
    }
    checkPreprocess();
    checkQuantization();
    checkFiles();
    if (m_graph.isNull()) {
        error(QStringLiteral("model_missing"), QStringLiteral("The model is not loaded."));
        return;
    }
    if (!checkInput())
        return;
    const auto outputs = checkCutTensors();
    const bool taskKnown = !hasErrorCode(diagnostics, QStringLiteral("task_invalid"));
    if (outputs && taskKnown)
        checkModelType(*outputs);
}

QList<Diagnostic> Preflight::check(const Project &project, const Graph &graph)
{
    Checker checker(project, graph);
    checker.run();
    return checker.diagnostics;
}

} // namespace Mcw::Core
