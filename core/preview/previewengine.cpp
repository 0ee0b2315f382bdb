// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewengine.h"

#include "outputdecoder.h"
#include "previewrenderer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

static double elapsedMs(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

Expected<CutModelRunner> PreviewEngine::runnerFor(const Project &project)
{
    QMutexLocker lock(&m_mutex);
    double ms = 0;
    return runnerLocked(project, &ms);
}

Expected<CutModelRunner> PreviewEngine::runnerLocked(const Project &project, double *loadMs)
{
    // A changed file on disk (same path) must reload too.
    const QFileInfo info(project.modelPath);
    QStringList shape;
    for (qint64 d : project.inputShape)
        shape.append(QString::number(d));
    const QString key = QStringList{project.modelPath,
                                    info.lastModified().toString(Qt::ISODateWithMs),
                                    QString::number(info.size()),
                                    project.cutTensors.join(QLatin1Char('\n')),
                                    shape.join(QLatin1Char(','))}
                            .join(QLatin1Char('\t'));
    *loadMs = 0;
    if (!m_runner.isNull() && key == m_runnerKey)
        return m_runner;
    QElapsedTimer timer;
    timer.start();
    auto loaded = CutModelRunner::load(project.modelPath, project.cutTensors, project.inputShape);
    if (!loaded)
        return loaded;
    *loadMs = elapsedMs(timer);
    m_runner = *loaded;
    m_runnerKey = key;
    m_fp32ByInput.clear();
    return m_runner;
}

Expected<PreviewResult> PreviewEngine::run(const Project &project,
                                           const QString &imagePath,
                                           const DecoderSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    PreviewResult result;
    auto runner = runnerLocked(project, &result.loadMs);
    if (!runner)
        return Unexpected(runner.error());

    QElapsedTimer timer;
    timer.start();
    if (m_image.isNull() || m_image.path != imagePath) {
        auto image = SourceImage::load(imagePath);
        if (!image)
            return Unexpected(image.error());
        m_image = *image;
    }
    result.image = m_image;
    auto input = InputTensor::prepare(
        m_image, runner->inputShape(), project.preprocess, deviceFitFor(project.modelType));
    if (!input)
        return makeError(input.error().code,
                         QStringLiteral("%1: %2").arg(project.modelPath, input.error().message));
    result.input = std::move(*input);
    result.inputName = runner->inputName();
    result.prepareMs = elapsedMs(timer);

    timer.restart();
    auto outputs = runner->run(result.input);
    if (!outputs)
        return Unexpected(outputs.error());
    result.outputs = std::move(*outputs);
    result.forwardMs = elapsedMs(timer);
    result.rewrites = runner->rewrites();

    timer.restart();
    DecoderSettings s = settings;
    const QList<qint64> &shape = runner->inputShape();
    const bool nhwc = shape.size() == 4 && shape[3] <= 4;
    s.inputHeight = int(shape.value(nhwc ? 1 : 2));
    s.inputWidth = int(shape.value(nhwc ? 2 : 3));
    auto decoded = OutputDecoder::decode(result.outputs, s, result.input.geometry);
    if (decoded)
        result.decoded = std::move(*decoded);
    else
        result.decodeError = decoded.error().message;
    result.decodeMs = elapsedMs(timer);

    timer.restart();
    result.drawn = PreviewRenderer::draw(result.image, result.decoded, PreviewRenderer::Options{});
    result.drawMs = elapsedMs(timer);
    return result;
}

// The model input as an RGB picture: undo (pixel - mean) * scale, clamp to 8 bits.
static SourceImage imageFromInput(const InputTensor &input, const Preprocess &p)
{
    const bool nhwc = input.nhwc;
    const int c = int(nhwc ? input.shape[3] : input.shape[1]);
    const int h = int(nhwc ? input.shape[1] : input.shape[2]);
    const int w = int(nhwc ? input.shape[2] : input.shape[3]);
    SourceImage image;
    image.path = QStringLiteral("(model input)");
    image.width = w;
    image.height = h;
    image.rgb.resize(qsizetype(w) * h * 3);
    const bool bgr = p.pixelFormat == QLatin1String("bgr");
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            for (int k = 0; k < 3; ++k) {
                const int ch = c == 1 ? 0 : (bgr ? 2 - k : k);
                const qsizetype pixel = qsizetype(y) * w + x;
                const float v
                    = input.values[size_t(nhwc ? pixel * c + ch : ch * qsizetype(w) * h + pixel)];
                const double scale = p.scale.value(ch, 1.0);
                const double value = (scale != 0.0 ? v / scale : 0.0) + p.mean.value(ch, 0.0);
                image.rgb[pixel * 3 + k] = char(std::clamp(int(std::lround(value)), 0, 255));
            }
        }
    }
    return image;
}

Expected<Int8SideBySide> PreviewEngine::runInt8(const Project &project,
                                                const QString &runDir,
                                                const DecoderSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    double loadMs = 0;
    auto runner = runnerLocked(project, &loadMs);
    if (!runner)
        return Unexpected(runner.error());
    auto run = Int8RunOutputs::load(runDir, project, runner->outputNames(), runner->inputName());
    if (!run)
        return Unexpected(run.error());
    return compareRun(*runner, *run, project, settings);
}

Expected<FolderComparison> PreviewEngine::runInt8Folder(const Project &project,
                                                        const QString &runDir,
                                                        const DecoderSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    double loadMs = 0;
    auto runner = runnerLocked(project, &loadMs);
    if (!runner)
        return Unexpected(runner.error());
    // A finished run's files never change: read them once, not on every threshold edit.
    const QFileInfo folderInfo(QDir(runDir).filePath(QString::fromLatin1(Int8RunOutputs::FolderName)));
    const QString key = QStringList{runDir, m_runnerKey, folderInfo.lastModified().toString(Qt::ISODateWithMs)}
                            .join(QLatin1Char('\t'));
    if (key != m_folderKey) {
        auto pairs = Int8RunOutputs::loadFolder(runDir, runner->outputNames(), runner->inputName());
        if (!pairs)
            return Unexpected(pairs.error());
        m_folderPairs = std::move(*pairs);
        m_folderKey = key;
    }
    FolderComparison folder;
    for (const Int8RunOutputs &pair : std::as_const(m_folderPairs)) {
        auto compared = compareRun(*runner, pair, project, settings);
        if (!compared)
            return Unexpected(compared.error());
        QString error;
        if (!compared->fp32Error.isEmpty())
            error = QStringLiteral("FP32: ") + compared->fp32Error;
        else if (!compared->int8Error.isEmpty())
            error = QStringLiteral("INT8: ") + compared->int8Error;
        folder.rows.append({pair.image, compared->comparison, error});
    }
    return folder;
}

Expected<Int8SideBySide> PreviewEngine::compareRun(const CutModelRunner &runnerRef,
                                                   const Int8RunOutputs &runRef,
                                                   const Project &project,
                                                   const DecoderSettings &settings)
{
    const CutModelRunner *runner = &runnerRef;
    const Int8RunOutputs *run = &runRef;
    Int8SideBySide result;
    result.inputFile = run->inputFile;
    result.outputsFile = run->outputsFile;

    InputTensor input;
    input.shape = run->input.shape;
    if (input.shape != runner->inputShape()) {
        return makeError(
            Error::Code::InvalidInput,
            QStringLiteral("%1: the input tensor does not have the project's input shape; the run "
                           "belongs to another model or input size.")
                .arg(run->inputFile));
    }
    input.nhwc = input.shape.size() == 4 && input.shape[3] <= 4;
    input.values = run->input.values;
    result.image = imageFromInput(input, project.preprocess);
    input.geometry = FitGeometry::compute(DeviceFit::Fill,
                                          result.image.width,
                                          result.image.height,
                                          result.image.width,
                                          result.image.height);
    // A run's tensors never change, so a threshold edit re-decodes without a forward pass.
    const QFileInfo inputInfo(run->inputFile);
    const QString cacheKey = run->inputFile + QLatin1Char('\t')
                             + inputInfo.lastModified().toString(Qt::ISODateWithMs);
    if (const auto cached = m_fp32ByInput.constFind(cacheKey); cached != m_fp32ByInput.cend()) {
        result.fp32Outputs = *cached;
    } else {
        auto fp32 = runner->run(input);
        if (!fp32)
            return Unexpected(fp32.error());
        result.fp32Outputs = std::move(*fp32);
        m_fp32ByInput.insert(cacheKey, result.fp32Outputs);
    }
    result.int8Outputs = run->outputs;

    DecoderSettings s = settings;
    s.inputWidth = result.image.width;
    s.inputHeight = result.image.height;
    if (auto d = OutputDecoder::decode(result.fp32Outputs, s, input.geometry))
        result.fp32 = std::move(*d);
    else
        result.fp32Error = d.error().message;
    if (auto d = OutputDecoder::decode(result.int8Outputs, s, input.geometry))
        result.int8 = std::move(*d);
    else
        result.int8Error = d.error().message;
    result.comparison = DetectionComparison::compare(result.fp32, result.int8);

    PreviewRenderer::Options left;
    left.title = QStringLiteral("FP32 (OpenCV)");
    PreviewRenderer::Options right;
    right.title = QStringLiteral("INT8 (tpu-mlir)");
    result.drawn
        = RenderedImage::sideBySide(PreviewRenderer::draw(result.image, result.fp32, left),
                                    PreviewRenderer::draw(result.image, result.int8, right));
    return result;
}

} // namespace Mcw::Core
