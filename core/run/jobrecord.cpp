// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobrecord.h"

#include <core/atomicfile.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace Mcw::Core {

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Succeeded: return QStringLiteral("succeeded");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: break;
    }
    return QStringLiteral("cancelled");
}

QString stepStateName(StepState state)
{
    switch (state) {
    case StepState::Pending: return QStringLiteral("pending");
    case StepState::Running: return QStringLiteral("running");
    case StepState::Succeeded: return QStringLiteral("succeeded");
    case StepState::Failed: return QStringLiteral("failed");
    case StepState::Cancelled: return QStringLiteral("cancelled");
    case StepState::Skipped: break;
    }
    return QStringLiteral("skipped");
}

template<typename E>
static E parseEnum(const QString &name, QString (*toName)(E), int count, E fallback)
{
    for (int i = 0; i < count; ++i) {
        if (toName(E(i)) == name)
            return E(i);
    }
    return fallback;
}

qint64 StepRecord::elapsedMs(const QDateTime &now) const
{
    if (!startedAt.isValid())
        return 0;
    return startedAt.msecsTo(finishedAt.isValid() ? finishedAt : now);
}

int JobRecord::stepIndex(const QString &stepId) const
{
    for (int i = 0; i < steps.size(); ++i) {
        if (steps.at(i).id == stepId)
            return i;
    }
    return -1;
}

QStringList JobRecord::dependantsOf(const QString &stepId) const
{
    QStringList closure{stepId};
    QStringList result;
    for (const StepRecord &s : steps) { // steps are in dependency order
        for (const QString &d : s.dependsOn) {
            if (closure.contains(d)) {
                closure.append(s.id);
                result.append(s.id);
                break;
            }
        }
    }
    return result;
}

double JobRecord::progress() const
{
    if (steps.isEmpty())
        return 0.0;
    double sum = 0.0;
    for (const StepRecord &s : steps)
        sum += (s.state == StepState::Succeeded || s.state == StepState::Skipped) ? 1.0 : s.progress;
    return sum / double(steps.size());
}

QString JobRecord::jsonPath() const
{
    return QDir(directory).filePath(QStringLiteral("job.json"));
}

static QJsonObject diagnosticToJson(const Diagnostic &d)
{
    return QJsonObject{{QStringLiteral("severity"), severityName(d.severity)},
                       {QStringLiteral("stage"), d.stage},
                       {QStringLiteral("code"), d.code},
                       {QStringLiteral("message"), d.message},
                       {QStringLiteral("suggestion"), d.suggestion},
                       {QStringLiteral("nodeId"), d.nodeId},
                       {QStringLiteral("tensorName"), d.tensorName},
                       {QStringLiteral("details"), QJsonArray::fromStringList(d.details)}};
}

static Diagnostic diagnosticFromJson(const QJsonObject &o)
{
    Diagnostic d;
    const QString severity = o.value(QStringLiteral("severity")).toString();
    d.severity = severity == QLatin1String("info")      ? Diagnostic::Severity::Info
                 : severity == QLatin1String("warning") ? Diagnostic::Severity::Warning
                                                        : Diagnostic::Severity::Error;
    d.stage = o.value(QStringLiteral("stage")).toString();
    d.code = o.value(QStringLiteral("code")).toString();
    d.message = o.value(QStringLiteral("message")).toString();
    d.suggestion = o.value(QStringLiteral("suggestion")).toString();
    d.nodeId = o.value(QStringLiteral("nodeId")).toString();
    d.tensorName = o.value(QStringLiteral("tensorName")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("details")).toArray())
        d.details.append(v.toString());
    return d;
}

static QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

static QDateTime timeFrom(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

static QStringList stringList(const QJsonValue &v)
{
    QStringList list;
    for (const QJsonValue &e : v.toArray())
        list.append(e.toString());
    return list;
}

QJsonObject JobRecord::toJson() const
{
    QJsonArray stepArray;
    for (const StepRecord &s : steps) {
        QJsonObject env;
        for (auto it = s.invocation.environment.cbegin(); it != s.invocation.environment.cend(); ++it)
            env.insert(it.key(), it.value());
        QJsonArray outputs;
        for (const OutputFile &f : s.outputs) {
            outputs.append(QJsonObject{{QStringLiteral("path"), f.path},
                                       {QStringLiteral("size"), double(f.size)},
                                       {QStringLiteral("sha256"), f.sha256}});
        }
        QJsonArray diags;
        for (const Diagnostic &d : s.diagnostics)
            diags.append(diagnosticToJson(d));
        stepArray.append(QJsonObject{
            {QStringLiteral("id"), s.id},
            {QStringLiteral("title"), s.title},
            {QStringLiteral("program"), s.invocation.program},
            {QStringLiteral("arguments"), QJsonArray::fromStringList(s.invocation.arguments)},
            {QStringLiteral("workingDirectory"), s.invocation.workingDirectory},
            {QStringLiteral("environment"), env},
            {QStringLiteral("command"), s.invocation.toUserOutput()},
            {QStringLiteral("dependsOn"), QJsonArray::fromStringList(s.dependsOn)},
            {QStringLiteral("state"), stepStateName(s.state)},
            {QStringLiteral("attempts"), s.attempts},
            {QStringLiteral("exitCode"), s.exitCode},
            {QStringLiteral("startedAt"), timeText(s.startedAt)},
            {QStringLiteral("finishedAt"), timeText(s.finishedAt)},
            {QStringLiteral("executedCommand"), QJsonArray::fromStringList(s.executedCommand)},
            {QStringLiteral("droppedFlags"), QJsonArray::fromStringList(s.droppedFlags)},
            {QStringLiteral("logFile"), s.logFile},
            {QStringLiteral("error"), s.errorMessage},
            {QStringLiteral("diagnostics"), diags},
            {QStringLiteral("outputs"), outputs},
            {QStringLiteral("progress"), s.progress},
            {QStringLiteral("inputsKey"), s.inputsKey},
            {QStringLiteral("reusedFrom"), s.reusedFrom},
            {QStringLiteral("engine"), s.engine},
            {QStringLiteral("transfer"), s.transfer},
            {QStringLiteral("stdoutFile"), s.stdoutFile},
        });
    }
    return QJsonObject{{QStringLiteral("schema"), SchemaVersion},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("createdAt"), timeText(createdAt)},
                       {QStringLiteral("state"), jobStateName(state)},
                       {QStringLiteral("backend"), backend},
                       {QStringLiteral("toolVersion"), toolVersion},
                       {QStringLiteral("steps"), stepArray}};
}

Expected<JobRecord> JobRecord::fromJson(const QJsonObject &json, const QString &directory)
{
    if (json.value(QStringLiteral("schema")).toInt() != SchemaVersion) {
        return makeError(Error::Code::Unsupported,
                         QStringLiteral("%1: unknown job schema %2.")
                             .arg(QDir(directory).filePath(QStringLiteral("job.json")))
                             .arg(json.value(QStringLiteral("schema")).toInt()));
    }
    JobRecord r;
    r.id = json.value(QStringLiteral("id")).toString();
    r.name = json.value(QStringLiteral("name")).toString();
    r.directory = directory;
    r.createdAt = timeFrom(json.value(QStringLiteral("createdAt")));
    r.state = parseEnum(json.value(QStringLiteral("state")).toString(), &jobStateName, 5, JobState::Failed);
    r.backend = json.value(QStringLiteral("backend")).toString();
    r.toolVersion = json.value(QStringLiteral("toolVersion")).toString();
    for (const QJsonValue &v : json.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject o = v.toObject();
        StepRecord s;
        s.id = o.value(QStringLiteral("id")).toString();
        s.title = o.value(QStringLiteral("title")).toString();
        s.invocation.program = o.value(QStringLiteral("program")).toString();
        s.invocation.arguments = stringList(o.value(QStringLiteral("arguments")));
        s.invocation.workingDirectory = o.value(QStringLiteral("workingDirectory")).toString();
        const QJsonObject env = o.value(QStringLiteral("environment")).toObject();
        for (auto it = env.begin(); it != env.end(); ++it)
            s.invocation.environment.insert(it.key(), it.value().toString());
        s.dependsOn = stringList(o.value(QStringLiteral("dependsOn")));
        s.state = parseEnum(o.value(QStringLiteral("state")).toString(), &stepStateName, 6, StepState::Failed);
        s.attempts = o.value(QStringLiteral("attempts")).toInt();
        s.exitCode = o.value(QStringLiteral("exitCode")).toInt(-1);
        s.startedAt = timeFrom(o.value(QStringLiteral("startedAt")));
        s.finishedAt = timeFrom(o.value(QStringLiteral("finishedAt")));
        s.executedCommand = stringList(o.value(QStringLiteral("executedCommand")));
        s.droppedFlags = stringList(o.value(QStringLiteral("droppedFlags")));
        s.logFile = o.value(QStringLiteral("logFile")).toString();
        s.errorMessage = o.value(QStringLiteral("error")).toString();
        for (const QJsonValue &d : o.value(QStringLiteral("diagnostics")).toArray())
            s.diagnostics.append(diagnosticFromJson(d.toObject()));
        for (const QJsonValue &f : o.value(QStringLiteral("outputs")).toArray()) {
            const QJsonObject fo = f.toObject();
            // toInteger: a size that is no whole number a qint64 holds (1e300 in a damaged file)
            // reads as 0 rather than overflowing the conversion.
            s.outputs.append(OutputFile{fo.value(QStringLiteral("path")).toString(),
                                        fo.value(QStringLiteral("size")).toInteger(),
                                        fo.value(QStringLiteral("sha256")).toString()});
        }
        s.progress = o.value(QStringLiteral("progress")).toDouble();
        s.inputsKey = o.value(QStringLiteral("inputsKey")).toString();
        s.reusedFrom = o.value(QStringLiteral("reusedFrom")).toString();
        s.engine = o.value(QStringLiteral("engine")).toString();
        s.transfer = o.value(QStringLiteral("transfer")).toString();
        s.stdoutFile = o.value(QStringLiteral("stdoutFile")).toString();
        r.steps.append(s);
    }
    return r;
}

Expected<void> JobRecord::save() const
{
    return writeFileAtomically(jsonPath(), QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
}

Expected<JobRecord> JobRecord::load(const QString &directory)
{
    const QString path = QDir(directory).filePath(QStringLiteral("job.json"));
    auto bytes = readWholeFile(path, 64 << 20);
    if (!bytes)
        return Unexpected(bytes.error());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (!doc.isObject()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: not a job file (%2).").arg(path, parseError.errorString()));
    }
    return fromJson(doc.object(), QDir(directory).absolutePath());
}

} // namespace Mcw::Core
