// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/steplog.h>

#include <QList>
#include <QTimer>
#include <QWidget>

#include <array>

class QLineEdit;
class QPlainTextEdit;
class QTextCursor;

namespace Mcw::Widgets {

/**
 * A job step's console output and a find field. Lines that read as errors are red, whichever
 * stream they came on (the tools write progress and warnings on stderr, which is only a shade
 * dimmer); runner lines (command, exit) are grey. A `\r` redraw (tqdm) is replaced by its
 * stream's next line, so a progress bar stays one updating line. Lines arrive in bursts (calibration bars, `-vvvv` compares), so appendLine() only
 * queues them and a 75 ms timer inserts them (at most 500 per event-loop turn, so a flood never
 * freezes the UI); the view keeps the last
 * maximumLines() lines while the full log stays on disk.
 */
class LogView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int FlushIntervalMs = 75;
    static constexpr int MaxLinesPerFlush = 500;

    explicit LogView(QWidget *parent = nullptr);

    void setMaximumLines(int lines);
    int maximumLines() const { return m_maximumLines; }

    /** \a overwrite: the line ended in a lone `\r`; the stream's next line replaces it. */
    void appendLine(Core::OutputStream stream, const QString &line, bool overwrite = false);
    /** Replaces the content (a log read from disk). */
    void setLines(const QList<Core::StepLogLine> &lines);
    void clear();
    /** Selects the next (or previous) match of \a text; false when there is none. */
    bool find(const QString &text, bool backwards = false);

    int pendingLineCount() const { return int(m_pending.size()); }
    QPlainTextEdit *editor() const { return m_editor; }

private:
    void flush();
    void evictOverflow(QTextCursor &cursor);
    int &openRedraw(Core::OutputStream stream) { return m_openRedraw[size_t(stream)]; }

    QPlainTextEdit *m_editor = nullptr;
    QLineEdit *m_search = nullptr;
    QList<Core::StepLogLine> m_pending;
    QTimer m_flushTimer;
    int m_maximumLines = 5000;
    /** Per stream, the block number of a shown redraw line its next line replaces, or -1. */
    std::array<int, 3> m_openRedraw{-1, -1, -1};
};

} // namespace Mcw::Widgets
