// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/compareblockparser.h>
#include <core/logs/diagnostic.h>
#include <core/logs/failureclassifier.h>
#include <core/logs/linesplitter.h>
#include <core/logs/logtypes.h>
#include <core/logs/stagedetector.h>

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Mcw::Core {

/** Something the log told: a version, a new stage, progress, a compare block or a diagnostic. */
struct LogEvent
{
    enum class Kind { Version, StageChanged, Progress, Compare, Diagnostic };

    Kind kind = Kind::StageChanged;
    ToolStage stage = ToolStage::Unknown; // the stage when the event happened
    QString version;                      // Kind::Version, e.g. "v1.15.1-20250208"
    ProgressUpdate progress;              // Kind::Progress
    CompareBlock compare;                 // Kind::Compare
    Diagnostic diagnostic;                // Kind::Diagnostic
};

/**
 * Reads the console output of one tpu-mlir tool run (or a saved/pasted log) and turns it into
 * events. Pure and incremental: the job runner feeds stdout/stderr chunks as they arrive and
 * calls finish() with the exit status; `maixcam-convert report` feeds a whole file. Memory stays
 * bounded by the compare blocks, never by the log size.
 */
class LogParser
{
public:
    enum class Stream { Stdout, Stderr };

    explicit LogParser(ToolStage initialStage = ToolStage::Unknown);

    QList<LogEvent> feed(Stream stream, QByteArrayView chunk);
    /** One complete line (without its line end), e.g. from a file read line by line. */
    QList<LogEvent> feedLine(const QString &line);
    /**
     * End of output: flushes partial lines and an unfinished compare block, then classifies the
     * failure. \a exitCode: the process status if known; \a crashed: ended by a signal.
     * Emits one Diagnostic event when the run failed.
     */
    QList<LogEvent> finish(std::optional<int> exitCode = std::nullopt, bool crashed = false);

    ToolStage stage() const { return m_stages.stage(); }
    QString version() const { return m_version; }
    /** Every compare block seen so far, in order. */
    const QList<CompareBlock> &compares() const { return m_compares; }
    /** The failure found by finish(), if any. */
    const std::optional<Failure> &failure() const { return m_failure; }
    qint64 lineCount() const { return m_lines; }

private:
    void handleLine(const QString &line, QList<LogEvent> &events);
    void takeBlocks(QList<LogEvent> &events);

    LineSplitter m_stdout;
    LineSplitter m_stderr;
    StageDetector m_stages;
    CompareBlockParser m_compare;
    FailureClassifier m_classifier;
    QList<CompareBlock> m_compares;
    QString m_version;
    std::optional<Failure> m_failure;
    qint64 m_lines = 0;
    QString m_lastLine;       // the last non-empty line, for how the log ends
    bool m_lastBarDone = false; // it was a tqdm bar at n == total
    bool m_finished = false;
};

/** The toolchain version named by a log line ("TPU-MLIR v1.15.1-20250208" → "v1.15.1-20250208"). */
std::optional<QString> versionFromLine(QStringView line);

} // namespace Mcw::Core
