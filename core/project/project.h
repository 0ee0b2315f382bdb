// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * Preprocessing as the device applies it: `(pixel - mean) * scale`, per channel. The same
 * numbers go to model_transform.py (--mean/--scale/--pixel_format) and to the MUD.
 */
struct Preprocess
{
    QList<double> mean{0.0, 0.0, 0.0};
    QList<double> scale{1.0 / 255.0, 1.0 / 255.0, 1.0 / 255.0};
    QString pixelFormat = QStringLiteral("rgb");     // rgb | bgr | gray
    QString channelFormat = QStringLiteral("nchw");  // nchw | nhwc
    bool keepAspectRatio = true;
    QString keepRatioMode = QStringLiteral("letterbox"); // letterbox | short_side_scale
    int padValue = 0;

    bool operator==(const Preprocess &other) const = default;
};

/** Calibration and quantisation settings (CV18xx: INT8 and BF16 only). */
struct Quantization
{
    QString processor = QStringLiteral("cv181x"); // cv181x (MaixCAM / -Pro) | cv180x (warned)
    bool int8 = true;          // INT8 deploy with --quant_input
    bool quantInput = true;
    bool bf16 = false;         // also build BF16 (the fallback)
    QString datasetDir;        // calibration images (absolute after loading)
    int inputNum = 100;
    QString calibrationMethod; // "" = tool default (kl); or use_mse, use_max, ...
    /**
     * A calibration table adopted from tpu-mlir's search (its new_cali_table.txt, with the best
     * threshold per layer): the INT8 deploy reads it and no calibration step runs. Empty: the
     * calibration step makes the table.
     */
    QString calibrationTable;
    double transformCos = 0.99;
    double transformEuclid = 0.99;
    double deployCos = 0.9;
    double deployEuclid = 0.6;
    /** Layers kept in a float mode under INT8: op name → "BF16" (tpu-mlir quantize table). */
    QList<QPair<QString, QString>> quantizeTable;

    bool operator==(const Quantization &other) const = default;
};

/**
 * The conversion project: the single source of truth from which the tpu-mlir commands, the
 * MUD and the bundle are generated. A plain value; saving/loading is ProjectFile's job.
 * Paths are absolute in memory and stored relative to the project file.
 */
struct Project
{
    static constexpr int SchemaVersion = 1;

    QString name;              // model_name and file prefix, e.g. "yolov8n"
    QString modelPath;         // the ONNX file
    QString modelSha256;
    QStringList cutTensors;    // --output_names, in order
    QList<qint64> inputShape;  // 1,3,H,W (dynamic dims fixed)
    Preprocess preprocess;
    QStringList labels;
    QString modelType;         // MaixPy model_type: yolov5 | yolov8 | yolo11 | yolo26 | classifier | ...
    QString task;              // yolov8/yolo11 `type`: detector | pose | seg | obb ("" for others)
    QList<double> anchors;     // yolov5 only
    Quantization quantization;
    QString testImage;         // --test_input
    /** Where the tpu-mlir tools run and write (default: `workspace` next to the project file). */
    QString workspaceDir;

    bool operator==(const Project &other) const = default;
};

} // namespace Mcw::Core
