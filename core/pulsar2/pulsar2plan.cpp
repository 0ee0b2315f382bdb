// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pulsar2plan.h"

#include <core/project/bashscript.h>
#include <core/project/numberformat.h>
#include <core/project/workspacepath.h>
#include <core/pulsar2/calibrationarchive.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace Mcw::Core {

namespace {

/**
 * A JSON value that keeps its keys in the order given (QJsonObject sorts them), so the config
 * reads like the ones in Pulsar2's and Sipeed's documents. Arrays of scalars print on one line.
 */
struct OrderedJson
{
    enum class Kind { Scalar, Object, Array };
    Kind kind = Kind::Scalar;
    QString scalar; // already JSON text
    QList<QPair<QString, OrderedJson>> members;
    QList<OrderedJson> items;

    static OrderedJson text(const QString &value)
    {
        const QByteArray quoted = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return {Kind::Scalar, QString::fromUtf8(quoted.mid(1, quoted.size() - 2)), {}, {}};
    }
    static OrderedJson number(double value) { return {Kind::Scalar, formatDecimal(value), {}, {}}; }
    static OrderedJson boolean(bool value)
    {
        return {Kind::Scalar, value ? QStringLiteral("true") : QStringLiteral("false"), {}, {}};
    }
    static OrderedJson object() { return {Kind::Object, {}, {}, {}}; }
    static OrderedJson array() { return {Kind::Array, {}, {}, {}}; }
    template<typename T>
    static OrderedJson numbers(const QList<T> &values)
    {
        OrderedJson a = array();
        for (T v : values)
            a.items.append(number(double(v)));
        return a;
    }

    OrderedJson &set(const QString &key, OrderedJson value)
    {
        members.append({key, std::move(value)});
        return *this;
    }

    QString write(int indent = 0) const
    {
        const QString pad(indent, QLatin1Char(' '));
        const QString inner(indent + 2, QLatin1Char(' '));
        if (kind == Kind::Scalar)
            return scalar;
        if (kind == Kind::Array) {
            const bool flat = std::all_of(items.cbegin(), items.cend(), [](const OrderedJson &i) { return i.kind == Kind::Scalar; });
            QStringList parts;
            for (const OrderedJson &item : items)
                parts.append(flat ? item.scalar : inner + item.write(indent + 2));
            if (flat)
                return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
            return QStringLiteral("[\n") + parts.join(QStringLiteral(",\n")) + QLatin1Char('\n') + pad + QLatin1Char(']');
        }
        QStringList parts;
        for (const auto &member : members)
            parts.append(inner + text(member.first).scalar + QStringLiteral(": ") + member.second.write(indent + 2));
        return QStringLiteral("{\n") + parts.join(QStringLiteral(",\n")) + QLatin1Char('\n') + pad + QLatin1Char('}');
    }
};

QString tensorFormat(const QString &pixelFormat)
{
    if (pixelFormat == QLatin1String("bgr"))
        return QStringLiteral("BGR");
    if (pixelFormat == QLatin1String("gray"))
        return QStringLiteral("GRAY");
    return QStringLiteral("RGB");
}

} // namespace

double Pulsar2Plan::stdForScale(double scale)
{
    if (scale == 0.0 || !std::isfinite(scale))
        return 1.0;
    // 10 significant digits, so 1/0.00392156862745098 is 255 and not 255.00000000000003.
    return QString::number(1.0 / scale, 'g', 10).toDouble();
}

QByteArray Pulsar2Plan::configJson(const Project &project, const QString &npuMode, const QString &archive,
                                   int calibrationSize, const Options &options, QStringList *notes)
{
    const QString input = options.inputName.isEmpty() ? QStringLiteral("DEFAULT") : options.inputName;
    const Preprocess &pp = project.preprocess;
    QList<double> stds;
    for (double s : pp.scale)
        stds.append(stdForScale(s));

    OrderedJson inputConfig = OrderedJson::object();
    inputConfig.set(QStringLiteral("tensor_name"), OrderedJson::text(input))
        .set(QStringLiteral("calibration_dataset"), OrderedJson::text(archive))
        .set(QStringLiteral("calibration_format"), OrderedJson::text(QStringLiteral("Image")))
        .set(QStringLiteral("calibration_size"), OrderedJson::number(calibrationSize))
        .set(QStringLiteral("calibration_mean"), OrderedJson::numbers(pp.mean))
        .set(QStringLiteral("calibration_std"), OrderedJson::numbers(stds));
    OrderedJson inputConfigs = OrderedJson::array();
    inputConfigs.items.append(inputConfig);

    const Pulsar2Settings &s = project.pulsar2;
    OrderedJson quant = OrderedJson::object();
    quant.set(QStringLiteral("input_configs"), inputConfigs)
        .set(QStringLiteral("calibration_method"), OrderedJson::text(s.calibrationMethod))
        .set(QStringLiteral("precision_analysis"), OrderedJson::boolean(s.precisionAnalysis));
    // precision_analysis_method/_mode keep their defaults, PerLayer and Reference: the table the
    // accuracy chart reads is the per-layer one.
    if (!s.u16Layers.isEmpty()) {
        // "Keep in higher precision": one layer_configs entry naming the operators (P2-ADV).
        OrderedJson names = OrderedJson::array();
        for (const QString &layer : s.u16Layers)
            names.items.append(OrderedJson::text(layer));
        OrderedJson entry = OrderedJson::object();
        entry.set(QStringLiteral("layer_names"), names).set(QStringLiteral("data_type"), OrderedJson::text(QStringLiteral("U16")));
        OrderedJson layerConfigs = OrderedJson::array();
        layerConfigs.items.append(entry);
        quant.set(QStringLiteral("layer_configs"), layerConfigs);
    }

    // The camera hands over U8 NHWC pixels; the model transposes and normalises inside (§2.2).
    const QString format = tensorFormat(pp.pixelFormat);
    OrderedJson processor = OrderedJson::object();
    processor.set(QStringLiteral("tensor_name"), OrderedJson::text(input))
        .set(QStringLiteral("tensor_format"), OrderedJson::text(format))
        .set(QStringLiteral("tensor_layout"), OrderedJson::text(QStringLiteral("NCHW")))
        .set(QStringLiteral("src_format"), OrderedJson::text(format))
        .set(QStringLiteral("src_dtype"), OrderedJson::text(QStringLiteral("U8")))
        .set(QStringLiteral("src_layout"), OrderedJson::text(QStringLiteral("NHWC")))
        .set(QStringLiteral("csc_mode"), OrderedJson::text(QStringLiteral("NoCSC")));
    OrderedJson inputProcessors = OrderedJson::array();
    inputProcessors.items.append(processor);

    OrderedJson outputProcessors = OrderedJson::array();
    for (const OutputProcessor &p : OutputProcessors::forProject(project, options.outputShapes, notes)) {
        OrderedJson out = OrderedJson::object();
        out.set(QStringLiteral("tensor_name"), OrderedJson::text(p.tensorName));
        if (!p.dstPerm.isEmpty())
            out.set(QStringLiteral("dst_perm"), OrderedJson::numbers(p.dstPerm));
        outputProcessors.items.append(out);
    }

    OrderedJson compiler = OrderedJson::object();
    compiler.set(QStringLiteral("check"), OrderedJson::number(3))
        .set(QStringLiteral("check_mode"), OrderedJson::text(QStringLiteral("CheckOutput")))
        .set(QStringLiteral("check_cosine_simularity"), OrderedJson::number(0.9)); // sic: Pulsar2's spelling

    OrderedJson root = OrderedJson::object();
    root.set(QStringLiteral("model_type"), OrderedJson::text(QStringLiteral("ONNX")))
        .set(QStringLiteral("npu_mode"), OrderedJson::text(npuMode))
        .set(QStringLiteral("quant"), quant)
        .set(QStringLiteral("input_processors"), inputProcessors);
    if (!outputProcessors.items.isEmpty())
        root.set(QStringLiteral("output_processors"), outputProcessors);
    root.set(QStringLiteral("compiler"), compiler);
    return (root.write() + QLatin1Char('\n')).toUtf8();
}

Pulsar2Plan Pulsar2Plan::build(const Project &project, const Options &options)
{
    Pulsar2Plan plan;
    plan.workspaceDir = project.workspaceDir;
    const QString name = project.name;
    const WorkspacePath path(project.workspaceDir, options.projectDir);

    plan.sourceModel = project.modelPath;
    plan.cutTensors = project.cutTensors;
    // Pulsar2 has no --output_names: the graph is cut before it (onnx.utils.extract_model).
    plan.modelFile = project.cutTensors.isEmpty() ? path(project.modelPath) : cutModelFile(name);

    plan.calibrationArchive = archiveFile(name);
    if (options.calibrationImages) {
        plan.calibrationImages = *options.calibrationImages;
    } else if (!project.quantization.datasetDir.isEmpty()) {
        const auto images = CalibrationArchive::selectImages(project.quantization.datasetDir, project.quantization.inputNum);
        if (images)
            plan.calibrationImages = *images;
        else
            plan.notes.append(images.error().message);
    }
    const int calibrationSize = plan.calibrationImages.isEmpty() ? project.quantization.inputNum
                                                                 : int(plan.calibrationImages.size());

    bool notesTaken = false;
    for (const BuiltModel &model : builtModels(project, name)) {
        Build b;
        b.id = model.stepId;
        b.npuMode = model.npuMode;
        b.mudKey = model.mudKey;
        b.title = QStringLiteral("Build %1 (%2)").arg(b.mudKey, b.npuMode);
        b.configFile = model.configFile;
        b.outputDir = model.outputDir;
        b.outputFile = model.jobFile;
        b.invocation.program = options.program;
        b.invocation.arguments = {QStringLiteral("build"),
                                  QStringLiteral("--target_hardware"), QString::fromLatin1(TargetHardware),
                                  QStringLiteral("--input"), plan.modelFile,
                                  QStringLiteral("--output_dir"), b.outputDir,
                                  QStringLiteral("--config"), b.configFile};
        b.invocation.workingDirectory = project.workspaceDir;
        plan.files.append({b.configFile, QString::fromUtf8(configJson(project, b.npuMode, plan.calibrationArchive,
                                                                      calibrationSize, options,
                                                                      notesTaken ? nullptr : &plan.notes))});
        notesTaken = true;
        plan.builds.append(b);
    }
    return plan;
}

QString Pulsar2Plan::toBashScript() const
{
    QStringList lines = BashScript::header(
        {QStringLiteral("Generated by maixcam-convert plan: the Pulsar2 commands for MaixCAM2 (AX620E)."),
         QStringLiteral("Run it inside the Pulsar2 image, e.g. docker run -it --rm -v \"$PWD\":/data -w /data pulsar2:6.0")},
        notes, workspaceDir);
    if (!cutTensors.isEmpty()) {
        lines.append(QString());
        lines.append(QStringLiteral("echo 'cut the model'"));
        // The script is a constant; the file and tensor names arrive as arguments.
        lines.append(QStringLiteral("python3 -c 'import sys, onnx; m = onnx.load(sys.argv[1]); "
                                    "onnx.utils.extract_model(sys.argv[1], sys.argv[2], [i.name for i in m.graph.input "
                                    "if i.name not in {t.name for t in m.graph.initializer}], sys.argv[3:])' \\\n  ")
                     + QStringList{shellQuote(sourceModel), shellQuote(modelFile)}.join(QLatin1Char(' '))
                     + QStringLiteral(" \\\n  ") + [this] {
                           QStringList quoted;
                           for (const QString &t : cutTensors)
                               quoted.append(shellQuote(t));
                           return quoted.join(QLatin1Char(' '));
                       }());
    }
    if (!calibrationImages.isEmpty()) {
        const QString folder = QFileInfo(calibrationArchive).completeBaseName();
        lines.append(QString());
        lines.append(QStringLiteral("echo 'pack the calibration images'"));
        lines.append(QStringLiteral("rm -rf %1 && mkdir -p %1").arg(shellQuote(folder)));
        for (int i = 0; i < calibrationImages.size(); ++i) {
            lines.append(QStringLiteral("cp %1 %2").arg(shellQuote(calibrationImages[i]),
                                                         shellQuote(folder + QLatin1Char('/')
                                                                    + CalibrationArchive::memberName(i, calibrationImages[i]))));
        }
        lines.append(QStringLiteral("tar -cf %1 -C %2 .").arg(shellQuote(calibrationArchive), shellQuote(folder)));
    }
    for (const ConversionPlan::GeneratedFile &file : files) {
        lines.append(QString());
        lines.append(BashScript::hereDocument(file.fileName, file.content));
    }
    for (const Build &b : builds) {
        lines.append(QString());
        lines.append(QStringLiteral("echo ") + shellQuote(b.title));
        QStringList groups{shellQuote(b.invocation.program)};
        for (const QString &arg : b.invocation.arguments) {
            // "pulsar2 build" on the first line, then one flag and its value per line.
            if (arg.startsWith(QLatin1Char('-')))
                groups.append(shellQuote(arg));
            else
                groups.last() += QLatin1Char(' ') + shellQuote(arg);
        }
        lines.append(groups.join(QStringLiteral(" \\\n  ")));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<Pulsar2Plan::BuiltModel> Pulsar2Plan::builtModels(const Project &project, const QString &bundleName)
{
    // model_npu takes the whole NPU (NPU2), model_vnpu half of it (NPU1), maixcam2.md §1.4.
    QList<BuiltModel> models;
    const auto add = [&](const char *suffix, const char *npuMode) {
        BuiltModel m;
        m.stepId = QStringLiteral("build_") + QLatin1String(suffix);
        m.npuMode = QLatin1String(npuMode);
        m.mudKey = QStringLiteral("model_") + QLatin1String(suffix);
        m.configFile = QStringLiteral("%1.%2.json").arg(project.name, QLatin1String(suffix));
        m.outputDir = QStringLiteral("%1_%2").arg(project.name, QLatin1String(suffix));
        m.jobFile = m.outputDir + QStringLiteral("/compiled.axmodel");
        m.bundleFile = QStringLiteral("%1_%2.axmodel").arg(bundleName, QLatin1String(suffix));
        models.append(m);
    };
    if (project.pulsar2.buildNpu)
        add("npu", "NPU2");
    if (project.pulsar2.buildVnpu)
        add("vnpu", "NPU1");
    return models;
}

} // namespace Mcw::Core
