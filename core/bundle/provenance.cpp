// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "provenance.h"

#include <core/imaging/imagefolder.h>
#include <core/logs/logparser.h>
#include <core/pulsar2/precisiontable.h>
#include <core/run/steplog.h>
#include <core/sha256.h>
#include <core/toolchain/toolinvocation.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace Mcw::Core {

static std::string str(const QString &s)
{
    return s.toStdString();
}

static void emitNumber(YAML::Emitter &out, double value)
{
    if (std::isnan(value))
        out << YAML::Null;
    else if (std::isinf(value))
        out << (value > 0 ? ".inf" : "-.inf");
    else
        out << value;
}

QByteArray Provenance::toYaml() const
{
    YAML::Emitter out;
    out << YAML::Comment("How this MaixCAM bundle was made. The device ignores this file; "
                         "'maixcam-convert rebuild' replays it.");
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << SchemaVersion;
    out << YAML::Key << "created" << YAML::Value << str(createdAt);
    out << YAML::Key << "workbench" << YAML::Value << str(workbenchVersion);
    out << YAML::Key << "onnx" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "file" << YAML::Value << str(modelFile);
    out << YAML::Key << "sha256" << YAML::Value << str(modelSha256);
    out << YAML::EndMap;
    out << YAML::Key << "model" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "file" << YAML::Value << str(cvimodelFile);
    out << YAML::Key << "quantization" << YAML::Value << str(quantization);
    out << YAML::Key << "sha256" << YAML::Value << str(cvimodelSha256);
    if (!axmodels.isEmpty()) {
        out << YAML::Key << "axmodels" << YAML::Value << YAML::BeginSeq;
        for (const FileHash &f : axmodels) {
            out << YAML::Flow << YAML::BeginMap << YAML::Key << "file" << YAML::Value << str(f.name)
                << YAML::Key << "sha256" << YAML::Value << str(f.sha256) << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    if (device.cvimodelBytes >= 0) {
        out << YAML::Key << "device" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "cvimodel_bytes" << YAML::Value << device.cvimodelBytes;
        if (device.ionMegabytes >= 0) {
            out << YAML::Key << "ion_mb" << YAML::Value << device.ionMegabytes;
            out << YAML::Key << "weight_bytes" << YAML::Value << device.weightBytes;
            out << YAML::Key << "neuron_bytes" << YAML::Value << device.neuronBytes;
            out << YAML::Key << "cpu_routines" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const QString &r : device.cpuRoutines)
                out << str(r);
            out << YAML::EndSeq;
        }
        if (!device.tensorTypes.isEmpty())
            out << YAML::Key << "tensor_types" << YAML::Value << str(device.tensorTypes);
        out << YAML::EndMap;
    }
    out << YAML::Key << "toolchain" << YAML::Value << YAML::BeginMap;
    // A MaixCAM2 bundle (axmodels) was built by Pulsar2, a MaixCAM one by tpu-mlir.
    out << YAML::Key << (axmodels.isEmpty() ? "tpu_mlir" : "pulsar2") << YAML::Value << str(toolVersion);
    out << YAML::Key << "backend" << YAML::Value << str(backend);
    out << YAML::Key << "image_id" << YAML::Value << str(imageId);
    out << YAML::EndMap;
    out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
    for (const Step &s : steps) {
        out << YAML::BeginMap;
        out << YAML::Key << "id" << YAML::Value << str(s.id);
        out << YAML::Key << "exit_code" << YAML::Value << s.exitCode;
        if (!s.engine.isEmpty())
            out << YAML::Key << "engine" << YAML::Value << str(s.engine);
        out << YAML::Key << "command" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString &a : s.command)
            out << str(a);
        out << YAML::EndSeq;
        out << YAML::Key << "min_similarity" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        emitNumber(out, s.minCosine);
        emitNumber(out, s.minEuclidean);
        emitNumber(out, s.minSqnr);
        out << YAML::EndSeq;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "calibration_images" << YAML::Value << YAML::BeginSeq;
    for (const FileHash &f : calibrationImages) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "file" << YAML::Value << str(f.name)
            << YAML::Key << "sha256" << YAML::Value << str(f.sha256) << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "project" << YAML::Value << YAML::Literal << projectYaml.toStdString();
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

Expected<Provenance> Provenance::fromYaml(const QByteArray &yaml, const QString &path)
{
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap() || !root["schema"] || !root["project"]) {
            return makeError(Error::Code::InvalidInput,
                             QStringLiteral("%1: not a provenance file (no schema or project).").arg(path));
        }
        if (root["schema"].as<int>() > SchemaVersion) {
            return makeError(Error::Code::Unsupported,
                             QStringLiteral("%1: written by a newer workbench (schema %2).")
                                 .arg(path)
                                 .arg(root["schema"].as<int>()));
        }
        auto text = [](const YAML::Node &n) {
            return n && n.IsScalar() ? QString::fromStdString(n.as<std::string>()) : QString();
        };
        Provenance p;
        p.createdAt = text(root["created"]);
        p.workbenchVersion = text(root["workbench"]);
        p.modelFile = text(root["onnx"]["file"]);
        p.modelSha256 = text(root["onnx"]["sha256"]);
        p.cvimodelFile = text(root["model"]["file"]);
        p.quantization = text(root["model"]["quantization"]);
        p.cvimodelSha256 = text(root["model"]["sha256"]);
        for (const YAML::Node &f : root["model"]["axmodels"])
            p.axmodels.append({text(f["file"]), text(f["sha256"])});
        if (const YAML::Node d = root["device"]; d && d.IsMap()) {
            p.device.cvimodelBytes = d["cvimodel_bytes"] ? d["cvimodel_bytes"].as<qint64>() : -1;
            p.device.ionMegabytes = d["ion_mb"] ? d["ion_mb"].as<double>() : -1;
            p.device.weightBytes = d["weight_bytes"] ? d["weight_bytes"].as<qint64>() : -1;
            p.device.neuronBytes = d["neuron_bytes"] ? d["neuron_bytes"].as<qint64>() : -1;
            for (const YAML::Node &r : d["cpu_routines"])
                p.device.cpuRoutines.append(QString::fromStdString(r.as<std::string>()));
            p.device.tensorTypes = text(d["tensor_types"]);
        }
        p.toolVersion = text(root["toolchain"][p.axmodels.isEmpty() ? "tpu_mlir" : "pulsar2"]);
        p.backend = text(root["toolchain"]["backend"]);
        p.imageId = text(root["toolchain"]["image_id"]);
        p.projectYaml = QByteArray::fromStdString(root["project"].as<std::string>());
        for (const YAML::Node &s : root["steps"]) {
            Step step;
            step.id = text(s["id"]);
            step.exitCode = s["exit_code"] ? s["exit_code"].as<int>() : -1;
            step.engine = text(s["engine"]);
            for (const YAML::Node &a : s["command"])
                step.command.append(QString::fromStdString(a.as<std::string>()));
            p.steps.append(step);
        }
        for (const YAML::Node &f : root["calibration_images"])
            p.calibrationImages.append(FileHash{text(f["file"]), text(f["sha256"])});
        return p;
    } catch (const YAML::Exception &e) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: line %2: %3.").arg(path).arg(e.mark.line + 1)
                             .arg(QString::fromStdString(e.msg)));
    }
}

/** The lowest cosine of a `pulsar2 build`'s precision table (maixcam2.md §4.3), NaN without one. */
static double pulsar2MinCosine(const QString &jobDirectory, const QStringList &arguments)
{
    const qsizetype flag = arguments.indexOf(QStringLiteral("--output_dir"));
    if (flag < 0 || flag + 1 >= arguments.size())
        return std::nan("");
    const QString table = QDir(QDir(jobDirectory).filePath(arguments.at(flag + 1)))
                              .filePath(QStringLiteral("quant/debug/precision_analysis_table.txt"));
    const auto rows = Pulsar2PrecisionTable::readFile(table);
    double lowest = std::nan("");
    for (const Pulsar2PrecisionTable::Row &row : rows.value_or(QList<Pulsar2PrecisionTable::Row>{})) {
        if (!std::isnan(row.cosine) && (std::isnan(lowest) || row.cosine < lowest))
            lowest = row.cosine;
    }
    return lowest;
}

QList<Provenance::Step> Provenance::stepsFromJob(const JobRecord &job)
{
    QList<Step> steps;
    for (const StepRecord &record : job.steps) {
        Step step;
        step.id = record.id;
        step.command = record.executedCommand.isEmpty()
                           ? QStringList{record.invocation.program} + record.invocation.arguments
                           : record.executedCommand;
        step.exitCode = record.exitCode;
        step.engine = record.engine;
        if (toolDisplayName(record.invocation.program) == QLatin1String("pulsar2")) {
            step.minCosine = pulsar2MinCosine(job.directory, record.invocation.arguments);
            steps.append(step);
            continue;
        }
        // The last compare block of the step's log holds the stage's minimum similarity.
        const QString stdoutLog = rawStreamPath(QDir(job.directory).filePath(record.logFile), OutputStream::Stdout);
        QFile log(stdoutLog);
        if (!record.logFile.isEmpty() && log.open(QIODevice::ReadOnly)) {
            LogParser parser;
            parser.feed(LogParser::Stream::Stdout, log.readAll());
            parser.finish();
            if (!parser.compares().isEmpty()) {
                const CompareBlock &block = parser.compares().last();
                step.minCosine = block.minCosine;
                step.minEuclidean = block.minEuclidean;
                step.minSqnr = block.minSqnr;
            }
        }
        steps.append(step);
    }
    return steps;
}

QList<Provenance::FileHash> Provenance::calibrationManifest(const QString &datasetDir)
{
    QList<FileHash> manifest;
    const auto scan = scanCalibrationFolder(datasetDir);
    if (!scan)
        return manifest;
    const QDir root(datasetDir);
    for (const QString &image : scan->images) {
        const auto hash = sha256OfFile(image);
        manifest.append(FileHash{root.relativeFilePath(image), hash ? *hash : QString()});
    }
    return manifest;
}

} // namespace Mcw::Core
