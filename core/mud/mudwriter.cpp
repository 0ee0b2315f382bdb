// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mudwriter.h"

#include <core/atomicfile.h>
#include <core/project/numberformat.h>

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
    QString modelFile = options.modelFile.isEmpty() ? project.name + QStringLiteral(".cvimodel") : options.modelFile;
    if (modelFile.contains(QLatin1Char('#')) || modelFile != modelFile.trimmed() || modelFile.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("The model file name '%1' cannot be written to a MUD.").arg(modelFile));
    }

    Output out;
    QStringList lines{QStringLiteral("[basic]"), QStringLiteral("type = cvimodel"),
                      QStringLiteral("model = ") + modelFile, QString(), QStringLiteral("[extra]"),
                      QStringLiteral("model_type = ") + project.modelType};
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
