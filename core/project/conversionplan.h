// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/toolchain/toolcapabilities.h>
#include <core/toolchain/toolinvocation.h>

#include <QList>

#include <optional>
#include <QString>
#include <QStringList>

namespace Mcw::Core {

/**
 * The exact tpu-mlir commands for a project, in the order of Sipeed's MaixCAM recipe
 * (transform, BF16 deploy, calibration, INT8 deploy). Each step is an argv list with one
 * argument per token and its own working directory; nothing is ever a shell string.
 */
struct ConversionPlan
{
    /** tpu-mlir's own mixed-precision search (run_calibration --search), reference §2.1. */
    struct QtableSearch
    {
        QString method = QStringLiteral("search_qtable"); // or fast_search / mix_search (1.30+)
        double expectedCos = 0.99;   // target cosine of the network outputs
        double minLayerCos = 0.99;   // per-layer floor
        int maxFloatLayers = 5;      // budget of layers kept in float
        int inferenceNum = 30;       // samples the search runs
        bool operator==(const QtableSearch &other) const = default;
    };

    /**
     * One image of the optional INT8 folder run: the workbench writes its input tensor (as the
     * device prepares it) and tpu-mlir's model_runner runs the INT8 cvimodel on it.
     */
    struct FolderImage
    {
        QString source;      // the picture, for titles and messages
        QString inputFile;   // relative to the workspace, e.g. preview/dog_in_f32.npz
        QString outputsFile; // relative to the workspace, e.g. preview/dog_int8_outputs.npz
        bool operator==(const FolderImage &other) const = default;
    };

    struct Options
    {
        /** Flags the installed tools accept; flags outside it are left out (and noted). */
        ToolCapabilities capabilities;
        /** Adds `--compare_all --debug` to the INT8 deploy for per-layer accuracy charts. */
        bool compareAll = false;
        /**
         * Files under this folder are passed relative to the workspace (`../dog.jpg`), as in
         * Sipeed's script; others stay absolute. Empty: the workspace's parent folder.
         */
        QString projectDir;
        /**
         * A search run instead of a conversion: transform, calibration, then the search step,
         * which proposes a quantize table (searchQtableFile) and deploys nothing.
         */
        std::optional<QtableSearch> qtableSearch;
        /** The INT8 folder run: one model_runner step per image after the INT8 deploy. */
        QList<FolderImage> folderImages;
    };

    struct Step
    {
        enum class Kind { Transform, DeployBf16, Calibration, DeployInt8, SearchQtable, RunInt8OnImage };
        Kind kind = Kind::Transform;
        QString title;           // "convert to mlir"
        ToolInvocation invocation;
        QString outputFile;      // main product, relative to the working directory
        bool operator==(const Step &other) const = default;
    };

    /** A small input file the steps need (the quantize table), written into the workspace first. */
    struct GeneratedFile
    {
        QString fileName; // relative to the workspace
        QString content;
        bool operator==(const GeneratedFile &other) const = default;
    };

    QString workspaceDir;
    QList<Step> steps;
    QList<GeneratedFile> files;
    /** Flags dropped because the installed tools do not accept them, one sentence each. */
    QStringList notes;

    static ConversionPlan build(const Project &project, const Options &options);
    static ConversionPlan build(const Project &project) { return build(project, Options{}); }

    /** A runnable bash script (set -e, mkdir/cd workspace, one flag per line, safely quoted). */
    QString toBashScript() const;

    /** File names the steps produce, derived from the project name. */
    static QString mlirFile(const QString &name) { return name + QStringLiteral(".mlir"); }
    static QString int8ModelFile(const QString &name) { return name + QStringLiteral("_int8.cvimodel"); }
    static QString bf16ModelFile(const QString &name) { return name + QStringLiteral("_bf16.cvimodel"); }
    static QString calibrationTableFile(const QString &name) { return name + QStringLiteral("_cali_table"); }
    static QString quantizeTableFile(const QString &name) { return name + QStringLiteral("_qtable"); }
    /** The table the search proposes (never the one deploy reads: adopting it is the user's choice). */
    static QString searchQtableFile(const QString &name) { return name + QStringLiteral("_search_qtable"); }
    /** The quantize table text (`<op> BF16` per line) for project.quantization.quantizeTable. */
    static QString quantizeTableText(const Project &project);
};

} // namespace Mcw::Core
