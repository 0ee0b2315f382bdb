// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewengine.h"

#include "outputdecoder.h"
#include "previewrenderer.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutexLocker>

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
    const QString key = QStringList{project.modelPath, info.lastModified().toString(Qt::ISODateWithMs),
                                    QString::number(info.size()), project.cutTensors.join(QLatin1Char('\n')),
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
    return m_runner;
}

Expected<PreviewResult> PreviewEngine::run(const Project &project, const QString &imagePath,
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
    auto input = InputTensor::prepare(m_image, runner->inputShape(), project.preprocess, deviceFitFor(project.modelType));
    if (!input)
        return makeError(input.error().code, QStringLiteral("%1: %2").arg(project.modelPath, input.error().message));
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

} // namespace Mcw::Core
