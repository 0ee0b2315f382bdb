// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mudwriter.h"

#include <core/atomicfile.h>
#include <core/project/numberformat.h>
#include <core/pulsar2/pulsar2plan.h>

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace Mcw::Core {

static QString labelProblem(const QString &label)
{
    if (label.isEmpty())
        return QStringLiteral("is empty");
    if (label != label.trimmed())
        return QStringLiteral("has leading or trailing spaces (the device trims them)");
    if (label.contains(QLatin1Char('\n')) || label.contains(QLatin1Char('\r')))
        return QStringLiteral("contains a line break");
    if (label.toUtf8().size() > 1000)
        return QStringLiteral("is longer than the device's 1023-byte line limit");
    return {};
}

static bool needsLabelsFile(const QStringList &labels, int maxInline)
{
    if (labels.size() > maxInline)
        return true;
    for (const QString &l : labels) {
        // Inline labels are split at ',' and cut at '#' (the device's comment character).
        if (l.contains(QLatin1Char(',')) || l.contains(QLatin1Char('#')))
            return true;
    }
    return false;
}

Expected<MudWriter::Output> MudWriter::render(const Project &project, const QString &mudFileName,
                                              const Options &options)
{
    const Preprocess &pp = project.preprocess;
    if (project.modelType.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("The project has no MaixPy model_type."));
    if (pp.mean.isEmpty() || pp.scale.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("The project has no mean or scale values."));
    for (const QString &label : project.labels) {
        if (const QString problem = labelProblem(label); !problem.isEmpty()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The label '%1' %2; the MUD cannot carry it.").arg(label, problem));
        }
    }
    const bool maixcam2 = project.device == Device::MaixCam2;
    QStringList lines{QStringLiteral("[basic]")};
    const auto modelKey = [&lines](const QString &key, const QString &file) -> Expected<void> {
        if (file.contains(QLatin1Char('#')) || file != file.trimmed() || file.isEmpty()) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The model file name '%1' cannot be written to a MUD.").arg(file));
        }
        lines.append(key + QStringLiteral(" = ") + file);
        return {};
    };
    if (maixcam2) {
        if (!project.pulsar2.buildNpu && !project.pulsar2.buildVnpu)
            return makeError(Error::Code::InvalidInput, QStringLiteral("The project builds neither model_npu nor model_vnpu."));
        lines.append(QStringLiteral("type = axmodel"));
        if (project.pulsar2.buildNpu) {
            const QString file = options.npuModelFile.isEmpty() ? Pulsar2Plan::npuModelFile(project.name) : options.npuModelFile;
            if (const auto ok = modelKey(QStringLiteral("model_npu"), file); !ok)
                return Unexpected(ok.error());
        }
        if (project.pulsar2.buildVnpu) {
            const QString file = options.vnpuModelFile.isEmpty() ? Pulsar2Plan::vnpuModelFile(project.name) : options.vnpuModelFile;
            if (const auto ok = modelKey(QStringLiteral("model_vnpu"), file); !ok)
                return Unexpected(ok.error());
        }
    } else {
        lines.append(QStringLiteral("type = cvimodel"));
        const QString file = options.modelFile.isEmpty() ? project.name + QStringLiteral(".cvimodel") : options.modelFile;
        if (const auto ok = modelKey(QStringLiteral("model"), file); !ok)
            return Unexpected(ok.error());
    }

    Output out;
    lines << QString() << QStringLiteral("[extra]") << QStringLiteral("model_type = ") + project.modelType;
    const bool ultralytics = project.modelType == QLatin1String("yolov8")
                             || project.modelType == QLatin1String("yolo11");
    if (ultralytics) {
        // The device rejects Ultralytics' own word "detect".
        QString type = project.task.isEmpty() || project.task == QLatin1String("detect")
                           ? QStringLiteral("detector") : project.task;
        lines.append(QStringLiteral("type = ") + type);
    }
    lines.append(QStringLiteral("input_type = ") + pp.pixelFormat);
    lines.append(QStringLiteral("mean = ") + formatDecimalList(pp.mean, QStringLiteral(", ")));
    lines.append(QStringLiteral("scale = ") + formatDecimalList(pp.scale, QStringLiteral(", ")));
    if (project.modelType == QLatin1String("yolov5")) {
        if (project.anchors.isEmpty() || project.anchors.size() % 2 != 0) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("YOLOv5 needs anchors as w,h pairs (got %1 numbers).")
                                 .arg(project.anchors.size()));
        }
        QStringList pairs;
        for (int i = 0; i + 1 < project.anchors.size(); i += 2)
            pairs.append(formatDecimal(project.anchors[i]) + QLatin1Char(',') + formatDecimal(project.anchors[i + 1]));
        lines.append(QStringLiteral("anchors = ") + pairs.join(QStringLiteral(", ")));
    }
    if (!project.labels.isEmpty()) {
        if (needsLabelsFile(project.labels, options.maxInlineLabels)) {
            QString fileName = options.labelsFileName;
            if (fileName.isEmpty()) {
                // File mode needs a value without commas or whitespace.
                QString base = QFileInfo(mudFileName).completeBaseName();
                base.replace(QRegularExpression(QStringLiteral("[\\s,#]")), QStringLiteral("_"));
                fileName = (base.isEmpty() ? QStringLiteral("model") : base) + QStringLiteral("_labels.txt");
            }
            if (fileName.contains(QRegularExpression(QStringLiteral("[\\s,#/]")))) {
                return makeError(Error::Code::InvalidInput,
                                 QStringLiteral("The labels file name '%1' must not contain spaces, ',', '#' or '/'.")
                                     .arg(fileName));
            }
            out.labelsFileName = fileName;
            out.labelsFile = project.labels.join(QLatin1Char('\n')).toUtf8() + '\n';
            lines.append(QStringLiteral("labels = ") + fileName);
        } else {
            lines.append(QStringLiteral("labels = ") + project.labels.join(QStringLiteral(", ")));
        }
    }
    if (maixcam2) {
        // maixcam2.md §5.1: flush the input cache only when the first layer runs on the NPU; YOLO
        // models start with fused CPU preprocessing (Sipeed writes false), others "if unsure, true".
        const bool yolo = project.modelType.startsWith(QLatin1String("yolo"));
        lines << QStringLiteral("input_cache = true") << QStringLiteral("output_cache = true")
              << QStringLiteral("input_cache_flush = ") + (yolo ? QStringLiteral("false") : QStringLiteral("true"))
              << QStringLiteral("output_cache_inval = true");
    }
    out.mud = lines.join(QLatin1Char('\n')).toUtf8() + '\n';
    return out;
}

Expected<QStringList> MudWriter::writeFiles(const Project &project, const QString &mudPath, const Options &options)
{
    const auto output = render(project, QFileInfo(mudPath).fileName(), options);
    if (!output)
        return Unexpected(output.error());
    QStringList written;
    if (!output->labelsFileName.isEmpty()) {
        const QString labelsPath = QFileInfo(mudPath).absoluteDir().filePath(output->labelsFileName);
        if (const auto ok = writeFileAtomically(labelsPath, output->labelsFile); !ok)
            return Unexpected(ok.error());
        written.append(labelsPath);
    }
    if (const auto ok = writeFileAtomically(mudPath, output->mud); !ok)
        return Unexpected(ok.error());
    written.prepend(mudPath);
    return written;
}

} // namespace Mcw::Core
