// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "failureclassifier.h"

#include "compareblockparser.h"
#include "stagedetector.h"
#include "tensornames.h"

#include <QRegularExpression>

#include <cmath>

namespace Mcw::Core {

namespace {

bool has(QStringView text, QLatin1StringView what)
{
    return text.contains(what);
}

// Messages that mean "this op / format / mode does not exist for this chip".
bool isTargetLimitation(QStringView line)
{
    return has(line, QLatin1StringView("Not Implemented")) || has(line, QLatin1StringView("not implemented"))
           || has(line, QLatin1StringView("DO NOT Support")) || has(line, QLatin1StringView("unimplemented tpu dialect"))
           || has(line, QLatin1StringView("format not support")) || has(line, QLatin1StringView("not support current type"))
           || has(line, QLatin1StringView("Not support now")) || has(line, QLatin1StringView("not supported for"))
           || has(line, QLatin1StringView("only support BF16 and INT8"));
}

bool isModelLoadFailure(QStringView line)
{
    return has(line, QLatin1StringView("CANNOT run on platform"))
           || has(line, QLatin1StringView("checker.ValidationError"))
           || has(line, QLatin1StringView("google.protobuf.message.DecodeError"))
           || has(line, QLatin1StringView("INVALID_PROTOBUF"))
           || has(line, QLatin1StringView("Error parsing message"))
           || has(line, QLatin1StringView("Failed to load model")) || has(line, QLatin1StringView("load model failed"));
}

bool isInputError(QStringView line)
{
    static const QRegularExpression notExist(QStringLiteral("test_(input|reference) .* not exist"));
    return has(line, QLatin1StringView("unsupport model:")) || has(line, QLatin1StringView("Unsupport input type"))
           || has(line, QLatin1StringView("aligned_input requires fuse_preprocess"))
           || has(line, QLatin1StringView("should endswith .mlir"))
           || line.startsWith(QLatin1StringView("FileNotFoundError:"))
           || has(line, QLatin1StringView("There is no inputs"))
           || has(line, QLatin1StringView("Please specific dataset path"))
           || has(line, QLatin1StringView("File illegal:")) || has(line, QLatin1StringView("Only support one input type"))
           || has(line, QLatin1StringView("customization_format only used for fuse_preprocess"))
           || (has(line, QLatin1StringView("not exist")) && notExist.match(line.toString()).hasMatch());
}

// A fatal error of the runtime or the process: glog FATAL ("F0312 10:00:00.000 …"), a signal the
// shell reports, an interpreter abort.
bool isRuntimeFatal(QStringView line)
{
    static const QRegularExpression glogFatal(QStringLiteral("^F\\d{4}(?:\\d{4})? \\d\\d:\\d\\d:\\d\\d"));
    return has(line, QLatin1StringView("[FATAL]")) || line.startsWith(QLatin1StringView("FATAL"))
           || has(line, QLatin1StringView("Segmentation fault")) || has(line, QLatin1StringView("core dumped"))
           || line.startsWith(QLatin1StringView("Fatal Python error")) || has(line, QLatin1StringView("Check failed:"))
           || glogFatal.match(line).hasMatch();
}

// "KeyError: 'x'" / "RuntimeError: msg" / "onnx.x.ValidationError: msg" at the start of a line.
bool isExceptionLine(QStringView line)
{
    if (line.isEmpty() || !line.front().isLetter())
        return false;
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    QStringView type = colon < 0 ? line : line.left(colon);
    if (type.contains(QLatin1Char(' ')))
        return false;
    return type.endsWith(QLatin1StringView("Error")) || type.endsWith(QLatin1StringView("Exception"))
           || type == QLatin1StringView("KeyboardInterrupt");
}

ToolStage stageOfTool(QStringView program)
{
    if (has(program, QLatin1StringView("model_transform")))
        return ToolStage::Transform;
    if (has(program, QLatin1StringView("run_calibration")))
        return ToolStage::Calibration;
    if (has(program, QLatin1StringView("model_deploy")))
        return ToolStage::Lowering;
    return ToolStage::Unknown;
}

// Where a native crash happened, from the source file path when nothing better is known.
ToolStage stageOfSource(QStringView path)
{
    if (has(path, QLatin1StringView("TopToTpu")) || has(path, QLatin1StringView("ImportCalibration"))
        || has(path, QLatin1StringView("Lowering")))
        return ToolStage::Lowering;
    if (has(path, QLatin1StringView("AddressAssign")) || has(path, QLatin1StringView("LayerGroup")))
        return ToolStage::Optimize;
    if (has(path, QLatin1StringView("Codegen")) || has(path, QLatin1StringView("cmodel"))
        || has(path, QLatin1StringView("Backend/CV18xx")))
        return ToolStage::Codegen;
    return ToolStage::Unknown;
}

QString formatMetric(double v)
{
    if (std::isnan(v))
        return QStringLiteral("n/a");
    return QString::number(v, 'f', 6);
}

QString firstKnown(std::initializer_list<ToolStage> stages)
{
    for (ToolStage s : stages) {
        if (s != ToolStage::Unknown)
            return toolStageName(s);
    }
    return toolStageName(ToolStage::Unknown);
}

} // namespace

void FailureClassifier::mark(Mark &m, const QString &text, ToolStage stage)
{
    m.text = text;
    m.stage = stage;
    m.seen = true;
}

void FailureClassifier::addLine(const QString &line, ToolStage stage)
{
    if (line.isEmpty())
        return;
    // Fast exit for compare dumps ("  123 0.5 0.49") and metric lines: they never classify.
    const QChar first = line.front();
    if (first == QLatin1Char(' ') && line.size() > 2 && (line[2].isDigit() || line.startsWith(QLatin1StringView("    "))))
        return;
    m_lastStage = stage;

    if (first == QLatin1Char(' ')) {
        // Traceback frame: remember which tool script raised.
        if (line.startsWith(QLatin1StringView("  File \""))) {
            const qsizetype end = line.indexOf(QLatin1Char('"'), 8);
            const QStringView path = QStringView(line).mid(8, end < 0 ? -1 : end - 8);
            if (stageOfTool(path) != ToolStage::Unknown)
                m_traceTool = path.toString();
        }
        m_prevLine = line;
        return;
    }

    if (line.startsWith(QLatin1StringView("usage: "))) {
        m_usageSeen = true;
        const QStringView rest = QStringView(line).mid(7);
        m_usageProgram = rest.left(rest.indexOf(QLatin1Char(' '))).toString();
    } else if (m_usageSeen && has(line, QLatin1StringView(": error: "))) {
        mark(m_argparseError, line.mid(line.indexOf(QLatin1StringView(": error: ")) + 9), stage);
    }

    if (const qsizetype at = line.indexOf(QLatin1StringView("Op not support:")); at >= 0)
        mark(m_opNotSupported, line.mid(at + 15).trimmed(), stage);
    if (has(line, QLatin1StringView("can't open calibration table file")))
        mark(m_caliTable, line, stage);
    // The job folder takes no more writes: whatever the tool says next follows from that.
    if (!m_storage.seen && (has(line, QLatin1StringView("Read-only file system"))
                            || has(line, QLatin1StringView("No space left on device"))))
        mark(m_storage, line.trimmed(), stage);
    if (isTargetLimitation(line)) {
        // Keep the first two messages: the second often names the op ("unimplemented ... tpu.X").
        if (!m_onTarget.seen)
            mark(m_onTarget, line.trimmed(), stage);
        else if (!m_onTarget.text.contains(QLatin1StringView("; ")) && m_onTarget.text != line.trimmed())
            m_onTarget.text += QStringLiteral("; ") + line.trimmed();
    }
    if (!m_modelLoad.seen && isModelLoadFailure(line))
        mark(m_modelLoad, line.trimmed(), stage);

    // Native crash signatures.
    if (const qsizetype at = line.indexOf(QLatin1StringView("UNREACHABLE executed at ")); at >= 0) {
        QString loc = line.mid(at + 24).trimmed();
        if (loc.endsWith(QLatin1Char('!')))
            loc.chop(1);
        if (!m_native.seen) {
            mark(m_native, QStringLiteral("UNREACHABLE"), stage);
            m_nativeMessage = m_prevLine.trimmed();
        }
        if (m_nativeLocation.isEmpty())
            m_nativeLocation = loc;
    } else if (has(line, QLatin1StringView("Assertion `")) && has(line, QLatin1StringView("' failed"))) {
        static const QRegularExpression assertion(QStringLiteral("(/?[\\w./+-]+\\.(?:cpp|cc|h|hpp|c)):(\\d+):.*Assertion `(.*)' failed"));
        const auto m = assertion.match(line);
        if (!m_native.seen || m_nativeLocation.isEmpty()) {
            mark(m_native, m.hasMatch() ? QStringLiteral("assertion `%1' failed").arg(m.captured(3)) : line.trimmed(), stage);
            if (m.hasMatch())
                m_nativeLocation = m.captured(1) + QLatin1Char(':') + m.captured(2);
        }
    } else if (line.startsWith(QLatin1StringView("terminate called after throwing an instance of "))) {
        if (!m_native.seen)
            mark(m_native, QStringLiteral("uncaught %1").arg(line.mid(47).remove(QLatin1Char('\''))), stage);
    } else if (line.startsWith(QLatin1StringView("LLVM ERROR: "))) {
        if (!m_native.seen)
            mark(m_native, line.trimmed(), stage);
    } else if (line.startsWith(QLatin1StringView("Stack dump:")) || line.startsWith(QLatin1StringView("PLEASE submit a bug report"))) {
        if (!m_native.seen)
            mark(m_native, QStringLiteral("crash"), stage);
    } else if (line.startsWith(QLatin1StringView("0.")) && has(line, QLatin1StringView("Program arguments:"))) {
        const QString cmd = line.mid(line.indexOf(QLatin1StringView("Program arguments:")) + 18).trimmed();
        mark(m_programArguments, cmd, StageDetector::stageOfCommand(cmd, ToolStage::Unknown));
        if (!m_native.seen)
            mark(m_native, QStringLiteral("crash"), stage);
    }

    if (line.startsWith(QLatin1StringView("Traceback (most recent call last)")))
        m_tracebackOpen = true;
    if (!m_fatal.seen && isRuntimeFatal(line))
        mark(m_fatal, line.trimmed(), stage);
    if (line.startsWith(QLatin1StringView("npz compare FAILED")))
        mark(m_compareFailed, line, stage);
    if (line == QLatin1StringView("Killed") || line.endsWith(QLatin1StringView(" Killed")))
        mark(m_killedLine, line, stage);

    if (isExceptionLine(line)) {
        m_tracebackOpen = false;
        mark(m_exception, line, stage);
        if (const qsizetype at = line.indexOf(QLatin1StringView("[!Error]: ")); at >= 0) {
            const QString cmd = line.mid(at + 10).trimmed();
            mark(m_errorCommand, cmd, StageDetector::stageOfCommand(cmd, stage));
        }
        if (const qsizetype at = line.indexOf(QLatin1StringView("file=")); at >= 0 && m_caliTableFile.isEmpty()) {
            // "--import-calibration-table="file=X asymmetric=..."
            m_caliTableFile = line.mid(at + 5).section(QLatin1Char(' '), 0, 0).remove(QLatin1Char('"'));
        }
    }
    if (isInputError(line) && !m_inputError.seen)
        mark(m_inputError, line.trimmed(), stage);
    if (m_caliTableFile.isEmpty() && has(line, QLatin1StringView("calibration-table"))) {
        const qsizetype at = line.indexOf(QLatin1StringView("file="));
        if (at >= 0)
            m_caliTableFile = line.mid(at + 5).section(QLatin1Char(' '), 0, 0).remove(QLatin1Char('"'));
    }
    m_prevLine = line;
}

void FailureClassifier::addCompareBlock(const CompareBlock &block)
{
    if (block.hasFailed())
        m_failedBlock = block;
}

void FailureClassifier::setExitStatus(int exitCode, bool crashed)
{
    m_exitCode = exitCode;
    m_crashed = crashed;
}

bool FailureClassifier::isSuccessEnding(const QString &line)
{
    const QString t = line.trimmed();
    return t.startsWith(QLatin1StringView("[Success]:")) || t.startsWith(QLatin1StringView("npz compare PASSED"))
           || has(t, QLatin1StringView("Mlir file generated")) || t.startsWith(QLatin1StringView("success search"))
           || t.startsWith(QLatin1StringView("success sensitive layer search"))
           || t.startsWith(QLatin1StringView("auto tune end"));
}

void FailureClassifier::setEnding(const QString &lastLine, ToolStage stage, bool finishedBar)
{
    m_endLine = lastLine.trimmed();
    m_endStage = stage;
    m_endKnown = finishedBar || isSuccessEnding(lastLine);
}

std::optional<Failure> FailureClassifier::classify() const
{
    Failure f;
    const auto stageOr = [this](ToolStage s) { return s != ToolStage::Unknown ? s : m_lastStage; };

    if (m_usageSeen && m_argparseError.seen) {
        f.code = QStringLiteral("usage_error");
        f.stage = stageOfTool(m_usageProgram);
        f.message = QStringLiteral("%1 rejected its arguments: %2.")
                        .arg(m_usageProgram, m_argparseError.text.trimmed());
        f.suggestion = QStringLiteral("This tpu-mlir version accepts different flags; run \"Test toolchain\" so "
                                      "only the flags it knows are used, or fix the option named above.");
        f.details = {QStringLiteral("usage: %1 ...").arg(m_usageProgram), m_argparseError.text};
        return f;
    }
    if (m_storage.seen) {
        const bool full = m_storage.text.contains(QLatin1StringView("No space left on device"));
        f.code = full ? QStringLiteral("disk_full") : QStringLiteral("read_only_workspace");
        f.stage = stageOr(m_storage.stage);
        f.message = full ? QStringLiteral("The disk of the job folder is full: %1.").arg(m_storage.text)
                         : QStringLiteral("The job folder became read-only: %1.").arg(m_storage.text);
        f.suggestion = full ? QStringLiteral("Free disk space or move the workspace to a larger disk, then run again; "
                                             "earlier runs are kept.")
                            : QStringLiteral("Make the workspace writable again (a disk the system turned read-only "
                                             "after an error needs a check first), then run again; earlier runs are kept.");
        f.details = {m_storage.text};
        return f;
    }
    if (m_opNotSupported.seen) {
        f.code = QStringLiteral("unsupported_op");
        f.stage = stageOr(m_opNotSupported.stage == ToolStage::Unknown ? ToolStage::Transform : m_opNotSupported.stage);
        static const QRegularExpression quoted(QStringLiteral("'([^']+)'"));
        for (auto it = quoted.globalMatch(m_opNotSupported.text); it.hasNext();)
            f.ops.append(it.next().captured(1));
        if (f.ops.isEmpty())
            f.ops.append(m_opNotSupported.text);
        f.message = QStringLiteral("tpu-mlir cannot convert the ONNX operator%1 %2.")
                        .arg(f.ops.size() > 1 ? QStringLiteral("s") : QString(), f.ops.join(QStringLiteral(", ")));
        f.suggestion = QStringLiteral("Cut the graph before these operators (post-processing runs on the CPU in "
                                      "MaixPy) or replace them in the exported model.");
        f.details = {QStringLiteral("Op not support:") + m_opNotSupported.text};
        return f;
    }
    if (m_caliTable.seen) {
        f.code = QStringLiteral("missing_calibration_table");
        // run_calibration's tuner lowers "<mlir>.INT8.tune.mlir" with the table it has just written.
        const bool tuning = m_programArguments.text.contains(QLatin1StringView(".tune.mlir"))
                            || m_caliTable.stage == ToolStage::Calibration;
        f.stage = tuning ? ToolStage::Calibration : ToolStage::Lowering;
        const QString who = tuning ? QStringLiteral("The calibration tuning step") : QStringLiteral("Deploy");
        f.message = m_caliTableFile.isEmpty()
                        ? QStringLiteral("%1 could not open the calibration table.").arg(who)
                        : QStringLiteral("%1 could not open the calibration table %2.").arg(who, m_caliTableFile);
        f.suggestion = tuning ? QStringLiteral("The tuner reads back the table calibration has just written: check that "
                                               "the job folder is writable and the disk is not full, and that -o names "
                                               "a file in it.")
                              : QStringLiteral("Run calibration first and pass the table it wrote with --calibration_table "
                                               "(relative paths are resolved in the job folder).");
        f.location = m_nativeLocation;
        f.details = {m_caliTable.text.trimmed()};
        if (!m_nativeLocation.isEmpty())
            f.details.append(QStringLiteral("UNREACHABLE executed at %1").arg(m_nativeLocation));
        return f;
    }
    if (m_modelLoad.seen) {
        f.code = QStringLiteral("model_load_failure");
        f.stage = stageOr(m_modelLoad.stage);
        f.message = QStringLiteral("The model could not be loaded: %1.").arg(m_modelLoad.text);
        f.suggestion = QStringLiteral("Check that the ONNX file is complete and valid (re-export it) and that the "
                                      "cvimodel was built for cv181x, the chip of MaixCAM.");
        f.details = {m_modelLoad.text};
        return f;
    }
    const ToolStage nativeStage = m_errorCommand.seen && m_errorCommand.text.startsWith(QLatin1StringView("tpuc-opt"))
                                      ? m_errorCommand.stage
                                      : (m_programArguments.seen && m_programArguments.stage != ToolStage::Unknown
                                             ? m_programArguments.stage
                                             : stageOfSource(m_nativeLocation));
    if (m_onTarget.seen && (m_native.seen || m_errorCommand.seen || m_exception.seen)) {
        f.code = QStringLiteral("unsupported_on_target");
        f.stage = nativeStage != ToolStage::Unknown ? nativeStage : stageOr(m_onTarget.stage);
        f.location = m_nativeLocation;
        f.message = QStringLiteral("The target chip does not support an operation of this model during %1: %2.")
                        .arg(toolStageTitle(f.stage), m_onTarget.text);
        f.suggestion = QStringLiteral("Use BF16 or INT8 (the only modes of cv18xx), drop --fuse_preprocess / "
                                      "--customization_format, or cut the graph before the layer that is not supported.");
        f.details = {m_onTarget.text};
        if (!m_nativeLocation.isEmpty())
            f.details.append(QStringLiteral("UNREACHABLE executed at %1").arg(m_nativeLocation));
        return f;
    }
    const bool tpucFailed = m_errorCommand.seen && m_errorCommand.text.startsWith(QLatin1StringView("tpuc-opt"));
    if (m_native.seen || tpucFailed) {
        f.code = QStringLiteral("tpuc_opt_crash");
        f.stage = nativeStage != ToolStage::Unknown ? nativeStage : stageOr(m_native.stage);
        f.location = m_nativeLocation;
        QString what = m_native.seen ? m_native.text : QStringLiteral("an error");
        if (what == QLatin1StringView("UNREACHABLE") && !m_nativeMessage.isEmpty())
            what = QStringLiteral("\"%1\"").arg(m_nativeMessage);
        f.message = m_nativeLocation.isEmpty()
                        ? QStringLiteral("tpuc-opt crashed during %1 (%2).").arg(toolStageTitle(f.stage), what)
                        : QStringLiteral("tpuc-opt crashed during %1 (%2 at %3).")
                              .arg(toolStageTitle(f.stage), what, m_nativeLocation);
        f.suggestion = QStringLiteral("This is a tpu-mlir compiler bug: try the other quantization mode, --opt 1 "
                                      "or another tpu-mlir version, and report it with this log.");
        if (m_native.seen)
            f.details.append(m_native.text);
        if (!m_nativeLocation.isEmpty())
            f.details.append(m_nativeLocation);
        if (tpucFailed)
            f.details.append(m_errorCommand.text);
        return f;
    }
    const bool compareFailed = m_failedBlock.has_value() || m_compareFailed.seen
                               || (m_errorCommand.seen && has(m_errorCommand.text, QLatin1StringView("npz_tool")));
    if (compareFailed) {
        f.code = QStringLiteral("similarity_below_tolerance");
        ToolStage s = ToolStage::Unknown;
        if (m_failedBlock)
            s = toolStageOf(m_failedBlock->stage);
        if (s == ToolStage::Unknown && m_errorCommand.seen)
            s = m_errorCommand.stage;
        f.stage = stageOr(s != ToolStage::Unknown ? s : m_compareFailed.stage);
        QString tolerance;
        if (m_failedBlock) {
            f.tensors = m_failedBlock->failedTensors();
            tolerance = m_failedBlock->tolerance;
        }
        if (tolerance.isEmpty() && m_errorCommand.seen) {
            if (auto cmd = parseCompareCommand(m_errorCommand.text))
                tolerance = cmd->tolerance;
        }
        const QString tol = tolerance.isEmpty() ? QString() : QStringLiteral(" (tolerance %1)").arg(tolerance);
        if (!f.tensors.isEmpty()) {
            const CompareTensor *first = nullptr;
            for (const CompareTensor &t : m_failedBlock->tensors) {
                if (t.name == f.tensors.first()) {
                    first = &t;
                    break;
                }
            }
            const QString metrics = first && !std::isnan(first->cosine)
                                        ? QStringLiteral(" with cosine %1 and euclidean %2")
                                              .arg(formatMetric(first->cosine), formatMetric(first->euclidean))
                                        : QStringLiteral(" (%1)").arg(first ? first->status : QString());
            f.message = QStringLiteral("The %1 compare failed at layer %2%3%4; %5 tensor%6 below tolerance.")
                            .arg(toolStageTitle(f.stage), f.tensors.first(), metrics, tol)
                            .arg(f.tensors.size())
                            .arg(f.tensors.size() == 1 ? QStringLiteral(" is") : QStringLiteral("s are"));
        } else {
            f.message = QStringLiteral("The %1 compare failed: results are below the tolerance%2.")
                            .arg(toolStageTitle(f.stage), tol);
        }
        switch (f.stage) {
        case ToolStage::Transform:
            f.suggestion = QStringLiteral("The MLIR differs from ONNX: check mean, scale and pixel format, and that "
                                          "the test input matches the model input.");
            break;
        case ToolStage::FinalCompare:
            f.suggestion = QStringLiteral("The cvimodel differs from the TPU MLIR: rerun with --compare_all to see "
                                          "the layer, try the other quantization mode or another tpu-mlir version.");
            break;
        default:
            f.suggestion = QStringLiteral("Relax the tolerance for this quantization mode, calibrate with more "
                                          "representative images, or keep the failing layer in float with a quantize table.");
            break;
        }
        f.details = f.tensors;
        if (m_errorCommand.seen)
            f.details.append(m_errorCommand.text);
        return f;
    }
    if (m_inputError.seen) {
        f.code = QStringLiteral("input_error");
        f.stage = stageOr(m_traceTool.isEmpty() ? m_inputError.stage : stageOfTool(m_traceTool));
        QString msg = m_inputError.text;
        if (const qsizetype colon = msg.indexOf(QLatin1StringView(": ")); colon > 0 && isExceptionLine(msg))
            msg = msg.mid(colon + 2);
        f.message = QStringLiteral("An input of %1 is invalid: %2.").arg(toolStageTitle(f.stage), msg);
        f.suggestion = QStringLiteral("Check the file paths and arguments of this step (paths are relative to the job folder).");
        f.details = {m_inputError.text};
        return f;
    }
    if (m_fatal.seen) {
        f.code = QStringLiteral("runtime_crash");
        f.stage = stageOr(m_fatal.stage);
        f.message = QStringLiteral("The %1 step stopped with a fatal error: %2.").arg(toolStageTitle(f.stage), m_fatal.text);
        f.suggestion = QStringLiteral("This happened inside tpu-mlir's runtime, not in your settings: try the other "
                                      "quantization mode or another tpu-mlir release, and report it with this log.");
        f.details = {m_fatal.text};
        return f;
    }
    const bool killedStatus = m_exitCode && ((m_crashed && *m_exitCode == 9) || (!m_crashed && *m_exitCode == 137));
    if (killedStatus || m_killedLine.seen) {
        f.code = QStringLiteral("killed");
        f.stage = m_lastStage;
        f.message = QStringLiteral("The %1 step was killed (out of memory or cancelled).").arg(toolStageTitle(f.stage));
        f.suggestion = QStringLiteral("Give Docker more memory, calibrate with fewer images (--input_num) or run "
                                      "fewer jobs at once.");
        f.details = {m_exitCode ? QStringLiteral("exit status %1").arg(*m_exitCode) : m_killedLine.text};
        return f;
    }
    if (m_exception.seen && !(m_tracebackOpen && !m_exitCode)) {
        f.code = QStringLiteral("frontend_error");
        f.stage = stageOr(m_traceTool.isEmpty() ? m_exception.stage : stageOfTool(m_traceTool));
        f.message = QStringLiteral("The %1 failed with %2.").arg(toolStageTitle(f.stage), m_exception.text);
        static const QRegularExpression operand(QStringLiteral("operand (\\S+) not found"));
        if (const auto m = operand.match(m_exception.text); m.hasMatch()) {
            f.tensors = {m.captured(1)};
            f.suggestion = QStringLiteral("The tensor %1 does not exist when converting: check --output_names and "
                                          "that the ONNX model was simplified (onnxsim) before cutting.")
                               .arg(m.captured(1));
        } else {
            f.suggestion = QStringLiteral("Re-export or simplify the ONNX model (onnxsim, opset 11-17), or cut the "
                                          "graph before the failing node.");
        }
        f.details = {m_exception.text};
        if (!m_traceTool.isEmpty())
            f.details.append(m_traceTool);
        return f;
    }
    if (m_exitCode && (*m_exitCode != 0 || m_crashed)) {
        f.code = QStringLiteral("tool_failed");
        f.stage = m_lastStage;
        f.message = m_crashed ? QStringLiteral("The %1 step crashed with signal %2.").arg(toolStageTitle(f.stage)).arg(*m_exitCode)
                              : QStringLiteral("The %1 step failed with exit status %2.").arg(toolStageTitle(f.stage)).arg(*m_exitCode);
        f.suggestion = QStringLiteral("Read the end of the log for the cause.");
        return f;
    }
    if (!m_exitCode && !m_endKnown) {
        // No exit status (a saved or pasted log) and no success line at the end: the run may
        // have been cut off or killed. Never report that as success.
        f.code = QStringLiteral("unknown_failure");
        f.stage = m_endStage != ToolStage::Unknown ? m_endStage : m_lastStage;
        if (f.stage == ToolStage::Unknown && m_usageSeen)
            f.stage = stageOfTool(m_usageProgram);
        if (m_usageSeen) {
            f.message = QStringLiteral("%1 printed its usage (it rejected its arguments or was asked for --help), "
                                       "and the log ends before the line that says which.")
                            .arg(m_usageProgram);
        } else if (m_tracebackOpen) {
            f.message = QStringLiteral("The %1 step ended in a Python traceback whose exception line is missing "
                                       "from the log.")
                            .arg(toolStageTitle(f.stage));
        } else {
            f.message = QStringLiteral("The log ends during %1 without a line that marks success or names an "
                                       "error; the run was cut off, killed or ended in a way the workbench does "
                                       "not know.")
                            .arg(toolStageTitle(f.stage));
        }
        f.suggestion = QStringLiteral("Look at the complete log (a killed run often means too little memory: "
                                      "calibrate with fewer images) and rerun the step.");
        if (!m_endLine.isEmpty())
            f.details = {QStringLiteral("last line: ") + m_endLine};
        return f;
    }
    return std::nullopt;
}

Diagnostic FailureClassifier::toDiagnostic(const Failure &failure)
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.stage = firstKnown({failure.stage});
    d.code = failure.code;
    d.message = failure.message;
    d.suggestion = failure.suggestion;
    d.details = failure.details;
    if (!failure.tensors.isEmpty()) {
        d.tensorName = onnxTensorName(failure.tensors.first());
        d.nodeId = onnxNodeNameGuess(failure.tensors.first());
    }
    return d;
}

} // namespace Mcw::Core
