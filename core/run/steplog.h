// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Mcw::Core {

/** Which pipe a line came from; Meta lines are written by the runner (command, exit status). */
enum class OutputStream { Stdout, Stderr, Meta };

/** One line of a step's interleaved log file. */
struct StepLogLine
{
    OutputStream stream = OutputStream::Stdout;
    QString text;
    /** Ended by a lone `\r` (a tqdm redraw): the stream's next line replaces it on screen. */
    bool overwrite = false;

    bool operator==(const StepLogLine &other) const = default;
};

/**
 * The interleaved step log on disk: one line per output line, tagged with its stream
 * ("out| ", "err| ", "cmd| ") so a restarted app can show stdout and stderr apart. The raw
 * bytes of each stream are kept byte for byte in two sibling files (see rawStreamPath()).
 * A redraw line (overwrite) is tagged "out~ " / "err~ " so a reader can collapse it.
 */
QByteArray formatStepLogLine(OutputStream stream, const QString &text, bool overwrite = false);

/** Parses one tagged line; untagged text (a hand-edited file) counts as stdout. */
StepLogLine parseStepLogLine(const QByteArray &line);

/**
 * The index of the line in \a lines that the next line of \a stream replaces (its stream's
 * latest line, when that was a redraw), or -1. Only the last few lines are searched: a redraw
 * is replaced by its stream's very next line, and the other stream rarely writes many lines
 * in between.
 */
qsizetype redrawnLineIndex(const QList<StepLogLine> &lines, OutputStream stream);

/** Appends \a line, or replaces the redraw it overwrites: a progress bar stays one line. */
void appendStepLogLine(QList<StepLogLine> &lines, const StepLogLine &line);

/**
 * Reads a whole interleaved log, redraws collapsed as a terminal shows them; keeps only the
 * last \a maxLines lines when > 0.
 */
Expected<QList<StepLogLine>> readStepLog(const QString &path, int maxLines = 0);

/** `logs/transform-1.log` → `logs/transform-1.stdout.log` / `.stderr.log`. */
QString rawStreamPath(const QString &logPath, OutputStream stream);

} // namespace Mcw::Core
