// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "int8folderrun.h"

#include <core/accuracy/npzwriter.h>
#include <core/imaging/imagefolder.h>
#include <core/onnx/onnxloader.h>
#include <core/preview/devicefit.h>
#include <core/preview/inputtensor.h>
#include <core/preview/int8runoutputs.h>
#include <core/preview/sourceimage.h>

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace Mcw::Core {

Expected<QList<ConversionPlan::FolderImage>> Int8FolderRun::images(const Project &project)
{
    QList<ConversionPlan::FolderImage> out;
    const QString folder = project.preview.imagesDir;
    if (folder.isEmpty())
        return out;
    if (!QFileInfo(folder).isDir()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: the test image folder does not exist.").arg(folder));
    }
    const auto scan = scanCalibrationFolder(folder);
    if (!scan)
        return Unexpected(scan.error());
    if (scan->images.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: the test image folder holds no .jpg, .png or .bmp pictures.")
                             .arg(folder));
    }
    QSet<QString> stems;
    for (const QString &path : scan->images) {
        if (out.size() == MaxImages)
            break;
        // Pictures in subfolders may share a name: a.jpg and sub/a.jpg become a and a-2.
        const QString base = QFileInfo(path).completeBaseName();
        QString stem = base;
        for (int n = 2; stems.contains(stem); ++n)
            stem = QStringLiteral("%1-%2").arg(base).arg(n);
        stems.insert(stem);
        out.append({path, Int8RunOutputs::folderInputFile(stem), Int8RunOutputs::folderOutputsFile(stem)});
    }
    return out;
}

Expected<void> Int8FolderRun::writeInputs(const Project &project,
                                          const QList<ConversionPlan::FolderImage> &images,
                                          const QString &runDir)
{
    if (images.isEmpty())
        return {};
    // tpu-mlir's tools key input files by the model's input name.
    OnnxLoader::Options options;
    options.inferShapes = false;
    const auto graph = OnnxLoader::loadFile(project.modelPath, options);
    if (!graph)
        return Unexpected(graph.error());
    const QStringList inputs = graph->inputNames();
    if (inputs.size() != 1) {
        return makeError(Error::Code::Unsupported,
                         QStringLiteral("%1: the INT8 folder run needs a model with one input (it has %2).")
                             .arg(project.modelPath)
                             .arg(inputs.size()));
    }
    const QDir dir(runDir);
    if (!dir.mkpath(QString::fromLatin1(Int8RunOutputs::FolderName))) {
        return makeError(Error::Code::Io, QStringLiteral("%1: the folder cannot be created.")
                                              .arg(dir.filePath(QString::fromLatin1(Int8RunOutputs::FolderName))));
    }
    const DeviceFit fit = deviceFitFor(project.modelType);
    for (const ConversionPlan::FolderImage &image : images) {
        const auto source = SourceImage::load(image.source);
        if (!source)
            return Unexpected(source.error());
        const auto tensor = InputTensor::prepare(*source, project.inputShape, project.preprocess, fit);
        if (!tensor) {
            return makeError(tensor.error().code,
                             QStringLiteral("%1: %2").arg(image.source, tensor.error().message));
        }
        const auto written = NpzWriter::write(dir.filePath(image.inputFile),
                                              {{inputs.first(), tensor->shape, tensor->values}});
        if (!written)
            return written;
    }
    return {};
}

} // namespace Mcw::Core
