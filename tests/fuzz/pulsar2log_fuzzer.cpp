// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: what the workbench reads of a `pulsar2 build` — its console, line by line, for
// progress and for the failure's diagnosis, and the quant precision table — on any bytes. Progress
// stays within 0..1 and never goes backwards; the table parses or fails with a sentence.
#include <core/logs/pulsar2failure.h>
#include <core/logs/pulsar2progress.h>
#include <core/pulsar2/precisiontable.h>

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Mcw::Core;
    if (size == 0)
        return 0;
    // The first byte is the exit code, the rest the console text.
    const int exitCode = data[0];
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QStringList lines = text.split(QLatin1Char('\n'));
    Pulsar2Progress progress;
    double last = 0.0;
    for (const QString &line : lines) {
        progress.feed(line);
        if (!(progress.fraction() >= last && progress.fraction() <= 1.0))
            __builtin_trap();
        last = progress.fraction();
    }
    (void) Pulsar2Failure::classify(lines, exitCode);
    QString analysis;
    (void) Pulsar2PrecisionTable::parse(text, QStringLiteral("fuzz_precision_table.txt"), &analysis);
    return 0;
}
