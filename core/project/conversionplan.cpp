// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversionplan.h"

#include <core/project/bashscript.h>
#include <core/project/numberformat.h>
#include <core/project/workspacepath.h>

#include <QDir>
#include <QFileInfo>

namespace Mcw::Core {

/** Collects one tool's argv, leaving out flags the installed version does not know. */
class ArgumentBuilder
{
public:
    ArgumentBuilder(QString program, const ConversionPlan::Options &options, QStringList &notes)
        : m_program(std::move(program))
        , m_options(options)
        , m_notes(notes)
    {}

    bool accepts(const QString &flag) const { return m_options.capabilities.accepts(m_program, flag); }
    const QString &program() const { return m_program; }

    void positional(const QString &value) { m_arguments.append(value); }

    bool flag(const QString &name)
    {
        if (!accepts(name)) {
            m_notes.append(QStringLiteral("%1 does not accept %2; left out.").arg(m_program, name));
            return false;
        }
        m_arguments.append(name);
        return true;
    }

    void option(const QString &name, const QString &value)
    {
        if (flag(name))
            m_arguments.append(value);
    }

    /** `--name=value`: needed where a value starts with '-' (argparse would take it as a flag). */
    void attachedOption(const QString &name, const QString &value)
    {
        if (!accepts(name)) {
            m_notes.append(QStringLiteral("%1 does not accept %2; left out.").arg(m_program, name));
            return;
        }
        m_arguments.append(name + QLatin1Char('=') + value);
    }

    void listOption(const QString &name, const QString &value)
    {
        if (value.startsWith(QLatin1Char('-')))
            attachedOption(name, value);
        else
            option(name, value);
    }

    /** --processor, or its older spelling --chip when only that exists. */
    void processor(const QString &value)
    {
        if (!accepts(QStringLiteral("--processor")) && accepts(QStringLiteral("--chip")))
            option(QStringLiteral("--chip"), value);
        else
            option(QStringLiteral("--processor"), value);
    }

    ToolInvocation invocation(const QString &workingDirectory) const
    {
        ToolInvocation inv;
        inv.program = m_program;
        inv.arguments = m_arguments;
        inv.workingDirectory = workingDirectory;
        return inv;
    }

private:
    QString m_program;
    const ConversionPlan::Options &m_options;
    QStringList &m_notes;
    QStringList m_arguments;
};

static QString tolerance(double cos, double euclid)
{
    return formatDecimal(cos) + QLatin1Char(',') + formatDecimal(euclid);
}

QString ConversionPlan::quantizeTableText(const Project &project)
{
    QString text = QStringLiteral("# op_name   quantize_mode\n");
    for (const auto &entry : project.quantization.quantizeTable)
        text += entry.first + QLatin1Char(' ') + entry.second + QLatin1Char('\n');
    return text;
}

ConversionPlan ConversionPlan::build(const Project &project, const Options &options)
{
    ConversionPlan plan;
    plan.workspaceDir = project.workspaceDir;
    const WorkspacePath path(project.workspaceDir, options.projectDir);

    const QString name = project.name;
    const Quantization &q = project.quantization;
    const Preprocess &pp = project.preprocess;
    const bool validate = !project.testImage.isEmpty();
    const QString inF32 = name + QStringLiteral("_in_f32.npz");
    const QString topOutputs = name + QStringLiteral("_top_outputs.npz");

    {
        ArgumentBuilder b(options.capabilities.program(QStringLiteral("model_transform")), options, plan.notes);
        b.option(QStringLiteral("--model_name"), name);
        b.option(QStringLiteral("--model_def"), path(project.modelPath));
        if (!project.inputShape.isEmpty()) {
            QStringList dims;
            for (qint64 d : project.inputShape)
                dims.append(QString::number(d));
            b.option(QStringLiteral("--input_shapes"), QStringLiteral("[[%1]]").arg(dims.join(QLatin1Char(','))));
        }
        b.listOption(QStringLiteral("--mean"), formatDecimalList(pp.mean, QStringLiteral(",")));
        b.listOption(QStringLiteral("--scale"), formatDecimalList(pp.scale, QStringLiteral(",")));
        if (pp.keepAspectRatio) {
            b.flag(QStringLiteral("--keep_aspect_ratio"));
            if (pp.keepRatioMode != QLatin1String("letterbox"))
                b.option(QStringLiteral("--keep_ratio_mode"), pp.keepRatioMode);
        }
        if (pp.padValue != 0)
            b.option(QStringLiteral("--pad_value"), QString::number(pp.padValue));
        b.option(QStringLiteral("--pixel_format"), pp.pixelFormat);
        b.option(QStringLiteral("--channel_format"), pp.channelFormat);
        if (!project.cutTensors.isEmpty())
            b.option(QStringLiteral("--output_names"), project.cutTensors.join(QLatin1Char(',')));
        if (validate) {
            b.option(QStringLiteral("--test_input"), path(project.testImage));
            b.option(QStringLiteral("--test_result"), topOutputs);
            b.option(QStringLiteral("--tolerance"), tolerance(q.transformCos, q.transformEuclid));
        }
        b.option(QStringLiteral("--mlir"), mlirFile(name));
        plan.steps.append({Step::Kind::Transform, QStringLiteral("convert to mlir"),
                           b.invocation(project.workspaceDir), mlirFile(name)});
    }

    const auto deployCommon = [&](ArgumentBuilder &b) {
        b.processor(q.processor);
        if (validate) {
            b.option(QStringLiteral("--test_input"), inF32);
            b.option(QStringLiteral("--test_reference"), topOutputs);
        }
    };

    const bool searchRun = options.qtableSearch.has_value();
    if (q.bf16 && !searchRun) {
        // Sipeed's recipe keeps float32 input here (no --quant_input) for easy coding.
        ArgumentBuilder b(options.capabilities.program(QStringLiteral("model_deploy")), options, plan.notes);
        b.option(QStringLiteral("--mlir"), mlirFile(name));
        b.option(QStringLiteral("--quantize"), QStringLiteral("BF16"));
        deployCommon(b);
        b.option(QStringLiteral("--model"), bf16ModelFile(name));
        plan.steps.append({Step::Kind::DeployBf16, QStringLiteral("export bf16 model"),
                           b.invocation(project.workspaceDir), bf16ModelFile(name)});
    }

    if (q.int8) {
        ArgumentBuilder c(options.capabilities.program(QStringLiteral("run_calibration")), options, plan.notes);
        c.positional(mlirFile(name));
        c.option(QStringLiteral("--dataset"), path(q.datasetDir));
        c.option(QStringLiteral("--input_num"), QString::number(q.inputNum));
        if (!q.calibrationMethod.isEmpty()) {
            // Older releases had no --cali_method and chose the method through --debug_cmd.
            if (!c.accepts(QStringLiteral("--cali_method")) && c.accepts(QStringLiteral("--debug_cmd")))
                c.option(QStringLiteral("--debug_cmd"), q.calibrationMethod);
            else
                c.option(QStringLiteral("--cali_method"), q.calibrationMethod);
        }
        c.option(QStringLiteral("-o"), calibrationTableFile(name));
        plan.steps.append({Step::Kind::Calibration, QStringLiteral("calibrate for int8 model"),
                           c.invocation(project.workspaceDir), calibrationTableFile(name)});

        if (searchRun) {
            const QtableSearch &search = *options.qtableSearch;
            ArgumentBuilder s(options.capabilities.program(QStringLiteral("run_calibration")), options, plan.notes);
            s.positional(mlirFile(name));
            s.option(QStringLiteral("--dataset"), path(q.datasetDir));
            s.option(QStringLiteral("--input_num"), QString::number(q.inputNum));
            if (!s.accepts(QStringLiteral("--search"))
                || !options.capabilities.acceptsValue(s.program(), QStringLiteral("--search"), search.method)) {
                plan.notes.append(QStringLiteral("This tpu-mlir release has no run_calibration --search %1; "
                                                 "the search step is left out.")
                                      .arg(search.method));
                return plan;
            }
            s.option(QStringLiteral("--search"), search.method);
            // Its default processor is bm1684x: without this the table is for the wrong chip.
            s.processor(q.processor);
            s.option(QStringLiteral("--calibration_table"), calibrationTableFile(name));
            s.option(QStringLiteral("--quantize_table"), searchQtableFile(name));
            s.option(QStringLiteral("--fp_type"), QStringLiteral("BF16"));
            s.option(QStringLiteral("--expected_cos"), formatDecimal(search.expectedCos));
            s.option(QStringLiteral("--min_layer_cos"), formatDecimal(search.minLayerCos));
            s.option(QStringLiteral("--max_float_layers"), QString::number(search.maxFloatLayers));
            s.option(QStringLiteral("--inference_num"), QString::number(search.inferenceNum));
            plan.steps.append({Step::Kind::SearchQtable, QStringLiteral("search layers to keep in BF16"),
                               s.invocation(project.workspaceDir), searchQtableFile(name)});
            return plan;
        }

        ArgumentBuilder b(options.capabilities.program(QStringLiteral("model_deploy")), options, plan.notes);
        b.option(QStringLiteral("--mlir"), mlirFile(name));
        b.option(QStringLiteral("--quantize"), QStringLiteral("INT8"));
        if (q.quantInput)
            b.flag(QStringLiteral("--quant_input"));
        b.option(QStringLiteral("--calibration_table"), calibrationTableFile(name));
        if (!q.quantizeTable.isEmpty() && b.accepts(QStringLiteral("--quantize_table"))) {
            b.option(QStringLiteral("--quantize_table"), quantizeTableFile(name));
            plan.files.append({quantizeTableFile(name), quantizeTableText(project)});
        }
        deployCommon(b);
        if (validate)
            b.option(QStringLiteral("--tolerance"), tolerance(q.deployCos, q.deployEuclid));
        if (options.compareAll) {
            b.flag(QStringLiteral("--compare_all"));
            b.flag(QStringLiteral("--debug"));
        }
        b.option(QStringLiteral("--model"), int8ModelFile(name));
        plan.steps.append({Step::Kind::DeployInt8, QStringLiteral("convert to int8 model"),
                           b.invocation(project.workspaceDir), int8ModelFile(name)});

        for (const FolderImage &image : options.folderImages) {
            ArgumentBuilder r(options.capabilities.program(QStringLiteral("model_runner")), options, plan.notes);
            r.option(QStringLiteral("--input"), image.inputFile);
            r.option(QStringLiteral("--model"), int8ModelFile(name));
            r.option(QStringLiteral("--output"), image.outputsFile);
            plan.steps.append({Step::Kind::RunInt8OnImage,
                               QStringLiteral("run the int8 model on %1").arg(QFileInfo(image.source).fileName()),
                               r.invocation(project.workspaceDir), image.outputsFile});
        }
    }
    return plan;
}

QString ConversionPlan::toBashScript() const
{
    QStringList lines = BashScript::header({QStringLiteral("Generated by maixcam-convert plan: the tpu-mlir commands for MaixCAM.")},
                                           notes, workspaceDir);
    bool folderNoted = false;
    for (const Step &step : steps) {
        lines.append(QString());
        if (step.kind == Step::Kind::RunInt8OnImage && !folderNoted) {
            folderNoted = true;
            lines.append(QStringLiteral("# Each --input is written by the workbench before the run: the picture "
                                        "prepared as the device prepares it."));
        }
        lines.append(QStringLiteral("echo ") + shellQuote(step.title));
        if (step.kind == Step::Kind::DeployInt8) {
            for (const GeneratedFile &file : files)
                lines.append(BashScript::hereDocument(file.fileName, file.content));
        }
        // One flag and its value per line, like Sipeed's script.
        QStringList groups{shellQuote(step.invocation.program)};
        for (const QString &arg : step.invocation.arguments) {
            if (arg.startsWith(QLatin1Char('-')) || groups.size() == 1)
                groups.append(shellQuote(arg));
            else if (!groups.last().startsWith(QLatin1Char('-')))
                groups.append(shellQuote(arg)); // positional after a positional
            else
                groups.last() += QLatin1Char(' ') + shellQuote(arg);
        }
        lines.append(groups.join(QStringLiteral(" \\\n  ")));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace Mcw::Core
