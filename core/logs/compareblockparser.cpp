// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "compareblockparser.h"

#include <limits>

namespace Mcw::Core {

namespace {

double parseNumber(QStringView text, bool *ok)
{
    text = text.trimmed();
    *ok = true;
    if (text == QLatin1StringView("inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1StringView("-inf"))
        return -std::numeric_limits<double>::infinity();
    if (text == QLatin1StringView("nan") || text == QLatin1StringView("-nan"))
        return std::numeric_limits<double>::quiet_NaN();
    return text.toDouble(ok);
}

bool isStatus(QStringView s)
{
    return s == QLatin1StringView("EQUAL") || s == QLatin1StringView("CLOSE")
           || s == QLatin1StringView("SIMILAR") || s == QLatin1StringView("NOT_EQUAL")
           || s == QLatin1StringView("NOT_SIMLIAR") || s == QLatin1StringView("NOT_SIMILAR")
           || s == QLatin1StringView("NOT_MATCH");
}

// "[name ...]   STATUS [VERDICT]" with a greedy name (names may contain brackets).
std::optional<CompareTensor> parseHeader(QStringView line)
{
    if (!line.endsWith(QLatin1StringView("PASSED]")) && !line.endsWith(QLatin1StringView("FAILED]"))) {
        line = line.trimmed();
        if (!line.endsWith(QLatin1StringView("PASSED]")) && !line.endsWith(QLatin1StringView("FAILED]")))
            return std::nullopt;
    }
    const qsizetype verdictOpen = line.lastIndexOf(QLatin1Char('['));
    if (verdictOpen <= 0)
        return std::nullopt;
    QStringView verdict = line.mid(verdictOpen + 1, line.size() - verdictOpen - 2).trimmed();
    QStringView beforeVerdict = line.left(verdictOpen).trimmed(); // "[name   ]  STATUS"
    const qsizetype statusStart = beforeVerdict.lastIndexOf(QLatin1Char(' '));
    if (statusStart <= 0)
        return std::nullopt;
    QStringView status = beforeVerdict.mid(statusStart + 1);
    if (!isStatus(status))
        return std::nullopt;
    QStringView name = beforeVerdict.left(statusStart).trimmed();
    if (!name.startsWith(QLatin1Char('[')) || !name.endsWith(QLatin1Char(']')))
        return std::nullopt;
    CompareTensor t;
    t.name = name.mid(1, name.size() - 2).trimmed().toString();
    t.status = status.toString();
    t.passed = verdict == QLatin1StringView("PASSED");
    return t;
}

QList<qint64> parseShape(QStringView tuple, bool *ok)
{
    QList<qint64> dims;
    *ok = true;
    for (QStringView part : tuple.split(QLatin1Char(','))) {
        part = part.trimmed();
        if (part.isEmpty())
            continue;
        bool k = false;
        dims.append(part.toLongLong(&k));
        if (!k) {
            *ok = false;
            return {};
        }
    }
    return dims;
}

// "12 compared" → 12; -1 when the line is not "<int> <word>".
int leadingCount(QStringView line, QLatin1StringView word)
{
    if (!line.endsWith(word))
        return -1;
    QStringView number = line.left(line.size() - word.size()).trimmed();
    bool ok = false;
    const int n = number.toInt(&ok);
    return ok ? n : -1;
}

bool startsWithDigit(QStringView s)
{
    return !s.isEmpty() && s.front().isDigit();
}

} // namespace

void CompareBlockParser::announce(const QString &target, const QString &reference, const QString &tolerance)
{
    m_nextTarget = target;
    m_nextReference = reference;
    m_nextTolerance = tolerance;
}

CompareBlock &CompareBlockParser::block()
{
    if (!m_open) {
        m_current = CompareBlock{};
        m_current.target = m_nextTarget;
        m_current.reference = m_nextReference;
        m_current.tolerance = m_nextTolerance;
        m_nextTarget.clear();
        m_nextReference.clear();
        m_nextTolerance.clear();
        m_open = true;
        m_inDump = false;
    }
    return m_current;
}

void CompareBlockParser::close()
{
    if (!m_open)
        return;
    if (m_current.stage == CompareStage::Unknown)
        m_current.stage = compareStageFromFiles(m_current.target, m_current.reference);
    m_finished.append(std::move(m_current));
    m_current = CompareBlock{};
    m_open = false;
    m_inDump = false;
}

bool CompareBlockParser::feedLine(QStringView line)
{
    if (line.isEmpty())
        return m_open;
    const QChar first = line.front();

    if (first == QLatin1Char('[')) {
        if (auto t = parseHeader(line)) {
            m_inDump = false;
            block().tensors.append(std::move(*t));
            return true;
        }
        return false;
    }

    if (first == QLatin1Char(' ')) {
        if (!m_open)
            return false;
        // Dumps of -vv..-vvvv: "  <idx> <value> ..." rows and the " idx-t  target ..." header.
        if (m_inDump)
            return true;
        if (line.startsWith(QLatin1StringView("    "))) {
            QStringView body = line.mid(4);
            if (m_current.tensors.isEmpty())
                return true; // detail of a tensor whose header was cut off the paste
            CompareTensor &t = m_current.tensors.last();
            if (body.startsWith(QLatin1Char('('))) {
                const qsizetype close = body.indexOf(QLatin1Char(')'));
                if (close > 0) {
                    bool ok = false;
                    QList<qint64> dims = parseShape(body.mid(1, close - 1), &ok);
                    if (ok) {
                        t.shape = std::move(dims);
                        t.dtype = body.mid(close + 1).trimmed().toString();
                    }
                }
                return true;
            }
            const qsizetype eq = body.indexOf(QLatin1Char('='));
            if (eq > 0) {
                QStringView key = body.left(eq).trimmed();
                bool ok = false;
                if (key == QLatin1StringView("close order")) {
                    t.closeOrder = body.mid(eq + 1).trimmed().toInt(&ok);
                    return true;
                }
                const double value = parseNumber(body.mid(eq + 1), &ok);
                if (!ok)
                    return true;
                if (key == QLatin1StringView("cosine_similarity"))
                    t.cosine = value;
                else if (key == QLatin1StringView("euclidean_similarity"))
                    t.euclidean = value;
                else if (key == QLatin1StringView("sqnr_similarity"))
                    t.sqnr = value;
            }
            return true; // int8 stat lines and other detail
        }
        // Summary sub-lines: "  0 equal, 8 close, 222 similar" / "  0 not equal, 0 not similar"
        QStringView body = line.trimmed();
        if (body.endsWith(QLatin1StringView(" similar"))) {
            const QList<QStringView> parts = body.split(u", ");
            for (QStringView part : parts) {
                const qsizetype sp = part.indexOf(QLatin1Char(' '));
                if (sp <= 0)
                    continue;
                bool ok = false;
                const int n = part.left(sp).toInt(&ok);
                if (!ok)
                    continue;
                QStringView what = part.mid(sp + 1);
                if (what == QLatin1StringView("equal"))
                    m_current.equal = n;
                else if (what == QLatin1StringView("close"))
                    m_current.close = n;
                else if (what == QLatin1StringView("similar"))
                    m_current.similar = n;
                else if (what == QLatin1StringView("not equal"))
                    m_current.notEqual = n;
                else if (what == QLatin1StringView("not similar"))
                    m_current.notSimilar = n;
            }
            return true;
        }
        return false;
    }

    if (startsWithDigit(line)) {
        if (int n = leadingCount(line, QLatin1StringView(" compared")); n >= 0) {
            m_inDump = false;
            block().compared = n;
            return true;
        }
        if (!m_open)
            return false;
        if (int n = leadingCount(line, QLatin1StringView(" passed")); n >= 0) {
            m_current.passed = n;
            return true;
        }
        if (int n = leadingCount(line, QLatin1StringView(" failed")); n >= 0) {
            m_current.failed = n;
            return true;
        }
        return false;
    }

    if (line.startsWith(QLatin1StringView("top-k:")) || line.startsWith(QLatin1StringView("all-diffs:"))
        || line.startsWith(QLatin1StringView("all-elements:"))) {
        if (!m_open)
            return false;
        m_inDump = true;
        return true;
    }
    if (line.startsWith(QLatin1StringView("min_similiarity = (")) || line.startsWith(QLatin1StringView("min_similarity = ("))) {
        CompareBlock &b = block();
        m_inDump = false;
        const qsizetype open = line.indexOf(QLatin1Char('('));
        const qsizetype closeAt = line.lastIndexOf(QLatin1Char(')'));
        if (closeAt > open) {
            const QList<QStringView> parts = line.mid(open + 1, closeAt - open - 1).split(QLatin1Char(','));
            if (parts.size() == 3) {
                bool ok = false;
                b.minCosine = parseNumber(parts[0], &ok);
                b.minEuclidean = parseNumber(parts[1], &ok);
                b.minSqnr = parseNumber(parts[2], &ok);
            }
        }
        return true;
    }
    if (line.startsWith(QLatin1StringView("Target ")) && m_open) {
        m_current.target = line.mid(7).trimmed().toString();
        return true;
    }
    if (line.startsWith(QLatin1StringView("Reference ")) && m_open) {
        m_current.reference = line.mid(10).trimmed().toString();
        return true;
    }
    if (line.startsWith(QLatin1StringView("npz compare "))) {
        QStringView rest = line.mid(12).trimmed();
        if (rest.startsWith(QLatin1StringView("PASSED")) || rest.startsWith(QLatin1StringView("FAILED"))) {
            block().verdict = rest.startsWith(QLatin1StringView("PASSED")) ? CompareBlock::Verdict::Passed
                                                                           : CompareBlock::Verdict::Failed;
            close();
            return true;
        }
    }
    return false;
}

QList<CompareBlock> CompareBlockParser::takeFinished()
{
    return std::exchange(m_finished, {});
}

std::optional<CompareBlock> CompareBlockParser::finish()
{
    if (!m_open)
        return std::nullopt;
    close();
    CompareBlock b = m_finished.takeLast();
    return b;
}

std::optional<CompareCommand> parseCompareCommand(QStringView command)
{
    const qsizetype at = command.indexOf(QLatin1StringView("compare "));
    if (at < 0 || !command.left(at).contains(QLatin1StringView("npz_tool")))
        return std::nullopt;
    const QList<QStringView> words = command.mid(at + 8).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    CompareCommand c;
    QStringList positional;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QStringView w = words[i];
        if (w.startsWith(QLatin1StringView("--tolerance"))) {
            if (w.contains(QLatin1Char('=')))
                c.tolerance = w.mid(w.indexOf(QLatin1Char('=')) + 1).toString();
            else if (i + 1 < words.size())
                c.tolerance = words[++i].toString();
        } else if (w.startsWith(QLatin1Char('-'))) {
            if ((w == QLatin1StringView("--except") || w == QLatin1StringView("--excepts")
                 || w == QLatin1StringView("--save") || w == QLatin1StringView("--per_axis_compare"))
                && i + 1 < words.size())
                ++i;
        } else {
            positional.append(w.toString());
        }
    }
    if (positional.size() < 2)
        return std::nullopt;
    c.target = positional[0];
    c.reference = positional[1];
    return c;
}

} // namespace Mcw::Core
