// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stagedetector.h"

namespace Mcw::Core {

namespace {

bool has(QStringView text, QLatin1StringView what)
{
    return text.contains(what);
}

// "npz_tool.py compare A B ..." → A (the target file).
QStringView compareTarget(QStringView command)
{
    qsizetype at = command.indexOf(QLatin1StringView("compare "));
    if (at < 0)
        return {};
    QStringView rest = command.mid(at + 8).trimmed();
    const qsizetype space = rest.indexOf(QLatin1Char(' '));
    return space < 0 ? rest : rest.left(space);
}

// A tool command typed or echoed in a pasted log, e.g. "$ model_deploy.py --mlir ...".
std::optional<ToolStage> pastedCommandStage(QStringView line)
{
    QStringView l = line.trimmed();
    if (l.startsWith(QLatin1StringView("$ ")) || l.startsWith(QLatin1StringView("# ")))
        l = l.mid(2).trimmed();
    qsizetype space = l.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return std::nullopt;
    // A shell prompt before the command: "root@host:/dir# model_transform.py ...".
    if (l[space - 1] == QLatin1Char('#') || l[space - 1] == QLatin1Char('$')) {
        l = l.mid(space + 1).trimmed();
        space = l.indexOf(QLatin1Char(' '));
        if (space <= 0)
            return std::nullopt;
    }
    QStringView program = l.left(space);
    const qsizetype slash = program.lastIndexOf(QLatin1Char('/'));
    if (slash >= 0)
        program = program.mid(slash + 1);
    if (program.endsWith(QLatin1StringView(".py")))
        program.chop(3);
    if (program == QLatin1StringView("model_transform"))
        return ToolStage::Transform;
    if (program == QLatin1StringView("run_calibration"))
        return ToolStage::Calibration;
    if (program == QLatin1StringView("model_deploy"))
        return ToolStage::Lowering;
    return std::nullopt;
}

} // namespace

ToolStage StageDetector::stageOfCommand(QStringView command, ToolStage current)
{
    if (has(command, QLatin1StringView("tpuc-opt"))) {
        if (has(command, QLatin1StringView("--convert-top-to-tpu"))
            || has(command, QLatin1StringView("--import-calibration-table"))
            || has(command, QLatin1StringView("--processor-assign"))
            || has(command, QLatin1StringView("--chip-assign")))
            return ToolStage::Lowering;
        if (has(command, QLatin1StringView("--codegen")))
            return ToolStage::Codegen;
        if (has(command, QLatin1StringView("--layer-group"))
            || has(command, QLatin1StringView("--address-assign"))
            || has(command, QLatin1StringView("-tpu-optimize")))
            return ToolStage::Optimize;
        if (has(command, QLatin1StringView("--shape-infer"))
            || has(command, QLatin1StringView("_origin.mlir")))
            return ToolStage::Transform;
        return current;
    }
    if (has(command, QLatin1StringView("npz_tool")) && has(command, QLatin1StringView("compare"))) {
        const QStringView target = compareTarget(command);
        if (has(target, QLatin1StringView("_model_out")))
            return ToolStage::FinalCompare;
        if (has(target, QLatin1StringView("_tpu_out")))
            return ToolStage::TpuCompare;
        if (current == ToolStage::Unknown || current == ToolStage::Transform)
            return ToolStage::Transform;
        return current;
    }
    if (has(command, QLatin1StringView("model_runner"))) {
        // The runner produces the target of the next compare.
        if (has(command, QLatin1StringView(".cvimodel")) || has(command, QLatin1StringView(".bmodel"))
            || has(command, QLatin1StringView("_model_out")))
            return ToolStage::FinalCompare;
        if (has(command, QLatin1StringView("_tpu.mlir")) || has(command, QLatin1StringView("_tpu_out")))
            return ToolStage::TpuCompare;
        if (current == ToolStage::Unknown)
            return ToolStage::Transform;
        return current;
    }
    return current;
}

std::optional<ToolStage> StageDetector::change(ToolStage stage)
{
    if (stage == ToolStage::Unknown || stage == m_stage)
        return std::nullopt;
    m_stage = stage;
    return stage;
}

std::optional<ToolStage> StageDetector::feedLine(QStringView line)
{
    if (line.isEmpty())
        return std::nullopt;
    const QChar first = line.front();
    if (first == QLatin1Char('[')) {
        if (line.startsWith(QLatin1StringView("[Running]:")) || line.startsWith(QLatin1StringView("[CMD]:")))
            return change(stageOfCommand(line, m_stage));
        // tqdm KLD bar: "[2048] threshold: <tensor>"
        if (line.size() > 3 && line[1].isDigit() && has(line, QLatin1StringView("] threshold:")))
            return change(ToolStage::Calibration);
        return std::nullopt;
    }
    if (first == QLatin1Char(' ') || first == QLatin1Char('\t'))
        return std::nullopt; // metric/detail/traceback lines never start a stage
    // Plain milestones of each tool (possibly behind a logger prefix).
    if (has(line, QLatin1StringView("activation_collect_and_calc_th"))
        || line.startsWith(QLatin1StringView("input_num = "))
        || line.startsWith(QLatin1StringView("real input_num"))
        || line.startsWith(QLatin1StringView("inference and find Min Max"))
        || line.startsWith(QLatin1StringView("calculate histogram"))
        || line.startsWith(QLatin1StringView("tune op:"))
        || line.startsWith(QLatin1StringView("prepare data from"))
        || (line.startsWith(QLatin1StringView("the layer ")) && has(line, QLatin1StringView(" sensitive layer, loss is ")))
        || line.startsWith(QLatin1StringView("int8 outputs_cos"))
        || line.startsWith(QLatin1StringView("success search")))
        return change(ToolStage::Calibration); // the search runs inside run_calibration
    if (has(line, QLatin1StringView("Input_shape assigned"))
        || has(line, QLatin1StringView("Save mlir file:"))
        || has(line, QLatin1StringView("Mlir file generated:")))
        return change(ToolStage::Transform);
    if (line.startsWith(QLatin1StringView("0.")) && has(line, QLatin1StringView("Program arguments:"))
        && m_stage == ToolStage::Unknown)
        return change(stageOfCommand(line, m_stage));
    if (first.isLetter() || first == QLatin1Char('$') || first == QLatin1Char('#')
        || first == QLatin1Char('/') || first == QLatin1Char('.')) {
        if (auto s = pastedCommandStage(line))
            return change(*s);
    }
    return std::nullopt;
}

} // namespace Mcw::Core
