// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepreuse.h"

#include <core/bundle/ziparchive.h>
#include <core/run/steplog.h>
#include <core/sha256.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <optional>

namespace Mcw::Core {

// Files up to this size are keyed by content (quantize tables, test images); bigger ones (ONNX
// weights) by size and modification time, so that a key costs no full read of a model.
static constexpr qint64 ContentKeyLimit = 1 << 20;

static QString fileIdentity(const QFileInfo &info)
{
    if (info.size() <= ContentKeyLimit) {
        if (const auto hash = sha256OfFile(info.absoluteFilePath()))
            return QStringLiteral("content %1").arg(*hash);
    }
    return QStringLiteral("size %1 time %2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
}

static QString pathIdentity(const QString &argument, const QDir &jobDir)
{
    if (argument.isEmpty() || argument.startsWith(QLatin1Char('-')))
        return {};
    const QFileInfo info(QDir::isAbsolutePath(argument) ? argument : jobDir.filePath(argument));
    if (info.isFile())
        return fileIdentity(info);
    if (!info.isDir())
        return {};
    // A calibration folder: the tools read the files directly in it.
    QStringList listing;
    const QFileInfoList entries = QDir(info.absoluteFilePath()).entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &entry : entries) {
        listing.append(QStringLiteral("%1 %2 %3").arg(entry.fileName()).arg(entry.size())
                           .arg(entry.lastModified().toMSecsSinceEpoch()));
    }
    return QStringLiteral("folder ") + sha256OfBytes(listing.join(QLatin1Char('\n')).toUtf8());
}

void StepReuse::assignKeys(JobRecord &job, const QString &toolchainIdentity)
{
    const QDir jobDir(job.directory);
    QHash<QString, QString> keys;
    for (StepRecord &step : job.steps) {
        QStringList parts{QStringLiteral("toolchain ") + toolchainIdentity, QStringLiteral("step ") + step.id,
                          QStringLiteral("program ") + step.invocation.program};
        // The job folder differs from run to run; anything else in the working directory counts.
        const QString cwd = step.invocation.workingDirectory;
        if (!cwd.isEmpty() && QDir::cleanPath(cwd) != QDir::cleanPath(job.directory))
            parts.append(QStringLiteral("cwd ") + cwd);
        for (auto it = step.invocation.environment.cbegin(); it != step.invocation.environment.cend(); ++it)
            parts.append(QStringLiteral("env %1=%2").arg(it.key(), it.value()));
        for (const QString &argument : std::as_const(step.invocation.arguments)) {
            QString portable = argument;
            portable.replace(job.directory, QStringLiteral("<job>"));
            parts.append(QStringLiteral("arg ") + portable);
            if (const QString identity = pathIdentity(argument, jobDir); !identity.isEmpty())
                parts.append(QStringLiteral("file ") + identity);
        }
        for (const QString &dependency : std::as_const(step.dependsOn))
            parts.append(QStringLiteral("after %1 %2").arg(dependency, keys.value(dependency)));
        step.inputsKey = sha256OfBytes(parts.join(QLatin1Char('\n')).toUtf8());
        keys.insert(step.id, step.inputsKey);
    }
}

/** Copies \a from to \a to through QSaveFile, hashing on the way; nothing lands on a mismatch. */
static bool copyVerified(const QString &from, const QString &to, const QString &expectedSha256)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return false;
    QDir().mkpath(QFileInfo(to).absolutePath());
    QSaveFile target(to);
    if (!target.open(QIODevice::WriteOnly))
        return false;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block;
    while (!(block = source.read(1 << 20)).isEmpty()) {
        hash.addData(block);
        if (target.write(block) != block.size()) {
            target.cancelWriting();
            return false;
        }
    }
    if (source.error() != QFileDevice::NoError
        || (!expectedSha256.isEmpty() && QString::fromLatin1(hash.result().toHex()) != expectedSha256)) {
        target.cancelWriting();
        return false;
    }
    return target.commit();
}

/** Copies the outputs and logs of \a step; returns the outputs copied, or nothing when one failed. */
static std::optional<QList<OutputFile>> copyStep(const StepRecord &step, const QString &fromDir, const QString &toDir)
{
    QList<OutputFile> kept;
    QStringList copied;
    const auto rollBack = [&]() -> std::optional<QList<OutputFile>> {
        for (const QString &path : std::as_const(copied))
            QFile::remove(path);
        return std::nullopt;
    };
    for (const OutputFile &output : step.outputs) {
        // tpu-mlir's record for --cache_skip (never passed here): every step rewrites it, so the
        // earlier run's copy is no longer this step's, and no step reads it.
        if (output.path == QLatin1String("build_flag.json"))
            continue;
        // Without a recorded hash there is nothing to check the earlier file against; a name
        // leaving the job folder (an edited job.json) would copy files outside both runs.
        if (output.sha256.isEmpty() || !ZipArchive::unsafeEntryReason(output.path).isEmpty())
            return rollBack();
        const QString target = QDir(toDir).filePath(output.path);
        if (!copyVerified(QDir(fromDir).filePath(output.path), target, output.sha256))
            return rollBack();
        copied.append(target);
        kept.append(output);
    }
    if (!step.logFile.isEmpty() && ZipArchive::unsafeEntryReason(step.logFile).isEmpty()) {
        // Logs are best effort: the outputs are what later steps need.
        const QString log = QDir(fromDir).filePath(step.logFile);
        for (const QString &path : {log, rawStreamPath(log, OutputStream::Stdout), rawStreamPath(log, OutputStream::Stderr)}) {
            if (QFileInfo::exists(path))
                copyVerified(path, QDir(toDir).filePath(QDir(fromDir).relativeFilePath(path)), {});
        }
    }
    return kept;
}

QStringList StepReuse::carryOver(JobRecord &job, const JobRecord &earlier)
{
    QStringList reused;
    for (StepRecord &step : job.steps) {
        const int index = earlier.stepIndex(step.id);
        if (index < 0 || step.inputsKey.isEmpty())
            continue;
        const StepRecord &before = earlier.steps.at(index);
        if (before.state != StepState::Succeeded || before.inputsKey != step.inputsKey)
            continue;
        bool dependenciesReused = true;
        for (const QString &dependency : std::as_const(step.dependsOn))
            dependenciesReused = dependenciesReused && reused.contains(dependency);
        if (!dependenciesReused)
            continue;
        const auto outputs = copyStep(before, earlier.directory, job.directory);
        if (!outputs)
            continue;
        const QString key = step.inputsKey;
        const ToolInvocation invocation = step.invocation;
        const QStringList dependsOn = step.dependsOn;
        step = before;
        // What this job asked for stays this job's; only the results come from the earlier run.
        step.inputsKey = key;
        step.invocation = invocation;
        step.dependsOn = dependsOn;
        step.outputs = *outputs;
        step.reusedFrom = before.reusedFrom.isEmpty() ? earlier.id : before.reusedFrom;
        reused.append(step.id);
    }
    if (!reused.isEmpty() && job.toolVersion.isEmpty())
        job.toolVersion = earlier.toolVersion;
    return reused;
}

} // namespace Mcw::Core
