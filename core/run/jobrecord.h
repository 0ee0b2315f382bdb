// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/diagnostic.h>
#include <core/result.h>
#include <core/toolchain/toolinvocation.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Mcw::Core {

enum class JobState { Queued, Running, Succeeded, Failed, Cancelled };
enum class StepState { Pending, Running, Succeeded, Failed, Cancelled, Skipped };

QString jobStateName(JobState state);   // "queued", "running", ...
QString stepStateName(StepState state); // "pending", "running", ..., "skipped"

/** A file a step wrote into the job folder, with its hash for reproducibility. */
struct OutputFile
{
    QString path;   // relative to the job folder
    qint64 size = 0;
    QString sha256;

    bool operator==(const OutputFile &other) const = default;
};

/** One step of a job: what was asked, what ran, how it ended. */
struct StepRecord
{
    QString id;                   // "transform", "calibration", "deploy_int8", "deploy_bf16"
    QString title;                // "Transform to MLIR"
    ToolInvocation invocation;    // the tool step as the command builder made it
    QStringList dependsOn;
    StepState state = StepState::Pending;
    int attempts = 0;
    int exitCode = -1;
    QDateTime startedAt;
    QDateTime finishedAt;
    QStringList executedCommand;  // program + argv actually started (docker run …)
    QStringList droppedFlags;     // flags this tpu-mlir version does not accept
    QString logFile;              // relative to the job folder, latest attempt
    QString errorMessage;         // one sentence when failed/cancelled
    QList<Diagnostic> diagnostics;
    QList<OutputFile> outputs;
    double progress = 0.0;        // 0..1
    QString stage;                // current stage label while running
    QString inputsKey;            // hash of everything the outputs depend on (StepReuse)
    QString reusedFrom;           // id of the earlier job whose outputs were copied, or empty
    QString engine;               // Docker engine the latest attempt ran on; empty: native
    QString transfer;             // how its files reached the engine: "mount", "copy"; empty: native
    QString stdoutFile;           // the tool prints its product: stdout kept as this file of the job folder

    qint64 elapsedMs(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    bool operator==(const StepRecord &other) const = default;
};

/**
 * A job: one pipeline run in its own folder. Persisted as `<directory>/job.json` after every
 * transition, so a restarted app can list past runs with their logs and files.
 */
struct JobRecord
{
    static constexpr int SchemaVersion = 1;

    QString id;          // folder name, unique
    QString name;        // model / project name
    QString directory;   // absolute job folder
    QDateTime createdAt;
    JobState state = JobState::Queued;
    QString backend;     // ToolchainSettings::describe()
    QString toolVersion; // tpu-mlir version when probed
    QList<StepRecord> steps;

    int stepIndex(const QString &stepId) const;
    /** A run of tpu-mlir's mixed-precision search: it proposes a quantize table and builds no model. */
    bool isQtableSearch() const { return stepIndex(QStringLiteral("search_qtable")) >= 0; }
    /** Steps that depend on \a stepId, directly or not, in pipeline order. */
    QStringList dependantsOf(const QString &stepId) const;
    double progress() const;
    QString jsonPath() const;

    QJsonObject toJson() const;
    static Expected<JobRecord> fromJson(const QJsonObject &json, const QString &directory);
    Expected<void> save() const;
    static Expected<JobRecord> load(const QString &directory);

    bool operator==(const JobRecord &other) const = default;
};

} // namespace Mcw::Core
