// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/logs/logtypes.h>

#include <QString>
#include <QStringList>

#include <optional>

namespace Mcw::Core {

/** Why a tpu-mlir step failed, classified from its console text (reference §5). */
struct Failure
{
    /**
     * similarity_below_tolerance, unsupported_op, unsupported_on_target,
     * missing_calibration_table, tpuc_opt_crash, frontend_error, input_error, usage_error,
     * killed, model_load_failure, runtime_crash, read_only_workspace, disk_full, tool_failed
     * when only a non-zero exit status
     * is known, or unknown_failure when the exit status is unknown and the log ends anywhere
     * but on a line that marks success (cut off, killed, an ending the parser does not know).
     */
    QString code;
    ToolStage stage = ToolStage::Unknown;
    QString message;    // one plain sentence
    QString suggestion; // one sentence
    QStringList details;
    QStringList tensors; // failing tpu-mlir tensor names (similarity) or the missing operand
    QStringList ops;     // unsupported ONNX operators
    QString location;    // "file:line" of a native crash
};

/**
 * Collects the tell-tale lines of a run (only what matters, never the whole log) and classifies
 * the failure. The exit status alone is not enough: the pip wrappers turn every failure into 1,
 * so the text decides, with the exit status for 137 (killed) and as a last resort.
 */
class FailureClassifier
{
public:
    /** \a stage is where the run was when the line appeared (StageDetector). */
    void addLine(const QString &line, ToolStage stage);
    void addCompareBlock(const CompareBlock &block);
    /** Exit status of the process; \a crashed = killed by a signal (\a exitCode is then the signal). */
    void setExitStatus(int exitCode, bool crashed = false);
    /**
     * The last non-empty line of the log (tqdm and compare lines included), its stage and
     * whether it was a finished progress bar. Only used when the exit status is unknown: a log
     * read from a file is judged by how it ends.
     */
    void setEnding(const QString &lastLine, ToolStage stage, bool finishedBar);

    /** True for a line after which a tpu-mlir tool may end successfully ("[Success]: …", …). */
    static bool isSuccessEnding(const QString &line);

    /** The classified failure, or nullopt when nothing in the text or status says the run failed. */
    std::optional<Failure> classify() const;

    /** The Problems-list entry for a failure: severity error, stage name, code, sentence, fix, tensor/node. */
    static Diagnostic toDiagnostic(const Failure &failure);

private:
    struct Mark
    {
        QString text;
        ToolStage stage = ToolStage::Unknown;
        bool seen = false;
    };

    static void mark(Mark &m, const QString &text, ToolStage stage);

    QString m_prevLine;
    ToolStage m_lastStage = ToolStage::Unknown;
    bool m_usageSeen = false;
    QString m_usageProgram;
    Mark m_argparseError;
    Mark m_opNotSupported;
    Mark m_caliTable;
    Mark m_storage;          // "Read-only file system" / "No space left on device"
    QString m_caliTableFile;
    Mark m_onTarget;
    Mark m_native;           // first native crash line (UNREACHABLE, assertion, LLVM ERROR, terminate)
    QString m_nativeMessage; // the message printed just before UNREACHABLE
    QString m_nativeLocation;
    Mark m_programArguments; // "0. Program arguments: tpuc-opt ..."
    Mark m_errorCommand;     // RuntimeError: [!Error]: <cmd>
    Mark m_exception;        // last "<Type>Error: message" line
    Mark m_compareFailed;    // "npz compare FAILED."
    std::optional<CompareBlock> m_failedBlock;
    Mark m_modelLoad;
    Mark m_inputError;
    Mark m_killedLine;
    Mark m_fatal;            // runtime FATAL, segmentation fault, abort
    bool m_tracebackOpen = false; // "Traceback …" seen and no exception line after it yet
    QString m_endLine;
    ToolStage m_endStage = ToolStage::Unknown;
    bool m_endKnown = false; // the log ends on a success line or a finished bar
    QString m_traceTool;     // tool script named in the last traceback frame
    std::optional<int> m_exitCode;
    bool m_crashed = false;
};

} // namespace Mcw::Core
