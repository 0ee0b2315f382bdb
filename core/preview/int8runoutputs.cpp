// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "int8runoutputs.h"

#include <core/accuracy/jobaccuracy.h>
#include <core/accuracy/npzfile.h>
#include <core/logs/tensornames.h>

#include <QDir>
#include <QFileInfo>

namespace Mcw::Core {

static Expected<OutputTensor>
readTensor(const NpzFile &npz, const QString &entry, const QString &name)
{
    const auto array = npz.array(entry);
    if (!array)
        return Unexpected(array.error());
    OutputTensor t;
    t.name = name;
    t.shape = array->shape();
    t.values = array->toFloat();
    return t;
}

Expected<Int8RunOutputs> Int8RunOutputs::load(const QString &runDir,
                                              const Project &project,
                                              const QStringList &cutTensors,
                                              const QString &inputName)
{
    const QDir dir(runDir);
    if (!dir.exists())
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1: no such run folder.").arg(runDir));
    Int8RunOutputs run;
    run.inputFile = dir.filePath(project.name + QStringLiteral("_in_f32.npz"));
    if (!QFileInfo::exists(run.inputFile)) {
        return makeError(
            Error::Code::NotFound,
            QStringLiteral("%1: the run has no %2_in_f32.npz; it ran without a test image, so "
                           "tpu-mlir computed no INT8 outputs to show.")
                .arg(runDir, project.name));
    }
    const QString prefix = deployFilePrefix(project, false);
    QStringList candidates{prefix + QStringLiteral("_tpu_outputs.npz"),
                           prefix + QStringLiteral("_model_outputs.npz")};
    for (const QString &pattern :
         {QStringLiteral("*_int8*_tpu_outputs.npz"), QStringLiteral("*_int8*_model_outputs.npz")})
        candidates += dir.entryList({pattern}, QDir::Files, QDir::Name);
    for (const QString &c : std::as_const(candidates)) {
        if (QFileInfo::exists(dir.filePath(c))) {
            run.outputsFile = dir.filePath(c);
            break;
        }
    }
    if (run.outputsFile.isEmpty()) {
        return makeError(
            Error::Code::NotFound,
            QStringLiteral(
                "%1: the run kept no INT8 outputs (%2_tpu_outputs.npz); deploy with --debug "
                "to keep them.")
                .arg(runDir, prefix));
    }

    return readPair(run.inputFile, run.outputsFile, cutTensors, inputName);
}

Expected<Int8RunOutputs> Int8RunOutputs::readPair(const QString &inputFile,
                                                  const QString &outputsFile,
                                                  const QStringList &cutTensors,
                                                  const QString &inputName)
{
    Int8RunOutputs run;
    run.inputFile = inputFile;
    run.outputsFile = outputsFile;
    const auto inputs = NpzFile::open(run.inputFile);
    if (!inputs)
        return Unexpected(inputs.error());
    QString inputEntry = inputs->contains(inputName) ? inputName : inputs->names().value(0);
    if (inputEntry.isEmpty())
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: holds no input tensor.").arg(run.inputFile));
    auto input = readTensor(*inputs, inputEntry, inputName);
    if (!input)
        return Unexpected(input.error());
    run.input = std::move(*input);

    const auto outputs = NpzFile::open(run.outputsFile);
    if (!outputs)
        return Unexpected(outputs.error());
    for (const QString &cut : cutTensors) {
        QString entry;
        for (const QString &n : outputs->names()) {
            if (n == cut || onnxTensorName(n) == cut) {
                entry = n;
                break;
            }
        }
        if (entry.isEmpty()) {
            return makeError(Error::Code::NotFound,
                             QStringLiteral("%1: has no tensor for the cut output %2.")
                                 .arg(run.outputsFile, cut));
        }
        auto t = readTensor(*outputs, entry, cut);
        if (!t)
            return Unexpected(t.error());
        run.outputs.append(std::move(*t));
    }
    return run;
}

static constexpr QLatin1StringView InputSuffix("_in_f32.npz");
static constexpr QLatin1StringView OutputsSuffix("_int8_outputs.npz");

QString Int8RunOutputs::folderInputFile(const QString &stem)
{
    return QLatin1StringView(FolderName) + QLatin1Char('/') + stem + InputSuffix;
}

QString Int8RunOutputs::folderOutputsFile(const QString &stem)
{
    return QLatin1StringView(FolderName) + QLatin1Char('/') + stem + OutputsSuffix;
}

Expected<QList<Int8RunOutputs>> Int8RunOutputs::loadFolder(const QString &runDir,
                                                           const QStringList &cutTensors,
                                                           const QString &inputName)
{
    const QDir run(runDir);
    const QDir dir(run.filePath(QString::fromLatin1(FolderName)));
    QList<Int8RunOutputs> pairs;
    if (!dir.exists())
        return pairs;
    for (const QString &input : dir.entryList({QStringLiteral("*") + InputSuffix}, QDir::Files, QDir::Name)) {
        const QString stem = input.chopped(InputSuffix.size());
        const QString outputs = run.filePath(folderOutputsFile(stem));
        if (!QFileInfo::exists(outputs)) {
            return makeError(Error::Code::NotFound,
                             QStringLiteral("%1: has no INT8 outputs for %2 (%3).")
                                 .arg(dir.path(), input, QFileInfo(outputs).fileName()));
        }
        auto pair = readPair(dir.filePath(input), outputs, cutTensors, inputName);
        if (!pair)
            return Unexpected(pair.error());
        pair->image = stem;
        pairs.append(std::move(*pair));
    }
    return pairs;
}

} // namespace Mcw::Core
