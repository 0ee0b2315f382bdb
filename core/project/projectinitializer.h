// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/onnx/graph.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Mcw::Core {

/**
 * Sets up a new project for an opened model: model family (recognised by shape, or a preset
 * the user names), cut tensors, input shape, preprocessing, labels (from Ultralytics
 * metadata when present) and defaults for quantisation. Used by `maixcam-convert init` and
 * the GUI's "new project".
 */
class ProjectInitializer
{
public:
    /** Who reads the advice in notes and errors: flags for the CLI, panels and menus for the GUI. */
    enum class Face { CommandLine, Workbench };

    struct Options
    {
        Face face = Face::CommandLine;
        /** "auto", "yolov5", "yolov8", "yolo11", "yolo26" or "classifier". */
        QString preset = QStringLiteral("auto");
        Device device = Device::MaixCam;
        QString name;                       // default: the model's file name without suffix
        QList<qint64> inputShape;           // default: the model's static input shape
        std::optional<QList<double>> mean;  // default: per family
        std::optional<QList<double>> scale;
        QString pixelFormat;                // default: per family
        QStringList outputs;                // default: the recommended cut
        std::optional<QStringList> labels;  // default: metadata names, else COCO for 80 classes
        QString testImage;
        QString datasetDir;
        int inputNum = 100;
        /** Where the project file will be saved (for the default workspace). */
        QString projectPath;
    };

    struct Result
    {
        Project project;
        /** What was guessed and why, one sentence each. */
        QStringList notes;
    };

    static QStringList presets();
    /** COCO anchors of YOLOv5 (strides 8, 16, 32). */
    static QList<double> yolov5Anchors();

    /** \a graph should be the model at \a modelPath. */
    static Expected<Result> initialize(const Graph &graph, const QString &modelPath, const Options &options);
    /**
     * What can be known without a recognised family (the GUI's start when initialize() fails):
     * name, model, the static input shape and the channel and pixel formats that shape implies.
     */
    static Project bareProject(const Graph &graph, const QString &modelPath);
};

} // namespace Mcw::Core
