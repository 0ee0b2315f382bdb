// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logview.h"

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
}

void LogView::appendLine(Core::OutputStream stream, const QString &line)
{
    m_pending.append({stream, line});
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
}

static QTextCharFormat formatFor(Core::OutputStream stream, const QPalette &palette)
{
    QTextCharFormat format;
    switch (stream) {
    case Core::OutputStream::Stderr: format.setForeground(QColor(0xc6, 0x28, 0x28)); break;
    case Core::OutputStream::Meta: format.setForeground(palette.color(QPalette::Disabled, QPalette::Text)); break;
    case Core::OutputStream::Stdout: format.setForeground(palette.color(QPalette::Text)); break;
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
    const bool follow = bar->value() == bar->maximum();
    QTextCursor cursor(m_editor->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    const bool empty = m_editor->document()->isEmpty();
    qsizetype i = 0;
    while (i < batch.size()) {
        // One insert per run of lines from the same stream.
        const Core::OutputStream stream = batch.at(i).stream;
        QString text;
        qsizetype j = i;
        for (; j < batch.size() && batch.at(j).stream == stream; ++j) {
            if (j > 0 || !empty)
                text += QChar::ParagraphSeparator;
            text += batch.at(j).text;
        }
        cursor.insertText(text, formatFor(stream, palette()));
        i = j;
    }
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
