// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "steplog.h"

#include <QFile>

namespace Mcw::Core {

static const char *tagOf(OutputStream stream, bool overwrite = false)
{
    switch (stream) {
    case OutputStream::Stdout: return overwrite ? "out~ " : "out| ";
    case OutputStream::Stderr: return overwrite ? "err~ " : "err| ";
    case OutputStream::Meta: break;
    }
    return "cmd| ";
}

QByteArray formatStepLogLine(OutputStream stream, const QString &text, bool overwrite)
{
    QByteArray bytes(tagOf(stream, overwrite && stream != OutputStream::Meta));
    bytes += text.toUtf8();
    bytes += '\n';
    return bytes;
}

StepLogLine parseStepLogLine(const QByteArray &line)
{
    QByteArray body = line;
    if (body.endsWith('\n'))
        body.chop(1);
    for (OutputStream s : {OutputStream::Stdout, OutputStream::Stderr, OutputStream::Meta}) {
        if (body.startsWith(tagOf(s)))
            return {s, QString::fromUtf8(body.mid(5))};
        if (s != OutputStream::Meta && body.startsWith(tagOf(s, true)))
            return {s, QString::fromUtf8(body.mid(5)), true};
    }
    return {OutputStream::Stdout, QString::fromUtf8(body)};
}

qsizetype redrawnLineIndex(const QList<StepLogLine> &lines, OutputStream stream)
{
    constexpr qsizetype LookBack = 32;
    const qsizetype stop = qMax<qsizetype>(0, lines.size() - LookBack);
    for (qsizetype i = lines.size() - 1; i >= stop; --i) {
        if (lines.at(i).stream == stream)
            return lines.at(i).overwrite ? i : -1;
    }
    return -1;
}

void appendStepLogLine(QList<StepLogLine> &lines, const StepLogLine &line)
{
    const qsizetype redrawn = redrawnLineIndex(lines, line.stream);
    if (redrawn < 0) {
        lines.append(line);
        return;
    }
    // Replaced in place: the bar keeps its position among the other stream's lines.
    lines[redrawn] = line;
}

Expected<QList<StepLogLine>> readStepLog(const QString &path, int maxLines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Code::Io,
                         QStringLiteral("%1: cannot be read (%2).").arg(path, file.errorString()));
    }
    QList<StepLogLine> lines;
    while (!file.atEnd()) {
        appendStepLogLine(lines, parseStepLogLine(file.readLine()));
        if (maxLines > 0 && lines.size() > 2 * maxLines)
            lines.remove(0, lines.size() - maxLines);
    }
    if (maxLines > 0 && lines.size() > maxLines)
        lines.remove(0, lines.size() - maxLines);
    return lines;
}

QString rawStreamPath(const QString &logPath, OutputStream stream)
{
    QString base = logPath;
    if (base.endsWith(QLatin1String(".log")))
        base.chop(4);
    return base + (stream == OutputStream::Stderr ? QStringLiteral(".stderr.log")
                                                  : QStringLiteral(".stdout.log"));
}

} // namespace Mcw::Core
