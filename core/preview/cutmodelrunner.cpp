// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cutmodelrunner.h"

#include "opencvmodelrewriter.h"

#include <core/onnx/graphcut.h>
#include <core/onnx/onnxloader.h>
#include <core/onnx/subgraphextractor.h>

#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>

namespace Mcw::Core {

struct CutModelRunner::Impl
{
    QString modelPath;
    QString inputName;
    QList<qint64> inputShape;
    QStringList outputNames;
    QStringList rewrites;
    QByteArray cutModel;
    Graph graph;  // the pinned full model, to locate a node OpenCV cannot run
    QMutex mutex; // cv::dnn::Net::forward is not reentrant
    cv::dnn::Net net;
};

CutModelRunner::CutModelRunner() = default;

// OpenCV's importer names the failing node as "Node [Op@domain]:(onnx_node!name)"; turn that
// into one sentence, keeping OpenCV's own reason.
static QString openCvFailure(const QString &modelPath, const cv::Exception &e, const char *stage)
{
    const QString what = QString::fromStdString(e.what());
    static const QRegularExpression node(
        QStringLiteral(R"(Node \[([^@\]]+)@[^\]]*\]:\((?:onnx_node!)?([^)]*)\))"));
    // e.err is "> Node [...] parse error: OpenCV(4.6.0) file:line: error: (-215:...) cond in
    // function 'f' >"; keep the condition only.
    QString reason = QString::fromStdString(e.err).simplified();
    if (const qsizetype at = reason.lastIndexOf(QLatin1String("error: ")); at >= 0)
        reason = reason.mid(at + 7);
    if (const qsizetype at = reason.indexOf(QLatin1String(" in function ")); at >= 0)
        reason = reason.left(at);
    while (reason.endsWith(QLatin1Char('>')) || reason.endsWith(QLatin1Char(' ')))
        reason.chop(1);
    const auto m = node.match(what);
    if (m.hasMatch()) {
        return QStringLiteral("%1: OpenCV 4.6 cannot %2 node %3 (op %4): %5.")
            .arg(modelPath, QString::fromLatin1(stage), m.captured(2), m.captured(1), reason);
    }
    return QStringLiteral("%1: OpenCV 4.6 cannot %2 the cut model: %3.")
        .arg(modelPath, QString::fromLatin1(stage), reason);
}

// Inferred static shapes by tensor name, for the rewrites that need the other operand's shape.
static QHash<QString, QList<qint64>> staticShapes(const Graph &graph)
{
    QHash<QString, QList<qint64>> shapes;
    for (const Tensor &t : graph.tensors()) {
        if (t.shape.known && t.shape.isStatic())
            shapes.insert(t.name, t.shape.values());
    }
    return shapes;
}

// Whether OpenCV loads and runs the model cut at \a tensor on \a blob.
static bool
runsUpTo(const Graph &graph, const QString &tensor, const QString &inputName, const cv::Mat &blob)
{
    const auto cut = SubgraphExtractor::extract(graph, {tensor});
    if (!cut)
        return true; // not a place we can test; do not blame it
    onnx::ModelProto proto;
    if (!proto.ParseFromArray(cut->bytes.constData(), int(cut->bytes.size())))
        return true;
    OpenCvModelRewriter::rewrite(proto, staticShapes(graph));
    const std::string bytes = proto.SerializeAsString();
    try {
        cv::dnn::Net net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
        net.setInput(blob, inputName.toStdString());
        std::vector<cv::Mat> outs;
        net.forward(outs, std::vector<cv::String>{tensor.toStdString()});
        return true;
    } catch (const cv::Exception &) {
        return false;
    } catch (const std::exception &) {
        return false;
    }
}

// Truncate-and-run bisection (feasibility.md §2): the first node, in topological order, whose
// output OpenCV cannot compute. Only float feature maps are tried: shape arithmetic is folded
// by the importer and cannot be a graph output there.
static QString firstFailingNode(const Graph &graph,
                                const QStringList &cutTensors,
                                const QString &inputName,
                                const cv::Mat &blob)
{
    const QList<bool> kept = nodesKeptByCut(graph, cutTensors);
    QList<int> candidates;
    for (int index : graph.topologicalOrder()) {
        const Node &node = graph.nodes().at(index);
        if (!kept.value(index) || node.outputs.isEmpty())
            continue;
        const Tensor *t = graph.tensor(node.outputs.first());
        if (t && t->type == DataType::Float && t->shape.known && t->shape.rank() >= 3)
            candidates.append(index);
    }
    int lo = 0;
    int hi = int(candidates.size()) - 1;
    int failing = -1;
    while (lo <= hi) {
        const int mid = (lo + hi) / 2;
        const Node &node = graph.nodes().at(candidates[mid]);
        if (runsUpTo(graph, node.outputs.first(), inputName, blob)) {
            lo = mid + 1;
        } else {
            failing = candidates[mid];
            hi = mid - 1;
        }
    }
    if (failing < 0)
        return {};
    const Node &node = graph.nodes().at(failing);
    return QStringLiteral("node %1 (op %2)")
        .arg(node.name.isEmpty() ? node.id : node.name, node.opType);
}

Expected<CutModelRunner> CutModelRunner::load(const QString &modelPath,
                                              const QStringList &cutTensors,
                                              const QList<qint64> &inputShape)
{
    OnnxLoader::Options probe;
    probe.inferShapes = false;
    const auto unpinned = OnnxLoader::loadFile(modelPath, probe);
    if (!unpinned)
        return Unexpected(unpinned.error());
    if (unpinned->inputNames().size() != 1) {
        return makeError(
            Error::Code::Unsupported,
            QStringLiteral("%1: the preview runs models with one image input; this one has %2.")
                .arg(modelPath)
                .arg(unpinned->inputNames().size()));
    }
    OnnxLoader::Options options;
    const QString inputName = unpinned->inputNames().first();
    if (!inputShape.isEmpty())
        options.inputShapes.insert(inputName, inputShape);
    const auto graph = OnnxLoader::loadFile(modelPath, options);
    if (!graph)
        return Unexpected(graph.error());
    const QStringList outputs = cutTensors.isEmpty() ? graph->outputNames() : cutTensors;
    for (const QString &name : outputs) {
        if (!graph->tensor(name)) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: the cut tensor '%2' is not in the model.")
                                 .arg(modelPath, name));
        }
    }
    const auto cut = SubgraphExtractor::extract(*graph, outputs);
    if (!cut)
        return Unexpected(cut.error());

    onnx::ModelProto proto;
    if (!proto.ParseFromArray(cut->bytes.constData(), int(cut->bytes.size()))) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("%1: the cut model could not be serialised.").arg(modelPath));
    }
    auto impl = std::make_shared<Impl>();
    impl->modelPath = modelPath;
    impl->inputName = inputName;
    impl->inputShape = inputShape.isEmpty() ? graph->tensor(inputName)->shape.values() : inputShape;
    impl->outputNames = outputs;
    impl->cutModel = cut->bytes;
    impl->graph = *graph;
    impl->rewrites = OpenCvModelRewriter::rewrite(proto, staticShapes(*graph));
    const std::string bytes = proto.SerializeAsString();
    // The failure reaches the user as one sentence; OpenCV's own log lines would only repeat it.
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    try {
        impl->net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    } catch (const cv::Exception &e) {
        return makeError(Error::Code::Unsupported, openCvFailure(modelPath, e, "load"));
    } catch (const std::exception &e) {
        return makeError(Error::Code::Unsupported,
                         QStringLiteral("%1: OpenCV 4.6 cannot load the cut model: %2")
                             .arg(modelPath, QString::fromLocal8Bit(e.what())));
    }
    if (impl->net.empty()) {
        return makeError(
            Error::Code::Unsupported,
            QStringLiteral("%1: OpenCV 4.6 loaded an empty network from the cut model.")
                .arg(modelPath));
    }
    impl->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    impl->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    CutModelRunner runner;
    runner.m_impl = std::move(impl);
    return runner;
}

QString CutModelRunner::modelPath() const
{
    return m_impl ? m_impl->modelPath : QString();
}
QString CutModelRunner::inputName() const
{
    return m_impl ? m_impl->inputName : QString();
}
QList<qint64> CutModelRunner::inputShape() const
{
    return m_impl ? m_impl->inputShape : QList<qint64>();
}
QStringList CutModelRunner::outputNames() const
{
    return m_impl ? m_impl->outputNames : QStringList();
}
QStringList CutModelRunner::rewrites() const
{
    return m_impl ? m_impl->rewrites : QStringList();
}
QByteArray CutModelRunner::cutModel() const
{
    return m_impl ? m_impl->cutModel : QByteArray();
}

Expected<QList<OutputTensor>> CutModelRunner::run(const InputTensor &input) const
{
    if (!m_impl)
        return makeError(QStringLiteral("No model is loaded for the preview."));
    if (input.shape != m_impl->inputShape) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("%1: the prepared input does not have the model's input shape.")
                .arg(m_impl->modelPath));
    }
    std::vector<int> dims;
    for (qint64 d : input.shape)
        dims.push_back(int(d));
    // The blob wraps the tensor; setInput copies it.
    const cv::Mat blob(
        int(dims.size()), dims.data(), CV_32F, const_cast<float *>(input.values.data()));
    std::vector<cv::Mat> outs;
    std::vector<cv::String> names;
    for (const QString &n : std::as_const(m_impl->outputNames))
        names.push_back(n.toStdString());
    {
        QMutexLocker lock(&m_impl->mutex);
        try {
            m_impl->net.setInput(blob, m_impl->inputName.toStdString());
            m_impl->net.forward(outs, names);
        } catch (const cv::Exception &e) {
            QString message = openCvFailure(m_impl->modelPath, e, "run");
            if (!message.contains(QLatin1String(" node "))) {
                const QString node
                    = firstFailingNode(m_impl->graph, m_impl->outputNames, m_impl->inputName, blob);
                if (!node.isEmpty()) {
                    message = QStringLiteral("%1: OpenCV 4.6 cannot run %2: %3")
                                  .arg(m_impl->modelPath,
                                       node,
                                       message.section(QStringLiteral(": "), -1));
                }
            }
            return makeError(Error::Code::Unsupported, message);
        } catch (const std::exception &e) {
            return makeError(Error::Code::Unsupported,
                             QStringLiteral("%1: OpenCV 4.6 cannot run the cut model: %2")
                                 .arg(m_impl->modelPath, QString::fromLocal8Bit(e.what())));
        }
    }
    QList<OutputTensor> result;
    for (size_t i = 0; i < outs.size() && i < size_t(m_impl->outputNames.size()); ++i) {
        OutputTensor t;
        t.name = m_impl->outputNames.at(qsizetype(i));
        cv::Mat m = outs[i].isContinuous() ? outs[i] : outs[i].clone();
        if (m.depth() != CV_32F)
            m.convertTo(m, CV_32F);
        for (int d = 0; d < m.dims; ++d)
            t.shape.append(m.size[d]);
        const auto *p = m.ptr<float>();
        t.values.assign(p, p + m.total());
        result.append(std::move(t));
    }
    return result;
}

} // namespace Mcw::Core
