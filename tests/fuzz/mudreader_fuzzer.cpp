// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the strict MUD reader must never crash or hang on any bytes.
#include <core/mud/mudreader.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = Mcw::Core::MudReader::parse(bytes, QStringLiteral("fuzz.mud"));
    // Every diagnostic points into the file (or at no line).
    const qsizetype lines = bytes.count('\n') + 1;
    for (const auto &d : result.diagnostics) {
        if (d.line < 0 || d.line > lines)
            __builtin_trap();
    }
    return 0;
}
