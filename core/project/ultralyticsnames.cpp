// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ultralyticsnames.h"

#include <QMap>

#include <optional>

namespace Mcw::Core {

namespace {

class LiteralParser
{
public:
    explicit LiteralParser(const QString &text)
        : m_text(text)
    {}

    QString error;

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }

    bool accept(QChar c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    bool atEnd()
    {
        skipSpace();
        return m_pos >= m_text.size();
    }

    QChar peek()
    {
        skipSpace();
        return m_pos < m_text.size() ? m_text[m_pos] : QChar();
    }

    std::optional<qint64> integer()
    {
        skipSpace();
        const qsizetype start = m_pos;
        if (m_pos < m_text.size() && (m_text[m_pos] == QLatin1Char('-') || m_text[m_pos] == QLatin1Char('+')))
            ++m_pos;
        while (m_pos < m_text.size() && m_text[m_pos].isDigit())
            ++m_pos;
        bool ok = false;
        const qint64 value = m_text.mid(start, m_pos - start).toLongLong(&ok);
        if (!ok) {
            error = QStringLiteral("expected an integer key at character %1").arg(start + 1);
            return std::nullopt;
        }
        return value;
    }

    std::optional<QString> string()
    {
        skipSpace();
        if (m_pos >= m_text.size() || (m_text[m_pos] != QLatin1Char('\'') && m_text[m_pos] != QLatin1Char('"'))) {
            error = QStringLiteral("expected a quoted name at character %1").arg(m_pos + 1);
            return std::nullopt;
        }
        const QChar quote = m_text[m_pos++];
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos++];
            if (c == quote)
                return out;
            if (c == QLatin1Char('\n')) {
                break;
            }
            if (c != QLatin1Char('\\')) {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const QChar e = m_text[m_pos++];
            switch (e.unicode()) {
            case 'n': out += QLatin1Char('\n'); break;
            case 't': out += QLatin1Char('\t'); break;
            case 'r': out += QLatin1Char('\r'); break;
            case '0': out += QChar(0); break;
            case 'x':
            case 'u':
            case 'U': {
                const int digits = e == QLatin1Char('x') ? 2 : e == QLatin1Char('u') ? 4 : 8;
                bool ok = false;
                const uint code = m_text.mid(m_pos, digits).toUInt(&ok, 16);
                if (!ok || m_pos + digits > m_text.size() || code > 0x10FFFF) {
                    error = QStringLiteral("bad \\%1 escape at character %2").arg(e).arg(m_pos);
                    return std::nullopt;
                }
                m_pos += digits;
                const char32_t ch = code;
                out += QString::fromUcs4(&ch, 1);
                break;
            }
            default:
                // \\, \', \" and unknown escapes (Python keeps the backslash for those).
                if (e != QLatin1Char('\\') && e != QLatin1Char('\'') && e != QLatin1Char('"'))
                    out += QLatin1Char('\\');
                out += e;
            }
        }
        error = QStringLiteral("unterminated string");
        return std::nullopt;
    }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
};

} // namespace

Expected<QStringList> parseUltralyticsNames(const QString &text)
{
    LiteralParser p(text);
    const auto fail = [&](const QString &why) {
        return makeError(Error::Code::InvalidInput, QStringLiteral("The class names are not a Python dict of names (%1).").arg(why));
    };
    if (p.accept(QLatin1Char('['))) {
        QStringList names;
        if (!p.accept(QLatin1Char(']'))) {
            do {
                if (p.peek() == QLatin1Char(']'))
                    break; // trailing comma
                const auto s = p.string();
                if (!s)
                    return fail(p.error);
                names.append(*s);
            } while (p.accept(QLatin1Char(',')));
            if (!p.accept(QLatin1Char(']')))
                return fail(QStringLiteral("missing ']'"));
        }
        if (!p.atEnd())
            return fail(QStringLiteral("text after the list"));
        return names;
    }
    if (!p.accept(QLatin1Char('{')))
        return fail(QStringLiteral("it does not start with '{'"));
    QMap<qint64, QString> byKey;
    if (!p.accept(QLatin1Char('}'))) {
        do {
            if (p.peek() == QLatin1Char('}'))
                break;
            const auto key = p.integer();
            if (!key)
                return fail(p.error);
            if (!p.accept(QLatin1Char(':')))
                return fail(QStringLiteral("missing ':' after key %1").arg(*key));
            const auto value = p.string();
            if (!value)
                return fail(p.error);
            if (byKey.contains(*key))
                return fail(QStringLiteral("key %1 appears twice").arg(*key));
            byKey.insert(*key, *value);
        } while (p.accept(QLatin1Char(',')));
        if (!p.accept(QLatin1Char('}')))
            return fail(QStringLiteral("missing '}'"));
    }
    if (!p.atEnd())
        return fail(QStringLiteral("text after the dict"));
    QStringList names;
    qint64 expected = 0;
    for (auto it = byKey.constBegin(); it != byKey.constEnd(); ++it, ++expected) {
        if (it.key() != expected)
            return fail(QStringLiteral("class %1 is missing").arg(expected));
        names.append(it.value());
    }
    return names;
}

} // namespace Mcw::Core
