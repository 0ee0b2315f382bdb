// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "labellist.h"

#include <QMap>

namespace Mcw::Core::LabelList {

QStringList fromLines(const QByteArray &text)
{
    QStringList labels;
    for (const QByteArray &line : text.split('\n')) {
        const QString label = QString::fromUtf8(line).trimmed();
        if (!label.isEmpty())
            labels.append(label);
    }
    return labels;
}

QStringList fromPastedText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.contains(QLatin1Char('\n')))
        return fromLines(trimmed.toUtf8());
    QStringList labels;
    for (const QString &part : trimmed.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            labels.append(part.trimmed());
    }
    return labels;
}

namespace {

/** A tiny scanner for the dict literal: integers, quoted strings, punctuation. */
class Scanner
{
public:
    explicit Scanner(const QString &text)
        : m_text(text)
    {}

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_text.size();
    }
    bool take(QChar c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool integer(qint64 &value)
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos).isDigit())
            ++m_pos;
        bool ok = false;
        value = m_text.mid(start, m_pos - start).toLongLong(&ok);
        return ok;
    }
    bool string(QString &value)
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return false;
        const QChar quote = m_text.at(m_pos);
        if (quote != QLatin1Char('\'') && quote != QLatin1Char('"'))
            return false;
        ++m_pos;
        value.clear();
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == quote)
                return true;
            if (c == QLatin1Char('\\') && m_pos < m_text.size()) {
                const QChar e = m_text.at(m_pos++);
                value += e == QLatin1Char('n') ? QLatin1Char('\n') : e == QLatin1Char('t') ? QLatin1Char('\t') : e;
                continue;
            }
            value += c;
        }
        return false;
    }
    qsizetype position() const { return m_pos; }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
};

} // namespace

Expected<QStringList> fromUltralyticsNames(const QString &literal)
{
    Scanner s(literal);
    auto bad = [&](const QString &what) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("The class names are not a dict literal: %1 at character %2.")
                             .arg(what)
                             .arg(s.position() + 1));
    };
    if (!s.take(QLatin1Char('{')))
        return bad(QStringLiteral("expected '{'"));
    QMap<qint64, QString> byKey;
    if (!s.take(QLatin1Char('}'))) {
        while (true) {
            qint64 key = 0;
            QString name;
            if (!s.integer(key))
                return bad(QStringLiteral("expected a class number"));
            if (!s.take(QLatin1Char(':')))
                return bad(QStringLiteral("expected ':'"));
            if (!s.string(name))
                return bad(QStringLiteral("expected a quoted name"));
            if (byKey.contains(key))
                return bad(QStringLiteral("class %1 appears twice").arg(key));
            byKey.insert(key, name);
            if (s.take(QLatin1Char('}')))
                break;
            if (!s.take(QLatin1Char(',')))
                return bad(QStringLiteral("expected ',' or '}'"));
            if (s.take(QLatin1Char('}')))
                break; // trailing comma, as Python allows
        }
    }
    if (!s.atEnd())
        return bad(QStringLiteral("unexpected text after '}'"));
    QStringList labels;
    qint64 expected = 0;
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it, ++expected) {
        if (it.key() != expected) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("The class names skip class %1.").arg(expected));
        }
        labels.append(it.value());
    }
    return labels;
}

QString mudProblem(const QString &label)
{
    if (label.isEmpty())
        return QStringLiteral("is empty (it would add a class without a name)");
    if (label.contains(QLatin1Char(',')))
        return QStringLiteral("contains ',' which splits it into two labels");
    if (label.contains(QLatin1Char('#')))
        return QStringLiteral("contains '#' which starts a comment and cuts the rest");
    if (label.trimmed() != label)
        return QStringLiteral("starts or ends with spaces, which the device strips");
    if (label.contains(QLatin1Char('\n')) || label.contains(QLatin1Char('\r')))
        return QStringLiteral("contains a line break");
    return {};
}

} // namespace Mcw::Core::LabelList
