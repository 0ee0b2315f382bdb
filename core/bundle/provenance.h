// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>
#include <core/run/jobrecord.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>

namespace Mcw::Core {

/**
 * How a bundle was made (NAME.provenance.yaml next to it; the device ignores it): the ONNX
 * hash, every setting (the project as YAML), the calibration images with their hashes, the
 * toolchain version and backend, the exact command of each step with its minimum similarity,
 * and the hash of the exported model. `maixcam-convert rebuild` replays it.
 */
struct Provenance
{
    static constexpr int SchemaVersion = 1;
    /** projectYaml is written as if the project file were this path (all paths absolute). */
    static constexpr auto ProjectAnchor = "/project.yaml";

    struct FileHash
    {
        QString name;
        QString sha256;
        bool operator==(const FileHash &other) const = default;
    };

    struct Step
    {
        QString id;
        QStringList command;        // argv as executed
        QString engine;             // the Docker engine it ran on; empty: native
        int exitCode = -1;
        double minCosine = std::nan("");
        double minEuclidean = std::nan("");
        double minSqnr = std::nan("");
    };

    QString createdAt;              // ISO 8601 UTC
    QString workbenchVersion;
    QString modelFile;              // the ONNX file name
    QString modelSha256;
    QByteArray projectYaml;         // ProjectFile::serialize of the settings used
    QList<FileHash> calibrationImages;
    QString toolVersion;
    QString backend;                // backend description incl. the Docker image
    QString imageId;                // Docker image id (digest), empty for the native backend
    QList<Step> steps;
    QString quantization;           // "INT8" or "BF16"
    QString cvimodelFile;           // name inside the bundle
    QString cvimodelSha256;
    /** MaixCAM2: each .axmodel in the bundle (model_npu first); cvimodelFile names the first. */
    QList<FileHash> axmodels;
    /** What the device needs for the cvimodel (model_tool --info, when it was asked). */
    struct Device
    {
        qint64 cvimodelBytes = -1;
        double ionMegabytes = -1;
        qint64 weightBytes = -1;
        qint64 neuronBytes = -1;   // private + shared gmem
        QStringList cpuRoutines;   // layers the CPU runs
        /** Tensors per quantisation type in the compiled model ("36 int8, 2 bf16"; _tensor_info.txt). */
        QString tensorTypes;
        bool operator==(const Device &other) const = default;
    };
    Device device;

    QByteArray toYaml() const;
    static Expected<Provenance> fromYaml(const QByteArray &yaml, const QString &path);

    /** Fills steps (commands, exit codes, min similarity from the step logs) from a job. */
    static QList<Step> stepsFromJob(const JobRecord &job);
    /** Hashes of the images run_calibration would choose from (the whole folder, sorted). */
    static QList<FileHash> calibrationManifest(const QString &datasetDir);
};

} // namespace Mcw::Core
