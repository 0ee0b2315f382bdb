// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>

namespace Mcw::Core {

/** Where a tpu-mlir run is, as far as its console output tells (reference §1.2, §3.3). */
enum class ToolStage {
    Unknown,
    Transform,    // model_transform, including its ONNX-vs-MLIR compare
    Calibration,  // run_calibration
    Lowering,     // model_deploy: tpuc-opt --convert-top-to-tpu
    TpuCompare,   // model_deploy: tpu MLIR vs top MLIR
    Optimize,     // model_deploy: layer group / address assign
    Codegen,      // model_deploy: --codegen
    FinalCompare, // model_deploy: cvimodel vs tpu MLIR
};

/** Stable machine name: "transform", "calibration", "lowering", "tpu_compare", ... */
QString toolStageName(ToolStage stage);
/** Words for a sentence: "model transform", "INT8 calibration", "lowering to the TPU dialect", ... */
QString toolStageTitle(ToolStage stage);

/** Which pair of result files a `npz_tool.py compare` block compared (reference §4.1). */
enum class CompareStage {
    Unknown,
    Transform, // top MLIR vs ONNX
    TpuMlir,   // tpu MLIR vs top MLIR (deploy step 4)
    Final,     // cvimodel vs tpu MLIR (deploy step 7)
};

QString compareStageName(CompareStage stage); // "unknown", "transform", "tpu", "final"
ToolStage toolStageOf(CompareStage stage);
/** Guesses the compare pair from the target and reference file names; Unknown if they don't tell. */
CompareStage compareStageFromFiles(const QString &target, const QString &reference);

/** One parsed tqdm progress line (reference §2.3). */
struct ProgressUpdate
{
    QString description;
    /** "compare", "samples", "statistics", "min_max", "histograms", "thresholds", "tune", "other". */
    QString phase;
    int percent = 0;
    qint64 current = 0;
    qint64 total = 0;
    QString elapsed;
    QString remaining;
    QString rate;

    bool operator==(const ProgressUpdate &other) const = default;
};

/** One tensor of a compare block (reference §4.3). Absent metrics are NaN. */
struct CompareTensor
{
    QString name;
    QString status; // EQUAL, CLOSE, SIMILAR, NOT_EQUAL, NOT_SIMLIAR, NOT_SIMILAR, NOT_MATCH
    bool passed = false;
    double cosine = std::nan("");
    double euclidean = std::nan("");
    double sqnr = std::nan("");
    int closeOrder = 0;
    QList<qint64> shape;
    QString dtype;
};

/** A whole `npz_tool.py compare` block: tensors, summary counts, min similarity and verdict. */
struct CompareBlock
{
    enum class Verdict { Unknown, Passed, Failed };

    QString target;
    QString reference;
    /** "cos,euclid" from the announcing `[Running]:` line, when it was seen. */
    QString tolerance;
    CompareStage stage = CompareStage::Unknown;
    QList<CompareTensor> tensors;
    // Summary counts; -1 when the summary line was not in the log (partial paste).
    int compared = -1;
    int passed = -1;
    int failed = -1;
    int equal = -1;
    int close = -1;
    int similar = -1;
    int notEqual = -1;
    int notSimilar = -1;
    double minCosine = std::nan("");
    double minEuclidean = std::nan("");
    double minSqnr = std::nan("");
    Verdict verdict = Verdict::Unknown;

    /** Names of the tensors whose verdict is FAILED, in log order. */
    QStringList failedTensors() const;
    /** True when the block failed (verdict, summary or a failed tensor says so). */
    bool hasFailed() const;
};

} // namespace Mcw::Core
