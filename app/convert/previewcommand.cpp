// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "clioutput.h"
#include "diagnosticprinter.h"

#include <core/accuracy/npzwriter.h>
#include <core/atomicfile.h>
#include <core/preview/outputdecoder.h>
#include <core/preview/previewengine.h>
#include <core/preview/previewjson.h>
#include <core/preview/previewrenderer.h>

#include <QCommandLineParser>
#include <QJsonDocument>

#include <optional>

namespace Mcw::Cli {

static QString describe(const Core::Detection &d)
{
    QString text = QStringLiteral("  %1 %2  box %3,%4 %5×%6")
                       .arg(d.label)
                       .arg(d.score, 0, 'f', 3)
                       .arg(d.x, 0, 'f', 1)
                       .arg(d.y, 0, 'f', 1)
                       .arg(d.w, 0, 'f', 1)
                       .arg(d.h, 0, 'f', 1);
    if (d.rotated)
        text += QStringLiteral("  angle %1°").arg(d.angle * 180.0, 0, 'f', 1);
    if (!d.keypoints.isEmpty()) {
        int visible = 0;
        for (const QPointF &p : d.keypoints)
            visible += p.x() >= 0 ? 1 : 0;
        text += QStringLiteral("  %1/%2 keypoints").arg(visible).arg(d.keypoints.size());
    }
    if (!d.mask.isEmpty())
        text += QStringLiteral("  mask %1×%2").arg(d.maskWidth).arg(d.maskHeight);
    return text;
}

static void
printDecoded(const QString &title, const Core::DecodedOutputs &decoded, const QString &error)
{
    if (!error.isEmpty()) {
        printOut(QStringLiteral("%1: %2").arg(title, error));
        return;
    }
    if (!decoded.classes.isEmpty()) {
        printOut(QStringLiteral("%1 (%2): top %3")
                     .arg(title, decoded.decoder)
                     .arg(decoded.classes.size()));
        for (const Core::Classification &c : decoded.classes)
            printOut(QStringLiteral("  %1 %2").arg(c.label).arg(c.score, 0, 'f', 4));
    } else {
        printOut(QStringLiteral("%1 (%2): %3 detection(s)")
                     .arg(title, decoded.decoder)
                     .arg(decoded.detections.size()));
        for (const Core::Detection &d : decoded.detections)
            printOut(describe(d));
    }
    for (const QString &note : decoded.notes)
        printOut(QStringLiteral("  note: ") + note);
}

int runPreview(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run the cut model on the CPU (OpenCV, FP32) on one image, prepared and "
                       "decoded as MaixPy does."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("PROJECT.yaml"));
    parser.addOption(
        {QStringLiteral("image"), QStringLiteral("The image to preview."), QStringLiteral("IMG")});
    parser.addOption(
        {QStringLiteral("int8"),
         QStringLiteral("A finished run folder: decode its tpu-mlir INT8 outputs beside FP32."),
         QStringLiteral("RUN")});
    parser.addOption({QStringLiteral("save"),
                      QStringLiteral("Write the drawn image (FP32, or FP32 | INT8)."),
                      QStringLiteral("OUT.png")});
    parser.addOption({QStringLiteral("dump-outputs"),
                      QStringLiteral("Write the input tensor and the FP32 outputs."),
                      QStringLiteral("OUT.npz")});
    parser.addOption(
        {QStringLiteral("save-model"),
         QStringLiteral(
             "Write the cut model the preview ran (input pinned, before OpenCV's rewrites)."),
         QStringLiteral("OUT.onnx")});
    parser.addOption({QStringLiteral("conf"),
                      QStringLiteral("Confidence threshold (default: the project's preview.confidence, else MaixPy's 0.5)."),
                      QStringLiteral("X")});
    parser.addOption({QStringLiteral("iou"),
                      QStringLiteral("NMS IoU threshold (default: the project's preview.iou, else MaixPy's 0.45)."),
                      QStringLiteral("X")});
    parser.addOption({QStringLiteral("json"),
                      QStringLiteral("Print the JSON object documented in docs/cli.md.")});
    parser.addHelpOption();
    const QString usage
        = QStringLiteral("Usage: maixcam-convert preview PROJECT.yaml --image IMG [--int8 RUN] "
                         "[--save OUT.png] [--dump-outputs OUT.npz] [--save-model OUT.onnx] "
                         "[--conf X] [--iou X] [--json]");
    if (!parser.parse(QStringList{QStringLiteral("preview")} + arguments)) {
        printErr(parser.errorText() + QLatin1Char('\n') + usage);
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("image"))) {
        printErr(usage);
        return ExitBadInput;
    }
    const QString path = parser.positionalArguments().first();
    const auto loaded = loadValidProject(path);
    if (!loaded)
        return ExitBadInput;
    const Core::Project &project = loaded->project;

    Core::DecoderSettings settings = Core::OutputDecoder::settingsFor(project);
    for (const auto &[option, target] : {std::pair{QStringLiteral("conf"), &settings.confidence},
                                         std::pair{QStringLiteral("iou"), &settings.iou}}) {
        if (!parser.isSet(option))
            continue;
        bool ok = false;
        const double v = parser.value(option).toDouble(&ok);
        if (!ok || v < 0.0 || v > 1.0) {
            printErr(QStringLiteral("--%1: '%2' is not a number between 0 and 1.")
                         .arg(option, parser.value(option)));
            return ExitBadInput;
        }
        *target = float(v);
    }

    Core::PreviewEngine engine;
    const auto result = engine.run(project, parser.value(QStringLiteral("image")), settings);
    if (!result) {
        printErr(result.error().message);
        return result.error().code == Core::Error::Code::Unsupported ? ExitFailure : ExitBadInput;
    }

    std::optional<Core::Int8SideBySide> int8;
    QString int8Unavailable; // why the test-image comparison is missing when a folder run is there
    Core::FolderComparison folder; // per-image rows when the run has a preview/ folder
    if (parser.isSet(QStringLiteral("int8"))) {
        auto folderRun
            = engine.runInt8Folder(project, parser.value(QStringLiteral("int8")), settings);
        if (!folderRun) {
            printErr(folderRun.error().message);
            return ExitBadInput;
        }
        folder = std::move(*folderRun);
        auto sideBySide = engine.runInt8(project, parser.value(QStringLiteral("int8")), settings);
        if (sideBySide) {
            int8 = std::move(*sideBySide);
        } else if (folder.rows.isEmpty()) {
            printErr(sideBySide.error().message);
            return ExitBadInput;
        } else {
            int8Unavailable = sideBySide.error().message; // the folder run still has something to show
        }
    }

    if (parser.isSet(QStringLiteral("dump-outputs"))) {
        QList<Core::NpzWriter::Array> arrays;
        arrays.append({result->inputName, result->input.shape, result->input.values});
        for (const Core::OutputTensor &t : result->outputs)
            arrays.append({t.name, t.shape, t.values});
        const QString out = parser.value(QStringLiteral("dump-outputs"));
        if (const auto written = Core::NpzWriter::write(out, arrays); !written) {
            printErr(QStringLiteral("%1: %2").arg(out, written.error().message));
            return ExitBadInput;
        }
    }
    if (parser.isSet(QStringLiteral("save-model"))) {
        const QString out = parser.value(QStringLiteral("save-model"));
        const auto runner = engine.runnerFor(project); // cached: the network the preview just ran
        if (!runner) {
            printErr(runner.error().message);
            return ExitBadInput;
        }
        if (const auto written = Core::writeFileAtomically(out, runner->cutModel()); !written) {
            printErr(QStringLiteral("%1: %2").arg(out, written.error().message));
            return ExitBadInput;
        }
    }
    if (parser.isSet(QStringLiteral("save"))) {
        Core::PreviewRenderer::Options options;
        options.title = QStringLiteral("FP32 (OpenCV)");
        // With --int8 the picture is the run's test input, FP32 | INT8.
        const Core::RenderedImage drawn
            = int8 ? int8->drawn
                   : Core::PreviewRenderer::draw(result->image, result->decoded, options);
        const QString out = parser.value(QStringLiteral("save"));
        if (const auto saved = drawn.savePng(out); !saved) {
            printErr(saved.error().message);
            return ExitBadInput;
        }
    }

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject object = Core::PreviewJson::result(*result);
        if (int8)
            object[QStringLiteral("int8")] = Core::PreviewJson::int8(*int8);
        if (!folder.rows.isEmpty())
            object[QStringLiteral("int8_folder")] = Core::PreviewJson::folder(folder);
        if (!int8Unavailable.isEmpty())
            object[QStringLiteral("int8_unavailable")] = int8Unavailable;
        printOut(
            QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
        return ExitOk;
    }
    const Core::FitGeometry &g = result->input.geometry;
    printOut(QStringLiteral("%1: %2×%3 → %4 input %5 (%6, resized %7×%8 at %9,%10)")
                 .arg(result->image.path)
                 .arg(result->image.width)
                 .arg(result->image.height)
                 .arg(result->input.nhwc ? QStringLiteral("NHWC") : QStringLiteral("NCHW"))
                 .arg(result->inputName, Core::deviceFitName(g.fit))
                 .arg(g.resizedWidth)
                 .arg(g.resizedHeight)
                 .arg(g.offsetX)
                 .arg(g.offsetY));
    for (const QString &r : result->rewrites)
        printOut(QStringLiteral("rewrite for OpenCV: ") + r);
    printDecoded(QStringLiteral("FP32"), result->decoded, result->decodeError);
    if (int8) {
        printOut(QStringLiteral("INT8 beside FP32 on %1 (outputs %2):")
                     .arg(int8->inputFile, int8->outputsFile));
        printDecoded(QStringLiteral("  FP32"), int8->fp32, int8->fp32Error);
        printDecoded(QStringLiteral("  INT8"), int8->int8, int8->int8Error);
        for (const Core::DetectionComparison::Pair &p : int8->comparison.pairs) {
            const Core::Detection *a = p.fp32 >= 0 ? &int8->fp32.detections[p.fp32] : nullptr;
            const Core::Detection *b = p.int8 >= 0 ? &int8->int8.detections[p.int8] : nullptr;
            printOut(
                QStringLiteral("  %1: %2%3%4")
                    .arg(Core::DetectionComparison::kindName(p.kind),
                         a ? QStringLiteral("FP32 %1 %2").arg(a->label).arg(a->score, 0, 'f', 2)
                           : QString(),
                         a && b ? QStringLiteral(" → ") : QString(),
                         b ? QStringLiteral("INT8 %1 %2").arg(b->label).arg(b->score, 0, 'f', 2)
                           : QString())
                + (a && b ? QStringLiteral(" (IoU %1)").arg(p.iou, 0, 'f', 2) : QString()));
        }
        printOut(QStringLiteral("INT8 vs FP32: ") + int8->comparison.summary());
    }
    if (!int8Unavailable.isEmpty())
        printOut(QStringLiteral("INT8 vs FP32 on the test image: ") + int8Unavailable);
    if (!folder.rows.isEmpty()) {
        printOut(QStringLiteral("Folder run (%1 images):").arg(folder.rows.size()));
        printOut(QStringLiteral(
            "  image | matched | shifted | class changed | missed | extra | mean IoU | top-1"));
        for (const Core::FolderComparison::Row &r : folder.rows) {
            const Core::DetectionComparison &c = r.comparison;
            if (!r.decodeError.isEmpty()) {
                printOut(QStringLiteral("  %1 | not decoded: %2").arg(r.image, r.decodeError));
                continue;
            }
            printOut(QStringLiteral("  %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8")
                         .arg(r.image)
                         .arg(c.matched)
                         .arg(c.shifted)
                         .arg(c.classChanged)
                         .arg(c.missed)
                         .arg(c.extra)
                         .arg(c.meanIou, 0, 'f', 3)
                         .arg(c.isClassifier ? (c.top1Agrees ? QStringLiteral("agrees")
                                                             : QStringLiteral("differs"))
                                             : QStringLiteral("-")));
        }
        printOut(folder.summary());
    }
    printOut(
        QStringLiteral("time: load %1 ms, prepare %2 ms, forward %3 ms, decode %4 ms, draw %5 ms")
            .arg(result->loadMs, 0, 'f', 1)
            .arg(result->prepareMs, 0, 'f', 1)
            .arg(result->forwardMs, 0, 'f', 1)
            .arg(result->decodeMs, 0, 'f', 1)
            .arg(result->drawMs, 0, 'f', 1));
    return ExitOk;
}

} // namespace Mcw::Cli
