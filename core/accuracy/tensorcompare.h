// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/npyarray.h>

#include <QList>
#include <QString>

#include <cstddef>
#include <limits>

namespace Mcw::Core {

/** tpu-mlir's `--tolerance c,e`: minimum cosine and euclidean similarity (both strict). */
struct Tolerance
{
    double cosine = 0.99;
    double euclidean = 0.90;

    /** Parses "0.99,0.90" (extra values are ignored like tpu-mlir does). */
    static bool parse(const QString &text, Tolerance *out);
    QString toString() const;
};

/** Verdict of one tensor, with tpu-mlir's tokens (NOT_SIMLIAR is their real spelling). */
enum class CompareStatus { Equal, Close, Similar, NotEqual, NotSimilar, NotMatch };

QString compareStatusToken(CompareStatus status);
bool compareStatusPassed(CompareStatus status);

/** The result of comparing one tensor of a target npz against the reference. */
struct TensorComparison
{
    QString name;
    CompareStatus status = CompareStatus::NotMatch;
    int closeOrder = 0; // 5, 4 or 3 for CLOSE
    // EQUAL and CLOSE report (1, 1, inf) like tpu-mlir's CSV; NOT_MATCH reports NaN.
    double cosine = std::numeric_limits<double>::quiet_NaN();
    double euclidean = std::numeric_limits<double>::quiet_NaN();
    double sqnr = std::numeric_limits<double>::quiet_NaN();
    QList<qint64> targetShape;
    QList<qint64> referenceShape;
    QString dtype; // the unified dtype the values were compared in
    QString note;  // why NOT_MATCH, for the CLI

    bool passed() const { return compareStatusPassed(status); }
};

/** Options of one comparison beyond the tolerance. */
struct CompareOptions
{
    Tolerance tolerance;
    bool int8TensorClose = true; // tpu-mlir's --int8_tensor_close: differing int8 → NOT_EQUAL
    // uint16 tensors to decode as bf16, besides uint16 against float and names containing "bf16"
    QStringList bf16Names;
};

/**
 * tpu-mlir's per-tensor npz comparison (reference §4.2): reshape or crop, dtype unification,
 * EQUAL / NOT_EQUAL (int8) / CLOSE (allclose orders 5,4,3) / SIMILAR or NOT_SIMLIAR on
 * cosine and euclidean similarity, SQNR in dB with the target as signal. Sums are in double.
 */
class TensorCompare
{
public:
    static TensorComparison compare(const QString &name,
                                    const NpyArray &target,
                                    const NpyArray &reference,
                                    const CompareOptions &options = {});

    /** The kernel on values already unified and in the same order (used by compare()). */
    static TensorComparison compareValues(const QString &name,
                                          const float *target,
                                          const float *reference,
                                          std::size_t count,
                                          bool int8Values,
                                          const CompareOptions &options = {});
};

} // namespace Mcw::Core
