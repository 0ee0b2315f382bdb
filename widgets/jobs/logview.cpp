// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logview.h"

#include <core/logs/errorline.h>

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Mcw::Widgets {

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_search(new QLineEdit(this))
{
    m_editor->setReadOnly(true);
    m_editor->setUndoRedoEnabled(false);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_search->setPlaceholderText(tr("Find in log (Enter: next match)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { find(m_search->text()); });

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(new QLabel(tr("Find:"), this));
    top->addWidget(m_search);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_editor);

    m_flushTimer.setInterval(FlushIntervalMs);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogView::flush);
}

void LogView::setMaximumLines(int lines)
{
    m_maximumLines = qMax(1, lines);
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    evictOverflow(cursor);
    cursor.endEditBlock();
}

// QTextDocument::setMaximumBlockCount() is not used: it steps a cursor block by block over the
// evicted lines, laying out (shaping) every one of them before deleting it, which made a flood
// of output block the UI for over 50 ms. One selection from the start is removed instead.
void LogView::evictOverflow(QTextCursor &cursor)
{
    QTextDocument *document = m_editor->document();
    const int excess = document->blockCount() - m_maximumLines;
    if (excess <= 0)
        return;
    cursor.setPosition(0);
    cursor.setPosition(document->findBlockByNumber(excess).position(), QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    for (int &block : m_openRedraw)
        block = block >= excess ? block - excess : -1;
}

void LogView::appendLine(Core::OutputStream stream, const QString &line, bool overwrite)
{
    // A bar redrawn many times between two flushes costs one pending line.
    Core::appendStepLogLine(m_pending, {stream, line, overwrite});
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogView::setLines(const QList<Core::StepLogLine> &lines)
{
    clear();
    m_pending = lines;
    flush();
}

void LogView::clear()
{
    m_pending.clear();
    m_flushTimer.stop();
    m_editor->clear();
    m_openRedraw.fill(-1);
}

static QTextCharFormat formatFor(const Core::StepLogLine &line, const QPalette &palette)
{
    QTextCharFormat format;
    const QColor text = palette.color(QPalette::Text);
    if (line.stream == Core::OutputStream::Meta) {
        format.setForeground(palette.color(QPalette::Disabled, QPalette::Text));
    } else if (Core::looksLikeErrorLine(line.text)) {
        format.setForeground(QColor(0xc6, 0x28, 0x28));
    } else if (line.stream == Core::OutputStream::Stderr) {
        // A shade towards the background: told apart from stdout, not alarming.
        const QColor base = palette.color(QPalette::Base);
        format.setForeground(QColor((text.red() * 3 + base.red()) / 4, (text.green() * 3 + base.green()) / 4,
                                    (text.blue() * 3 + base.blue()) / 4));
    } else {
        format.setForeground(text);
    }
    return format;
}

void LogView::flush()
{
    if (m_pending.isEmpty())
        return;
    // Lines the cap would evict right away are never inserted.
    if (m_pending.size() > m_maximumLines)
        m_pending.remove(0, m_pending.size() - m_maximumLines);
    // At most MaxLinesPerFlush per event-loop turn keeps the UI responsive under a flood;
    // the rest follows on the next turn.
    QList<Core::StepLogLine> batch;
    if (m_pending.size() > MaxLinesPerFlush) {
        batch = m_pending.mid(0, MaxLinesPerFlush);
        m_pending.remove(0, MaxLinesPerFlush);
    } else {
        batch.swap(m_pending);
    }
    QScrollBar *bar = m_editor->verticalScrollBar();
    QTextDocument *document = m_editor->document();
    const bool follow = bar->value() == bar->maximum();
    QTextCursor cursor(document);
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    // One insert per run of lines with the same format; a redraw replaces its block in place.
    QString run;
    QTextCharFormat runFormat;
    int nextBlock = document->isEmpty() ? 0 : document->blockCount();
    const auto insertRun = [&] {
        if (run.isEmpty())
            return;
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(run, runFormat);
        run.clear();
    };
    for (const Core::StepLogLine &line : batch) {
        const QTextCharFormat format = formatFor(line, palette());
        int &open = openRedraw(line.stream);
        if (open >= 0) {
            insertRun();
            QTextCursor redraw(document->findBlockByNumber(open));
            redraw.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            redraw.insertText(line.text, format);
            if (!line.overwrite)
                open = -1;
            continue;
        }
        if (!run.isEmpty() && format != runFormat)
            insertRun();
        if (nextBlock > 0)
            run += QChar::ParagraphSeparator;
        run += line.text;
        runFormat = format;
        if (line.overwrite)
            open = nextBlock;
        ++nextBlock;
    }
    insertRun();
    evictOverflow(cursor);
    cursor.endEditBlock();
    if (follow)
        bar->setValue(bar->maximum());
    if (!m_pending.isEmpty())
        QTimer::singleShot(0, this, &LogView::flush);
}

bool LogView::find(const QString &text, bool backwards)
{
    while (!m_pending.isEmpty())
        flush();
    if (text.isEmpty())
        return false;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_editor->find(text, flags))
        return true;
    // Wrap around once.
    QTextCursor cursor(m_editor->document());
    cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_editor->setTextCursor(cursor);
    return m_editor->find(text, flags);
}

} // namespace Mcw::Widgets
