// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the tpu-mlir console parser (stage detector, tqdm bars, compare blocks, the
// failure classifier) reads any bytes on both streams without crashing, in any chunking.
#include <core/logs/compareblockparser.h>
#include <core/logs/logparser.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Mcw::Core::LogParser;
    if (size == 0)
        return 0;
    // The first byte picks the chunk size and the stream split, the rest is the console text.
    const size_t chunk = 1 + data[0] % 64;
    const QByteArray text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    LogParser parser;
    for (qsizetype at = 0; at < text.size(); at += qsizetype(chunk)) {
        const auto stream = (at / qsizetype(chunk)) % 3 == 2 ? LogParser::Stream::Stderr : LogParser::Stream::Stdout;
        parser.feed(stream, QByteArrayView(text.constData() + at, qMin(qsizetype(chunk), text.size() - at)));
    }
    parser.finish(data[0] & 1 ? std::optional<int>(data[0] >> 1) : std::nullopt, data[0] & 0x80);
    if (parser.lineCount() < 0)
        __builtin_trap();

    // The compare-block parser on its own, line by line, as the Accuracy view feeds pasted text.
    Mcw::Core::CompareBlockParser blocks;
    for (const QByteArray &line : text.split('\n'))
        blocks.feedLine(QString::fromUtf8(line));
    blocks.takeFinished();
    blocks.finish();
    return 0;
}
