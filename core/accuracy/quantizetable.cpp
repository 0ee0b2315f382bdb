// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "quantizetable.h"

#include <core/atomicfile.h>

#include <QRegularExpression>

namespace Mcw::Core {

QString QuantizeTable::modeName(Mode mode)
{
    switch (mode) {
    case Mode::F32:
        return QStringLiteral("F32");
    case Mode::F16:
        return QStringLiteral("F16");
    case Mode::BF16:
        return QStringLiteral("BF16");
    case Mode::INT8:
        return QStringLiteral("INT8");
    case Mode::INT4:
        return QStringLiteral("INT4");
    }
    return {};
}

bool QuantizeTable::parseMode(const QString &text, Mode *mode)
{
    for (Mode m : {Mode::F32, Mode::F16, Mode::BF16, Mode::INT8, Mode::INT4}) {
        if (text.compare(modeName(m), Qt::CaseInsensitive) == 0) {
            *mode = m;
            return true;
        }
    }
    return false;
}

Expected<QuantizeTable> QuantizeTable::parse(const QByteArray &bytes, const QString &source)
{
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    QuantizeTable table;
    const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(spaces);
        Mode mode;
        if (fields.size() != 2 || !parseMode(fields[1], &mode)) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: line %2 is not '<op_name> "
                                            "<F32|F16|BF16|INT8|INT4>': '%3'.")
                                 .arg(source)
                                 .arg(i + 1)
                                 .arg(line));
        }
        table.set(fields[0], mode);
    }
    return table;
}

Expected<QuantizeTable> QuantizeTable::read(const QString &path)
{
    auto bytes = readWholeFile(path, qint64(64) << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    return parse(*bytes, path);
}

QuantizeTable QuantizeTable::fromOps(const QStringList &opNames, Mode mode)
{
    QuantizeTable table;
    for (const QString &op : opNames)
        table.set(op, mode);
    return table;
}

void QuantizeTable::set(const QString &opName, Mode mode)
{
    for (Entry &e : m_entries) {
        if (e.opName == opName) {
            e.mode = mode;
            return;
        }
    }
    m_entries.append(Entry{opName, mode});
}

void QuantizeTable::remove(const QString &opName)
{
    m_entries.removeIf([&opName](const Entry &e) { return e.opName == opName; });
}

void QuantizeTable::merge(const QuantizeTable &other)
{
    for (const Entry &e : other.m_entries)
        set(e.opName, e.mode);
}

bool QuantizeTable::contains(const QString &opName) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(), [&opName](const Entry &e) {
        return e.opName == opName;
    });
}

QByteArray QuantizeTable::toText() const
{
    QString text = QStringLiteral("# op_name   quantize_mode\n");
    for (const Entry &e : m_entries)
        text += e.opName + QLatin1Char(' ') + modeName(e.mode) + QLatin1Char('\n');
    return text.toUtf8();
}

Expected<void> QuantizeTable::write(const QString &path) const
{
    return writeFileAtomically(path, toText());
}

} // namespace Mcw::Core
