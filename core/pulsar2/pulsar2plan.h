// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/conversionplan.h>
#include <core/project/project.h>
#include <core/pulsar2/outputprocessors.h>
#include <core/toolchain/toolinvocation.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Mcw::Core {

/**
 * The exact Pulsar2 commands for a MaixCAM2 project (maixcam2.md §1.2): the cut model and the
 * calibration archive prepared in the workspace, then `pulsar2 build --target_hardware AX620E`
 * once per selected NPU mode, each with its own config JSON and output folder. Argv lists only.
 */
struct Pulsar2Plan
{
    struct Options
    {
        /** The program to run (the tool inside the image, or a path). */
        QString program = QStringLiteral("pulsar2");
        /** The model's input tensor; empty: "DEFAULT" (Pulsar2's name for every input). */
        QString inputName;
        /** Shapes of the cut tensors (from the ONNX with the project's input shape): dst_perm rules. */
        QHash<QString, QList<qint64>> outputShapes;
        /** The calibration images, absolute, in archive order; empty: the plan lists the folder itself. */
        std::optional<QStringList> calibrationImages;
        /** As ConversionPlan::Options::projectDir: files below it are named relative to the workspace. */
        QString projectDir;
    };

    /** One `pulsar2 build` (NPU2 → model_npu, NPU1 → model_vnpu). */
    struct Build
    {
        QString id;          // "build_npu" | "build_vnpu" (job step id)
        QString title;       // "Build model_npu (NPU2)"
        QString npuMode;     // "NPU2" | "NPU1"
        QString mudKey;      // "model_npu" | "model_vnpu"
        QString configFile;  // relative to the workspace
        QString outputDir;   // relative to the workspace
        ToolInvocation invocation;
        QString outputFile;  // outputDir/compiled.axmodel
        bool operator==(const Build &other) const = default;
    };

    QString workspaceDir;
    /** What `--input` names: the cut model (written by whoever runs the plan) or the ONNX itself. */
    QString modelFile;
    /** Cut tensors for modelFile (empty: the ONNX is used uncut). */
    QStringList cutTensors;
    QString sourceModel;             // the project's ONNX (absolute)
    QString calibrationArchive;      // relative to the workspace
    QStringList calibrationImages;   // absolute, archive order
    QList<Build> builds;
    QList<ConversionPlan::GeneratedFile> files; // the config JSONs
    QStringList notes;

    static Pulsar2Plan build(const Project &project, const Options &options);

    /** The config JSON of one build (maixcam2.md §2), indented, keys in Pulsar2's doc order. */
    static QByteArray configJson(const Project &project, const QString &npuMode, const QString &archive,
                                 int calibrationSize, const Options &options, QStringList *notes = nullptr);
    /** calibration_std for a MaixCAM scale (y = (x − mean)·scale ⇒ std = 1/scale), 10 digits. */
    static double stdForScale(double scale);

    /** A runnable bash script: cut, archive, configs (here-documents) and the builds. */
    QString toBashScript() const;

    /** File names, derived from the project name. */
    static QString cutModelFile(const QString &name) { return name + QStringLiteral("_cut.onnx"); }
    static QString archiveFile(const QString &name) { return name + QStringLiteral("_calibration.tar"); }
    /** The names the bundle gives the two models (Sipeed's convention). */
    static QString npuModelFile(const QString &name) { return name + QStringLiteral("_npu.axmodel"); }
    static QString vnpuModelFile(const QString &name) { return name + QStringLiteral("_vnpu.axmodel"); }
    /** One axmodel a run builds: the step, its file in the job folder and its name in a bundle. */
    struct BuiltModel
    {
        QString stepId;     // "build_npu"
        QString npuMode;    // "NPU2"
        QString mudKey;     // "model_npu"
        QString configFile; // "<project>.npu.json", relative to the job folder
        QString outputDir;  // "<project>_npu", relative to the job folder
        QString jobFile;    // outputDir/compiled.axmodel
        QString bundleFile; // "<bundle name>_npu.axmodel"
        /** "model_npu (NPU2) build", for messages. */
        QString stepTitle() const { return QStringLiteral("%1 (%2) build").arg(mudKey, npuMode); }
    };
    /** The axmodels of the NPU modes \a project selects, model_npu first, as a bundle names them. */
    static QList<BuiltModel> builtModels(const Project &project, const QString &bundleName);
    static constexpr auto TargetHardware = "AX620E";
};

} // namespace Mcw::Core
