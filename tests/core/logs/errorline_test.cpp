// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/errorline.h>

#include <QString>

#include <gtest/gtest.h>

using Mcw::Core::looksLikeErrorLine;

TEST(ErrorLine, ErrorsAreRecognisedWhateverTheTool)
{
    for (const char *line : {
             "Traceback (most recent call last):",
             "ValueError: cannot reshape array of size 12 into shape (3,5)",
             "RuntimeError",
             "  AssertionError: input shape mismatch",
             "model_transform.py: error: the following arguments are required: --model_name",
             "[!Error]: sim_compare failed",
             "F1203 07:31:02.123 FATAL: out of memory",
             "UNREACHABLE executed at /work/lib/Dialect/Top/Canonicalize.cpp:41!",
             "2026-12-03 ERROR: calibration failed",
         }) {
        EXPECT_TRUE(looksLikeErrorLine(QString::fromUtf8(line))) << line;
    }
}

TEST(ErrorLine, ProgressAndWarningsOnStderrAreNotErrors)
{
    for (const char *line : {
             "100%|██████████| 100/100 [00:05<00:00, 19.61it/s]",
             "WARNING: onnx-simplifier skipped",
             "[Running]: tpuc-opt a.mlir --shape-infer -o b.mlir",
             "errors=0 mismatches=0",
             "input_error_rate 0.01",
             "/model/ErrorHead/Conv_output_0 float32 [1,3]",
             "",
         }) {
        EXPECT_FALSE(looksLikeErrorLine(QString::fromUtf8(line))) << line;
    }
}
