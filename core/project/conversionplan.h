// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/toolchain/toolcapabilities.h>
#include <core/toolchain/toolinvocation.h>

#include <QList>
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
    };

    struct Step
    {
        enum class Kind { Transform, DeployBf16, Calibration, DeployInt8 };
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
    /** The quantize table text (`<op> BF16` per line) for project.quantization.quantizeTable. */
    static QString quantizeTableText(const Project &project);
};

} // namespace Mcw::Core
