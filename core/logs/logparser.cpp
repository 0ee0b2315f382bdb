// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logparser.h"

#include "tqdmparser.h"

namespace Mcw::Core {

std::optional<QString> versionFromLine(QStringView line)
{
    for (QLatin1StringView marker : {QLatin1StringView("TPU-MLIR "), QLatin1StringView("SOPHGO Toolchain ")}) {
        const qsizetype at = line.indexOf(marker);
        if (at < 0)
            continue;
        QStringView rest = line.mid(at + marker.size());
        const qsizetype end = rest.indexOf(QLatin1Char(' '));
        rest = end < 0 ? rest : rest.left(end);
        if (rest.size() > 1 && (rest.front() == QLatin1Char('v') || rest.startsWith(QLatin1StringView("UNKNOWN"))))
            return rest.toString();
    }
    return std::nullopt;
}

LogParser::LogParser(ToolStage initialStage)
    : m_stages(initialStage)
{}

QList<LogEvent> LogParser::feed(Stream stream, QByteArrayView chunk)
{
    QList<LogEvent> events;
    LineSplitter &splitter = stream == Stream::Stdout ? m_stdout : m_stderr;
    const QList<LineSplitter::Line> lines = splitter.feed(chunk);
    for (const LineSplitter::Line &l : lines)
        handleLine(l.text, events);
    return events;
}

QList<LogEvent> LogParser::feedLine(const QString &line)
{
    QList<LogEvent> events;
    handleLine(line, events);
    return events;
}

void LogParser::handleLine(const QString &line, QList<LogEvent> &events)
{
    // A tqdm redraw (line ended by a lone \r) is parsed like any other line: each one is a
    // complete progress state.
    ++m_lines;
    if (line.trimmed().isEmpty())
        return;
    m_lastLine = line;
    m_lastBarDone = false;

    // Compare blocks first: their lines are the bulk of a -vvvv log and need nothing else.
    const bool wasInBlock = m_compare.inBlock();
    if (m_compare.feedLine(line)) {
        takeBlocks(events);
        if (wasInBlock || line.front() != QLatin1Char('['))
            return;
    }

    if (m_version.isEmpty() && (line.contains(QLatin1StringView("TPU-MLIR ")) || line.contains(QLatin1StringView("SOPHGO Toolchain ")))) {
        if (auto v = versionFromLine(line)) {
            m_version = *v;
            LogEvent e;
            e.kind = LogEvent::Kind::Version;
            e.stage = m_stages.stage();
            e.version = m_version;
            events.append(e);
        }
    }

    if (line.startsWith(QLatin1StringView("[Running]:"))) {
        if (auto cmd = parseCompareCommand(line)) {
            // With block-buffered stdout the announcement can follow its own block (reference
            // appendix); then it belongs to that block, not to the next one.
            CompareBlock *last = m_compares.isEmpty() ? nullptr : &m_compares.last();
            if (last && !m_compare.inBlock() && last->tolerance.isEmpty() && last->target == cmd->target
                && last->reference == cmd->reference)
                last->tolerance = cmd->tolerance;
            else
                m_compare.announce(cmd->target, cmd->reference, cmd->tolerance);
        }
    }

    if (auto s = m_stages.feedLine(line)) {
        LogEvent e;
        e.kind = LogEvent::Kind::StageChanged;
        e.stage = *s;
        events.append(e);
    }

    if (line.contains(QLatin1StringView("%|"))) {
        if (auto p = parseTqdmLine(line)) {
            m_lastBarDone = p->total > 0 && p->current >= p->total;
            LogEvent e;
            e.kind = LogEvent::Kind::Progress;
            e.stage = m_stages.stage();
            e.progress = std::move(*p);
            events.append(e);
            return;
        }
    }

    m_classifier.addLine(line, m_stages.stage());
}

void LogParser::takeBlocks(QList<LogEvent> &events)
{
    const QList<CompareBlock> blocks = m_compare.takeFinished();
    for (CompareBlock b : blocks) {
        if (b.stage == CompareStage::Unknown) {
            // File names did not tell; the pipeline position does.
            switch (m_stages.stage()) {
            case ToolStage::Transform: b.stage = CompareStage::Transform; break;
            case ToolStage::TpuCompare: b.stage = CompareStage::TpuMlir; break;
            case ToolStage::FinalCompare: b.stage = CompareStage::Final; break;
            default: break;
            }
        }
        if (m_stages.stage() == ToolStage::Unknown) {
            // A pasted block without markers: its files tell where the run was.
            if (auto s = m_stages.enter(toolStageOf(b.stage))) {
                LogEvent stageEvent;
                stageEvent.kind = LogEvent::Kind::StageChanged;
                stageEvent.stage = *s;
                events.append(stageEvent);
            }
        }
        m_classifier.addCompareBlock(b);
        m_compares.append(b);
        LogEvent e;
        e.kind = LogEvent::Kind::Compare;
        e.stage = toolStageOf(b.stage) != ToolStage::Unknown ? toolStageOf(b.stage) : m_stages.stage();
        e.compare = std::move(b);
        events.append(std::move(e));
    }
}

QList<LogEvent> LogParser::finish(std::optional<int> exitCode, bool crashed)
{
    QList<LogEvent> events;
    if (m_finished)
        return events;
    m_finished = true;
    for (const LineSplitter::Line &l : m_stdout.flush())
        handleLine(l.text, events);
    for (const LineSplitter::Line &l : m_stderr.flush())
        handleLine(l.text, events);
    if (auto open = m_compare.finish()) {
        // Re-queue through takeBlocks so the stage fallback applies.
        CompareBlock b = std::move(*open);
        if (b.stage == CompareStage::Unknown) {
            switch (m_stages.stage()) {
            case ToolStage::Transform: b.stage = CompareStage::Transform; break;
            case ToolStage::TpuCompare: b.stage = CompareStage::TpuMlir; break;
            case ToolStage::FinalCompare: b.stage = CompareStage::Final; break;
            default: break;
            }
        }
        m_classifier.addCompareBlock(b);
        m_compares.append(b);
        LogEvent e;
        e.kind = LogEvent::Kind::Compare;
        e.stage = m_stages.stage();
        e.compare = std::move(b);
        events.append(std::move(e));
    }
    if (exitCode)
        m_classifier.setExitStatus(*exitCode, crashed);
    m_classifier.setEnding(m_lastLine, m_stages.stage(), m_lastBarDone);
    m_failure = m_classifier.classify();
    if (m_failure) {
        LogEvent e;
        e.kind = LogEvent::Kind::Diagnostic;
        e.stage = m_failure->stage;
        e.diagnostic = FailureClassifier::toDiagnostic(*m_failure);
        events.append(std::move(e));
    }
    return events;
}

} // namespace Mcw::Core
