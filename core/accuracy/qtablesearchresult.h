// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/quantizetable.h>
#include <core/result.h>

#include <QList>
#include <QString>

#include <cmath>

namespace Mcw::Core {

/**
 * What tpu-mlir's mixed-precision search (`run_calibration --search search_qtable`) printed and
 * proposed: every layer it ranked with its loss (1 − output cosine when only that layer is
 * INT8), the INT8 and mixed output cosines, and the quantize table it wrote. Read from the
 * step's console output, which has two spellings: `int8 outputs_cos:0.98 old` (quick-start
 * docs) and `int8 outputs_cos: 0.98` with `float layer number: N` (newer releases).
 */
struct QtableSearchResult
{
    struct Layer
    {
        QString name;    // tpu-mlir tensor name, as in the qtable
        int rank = 0;    // 0 = most sensitive
        double loss = std::nan("");
        QString opType;  // "top.Conv"
        bool operator==(const Layer &other) const = default;
    };

    QList<Layer> layers;                 // in printed order
    double int8Cosine = std::nan("");
    double mixCosine = std::nan("");
    int floatLayerCount = -1;            // when printed
    QString qtableFile;                  // "Output mix quantization table to X"
    bool succeeded = false;              // "success search qtable" seen
    QuantizeTable proposal;              // the table the search wrote (read from the job folder)

    /** Reads the console lines (either stream; `\r` and `\n` both end a line). */
    static QtableSearchResult parseLog(const QString &text);
    /** The loss printed for \a layer, NaN when it was not ranked. */
    double lossOf(const QString &layer) const;
};

} // namespace Mcw::Core
