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
    double transformCos = 0.99;
    double transformEuclid = 0.99;
    double deployCos = 0.9;
    double deployEuclid = 0.6;
    /** Layers kept in a float mode under INT8: op name → "BF16" (tpu-mlir quantize table). */
    QList<QPair<QString, QString>> quantizeTable;

    bool operator==(const Quantization &other) const = default;
};

/** The camera a project converts for; it decides the toolchain, the model files and the MUD. */
enum class Device {
    MaixCam,  // MaixCAM / MaixCAM-Pro: cv181x, tpu-mlir, one .cvimodel
    MaixCam2, // MaixCAM2: AX630C, Pulsar2 target AX620E, two .axmodel (full and half NPU)
};

/**
 * Pulsar2 (MaixCAM2) settings. What both devices share (cut, input shape, mean/scale, pixel
 * format, labels, calibration images and count) stays in Project/Preprocess/Quantization.
 */
struct Pulsar2Settings
{
    bool buildNpu = true;   // NPU2 build → MUD model_npu (whole NPU, AI-ISP off)
    bool buildVnpu = true;  // NPU1 build → MUD model_vnpu (half NPU, leaves room for AI-ISP)
    QString calibrationMethod = QStringLiteral("MinMax"); // MinMax | Percentile | MSE | KL
    bool precisionAnalysis = true; // per-layer precision table (the accuracy chart's data)
    /** Layers kept in higher precision: quant.layer_configs entries with data_type U16. */
    QStringList u16Layers;

    bool operator==(const Pulsar2Settings &other) const = default;
};

/**
 * What the Preview shows and the optional INT8 folder run. Changes neither the cvimodel nor the
 * MUD: MaixPy's thresholds are arguments of detect(), so the defaults are MaixPy's.
 */
struct PreviewSettings
{
    /** Test images: each run then adds a model_runner step per image (ConversionPlan). */
    QString imagesDir;
    double confidence = 0.5;
    double iou = 0.45;
    double keypointThreshold = 0.5;

    bool operator==(const PreviewSettings &other) const = default;
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
    Device device = Device::MaixCam; // files without a device are MaixCAM projects
    QString modelPath;         // the ONNX file
    QString modelSha256;
    QStringList cutTensors;    // --output_names, in order
    QList<qint64> inputShape;  // 1,3,H,W (dynamic dims fixed)
    Preprocess preprocess;
    QStringList labels;
    QString modelType;         // MaixPy model_type: yolov5 | yolov8 | yolo11 | yolo26 | classifier | ...
    QString task;              // yolov8/yolo11 `type`: detector | pose | seg | obb ("" for others)
    QList<double> anchors;     // yolov5 only
    Quantization quantization; // processor/modes/tolerances are tpu-mlir's; dataset and count are shared
    Pulsar2Settings pulsar2;   // used when device is MaixCam2
    QString testImage;         // --test_input
    PreviewSettings preview;
    /** Where the tpu-mlir tools run and write (default: `workspace` next to the project file). */
    QString workspaceDir;

    bool operator==(const Project &other) const = default;
};

} // namespace Mcw::Core
