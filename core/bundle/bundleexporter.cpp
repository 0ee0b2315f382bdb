// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundleexporter.h"
#include "provenance.h"

#include <core/bundle/cvimodelinfo.h>
#include <core/bundle/cvimodeltensorinfo.h>
#include <core/mud/mudreader.h>
#include <core/mud/mudwriter.h>
#include <core/project/conversionplan.h>
#include <core/project/preflight.h>
#include <core/project/projectfile.h>
#include <core/pulsar2/pulsar2plan.h>
#include <core/run/projectjobfactory.h>
#include <core/sha256.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace Mcw::Core {

static Diagnostic exportError(const QString &code, const QString &message, const QString &suggestion = {})
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.stage = QStringLiteral("export");
    d.code = code;
    d.message = message;
    d.suggestion = suggestion;
    return d;
}

QStringList BundleExporter::modelStepIds(const Project &project, bool bf16)
{
    if (project.device != Device::MaixCam2)
        return {bf16 ? QStringLiteral("deploy_bf16") : QStringLiteral("deploy_int8")};
    QStringList ids;
    if (project.pulsar2.buildNpu)
        ids.append(QStringLiteral("build_npu"));
    if (project.pulsar2.buildVnpu)
        ids.append(QStringLiteral("build_vnpu"));
    return ids;
}

BundleExporter::Prepared BundleExporter::prepare(const Request &request)
{
    Prepared out;
    const Project &project = request.project;
    out.baseName = request.bundleName.isEmpty() ? project.name : request.bundleName;
    if (out.baseName.isEmpty() || !ZipArchive::unsafeEntryReason(out.baseName).isEmpty()
        || out.baseName.contains(QLatin1Char('/'))) {
        out.problems.append(exportError(QStringLiteral("export_name"),
                                        QStringLiteral("The bundle name \"%1\" is not a plain file name.").arg(out.baseName)));
        return out;
    }
    const bool maixcam2 = project.device == Device::MaixCam2;
    if (!maixcam2 && project.quantization.processor != QLatin1String("cv181x")) {
        out.problems.append(exportError(
            QStringLiteral("processor_unsupported"),
            QStringLiteral("The model was built for %1, which MaixCAM cannot run (it needs cv181x).")
                .arg(project.quantization.processor),
            QStringLiteral("Set the processor to cv181x and convert again.")));
    }

    // The model files: MaixCAM's one cvimodel, or MaixCAM2's axmodel per selected NPU mode.
    struct Model
    {
        QString stepId;
        QString stepTitle;  // for messages: "INT8 deploy", "model_npu (NPU2) build"
        QString jobFile;    // relative to the job folder
        QString bundleFile;
        QString path;
        QString hash;
    };
    QList<Model> models;
    if (maixcam2) {
        for (const Pulsar2Plan::BuiltModel &m : Pulsar2Plan::builtModels(project, out.baseName))
            models.append({m.stepId, m.stepTitle(), m.jobFile, m.bundleFile, {}, {}});
    } else {
        models.append({request.bf16 ? QStringLiteral("deploy_bf16") : QStringLiteral("deploy_int8"),
                       request.bf16 ? QStringLiteral("BF16 deploy") : QStringLiteral("INT8 deploy"),
                       request.bf16 ? ConversionPlan::bf16ModelFile(project.name) : ConversionPlan::int8ModelFile(project.name),
                       out.baseName + QStringLiteral(".cvimodel"), {}, {}});
    }
    for (Model &model : models) {
        // Each model must come from a finished step of this job...
        const int stepIndex = request.job.stepIndex(model.stepId);
        model.path = QDir(request.job.directory).filePath(model.jobFile);
        if (stepIndex < 0 || request.job.steps.at(stepIndex).state != StepState::Succeeded) {
            out.problems.append(exportError(
                QStringLiteral("export_no_model"),
                QStringLiteral("The run %1 has no successful %2 step.").arg(request.job.id, model.stepTitle),
                maixcam2 ? QStringLiteral("Run the conversion first, or leave that NPU mode out of the project.")
                         : QStringLiteral("Run the conversion (with %1 enabled) first.")
                               .arg(request.bf16 ? QStringLiteral("BF16") : QStringLiteral("INT8"))));
            continue;
        }
        if (!QFileInfo::exists(model.path)) {
            out.problems.append(exportError(QStringLiteral("export_no_model"),
                                            QStringLiteral("%1 is missing; the run's folder was changed.").arg(model.path),
                                            QStringLiteral("Run the conversion again.")));
            continue;
        }
        const auto hash = sha256OfFile(model.path);
        model.hash = hash ? *hash : QString();
        // ...unchanged since the step recorded its hash...
        for (const OutputFile &o : request.job.steps.at(stepIndex).outputs) {
            if (QDir::cleanPath(o.path) == QDir::cleanPath(model.jobFile) && !o.sha256.isEmpty() && o.sha256 != model.hash) {
                out.problems.append(exportError(
                    QStringLiteral("export_model_changed"),
                    QStringLiteral("%1 changed on disk after the %2 step produced it.").arg(model.path, model.stepTitle),
                    QStringLiteral("Run the conversion again to get a model you can trust.")));
            }
        }
    }
    // ...and built from the settings the MUD will describe.
    const QString stored = ProjectJobFactory::storedFingerprint(request.job.directory);
    if (stored.isEmpty() || stored != ProjectJobFactory::settingsFingerprint(project)) {
        out.problems.append(exportError(
            QStringLiteral("export_stale"),
            stored.isEmpty()
                ? QStringLiteral("The run %1 does not record its settings, so it cannot be matched to the project.").arg(request.job.id)
                : QStringLiteral("The run %1 was built with other settings (model, cut, preprocessing or "
                                 "quantisation changed since); its cvimodel would not match the MUD.").arg(request.job.id),
            QStringLiteral("Run the conversion again with the current settings.")));
    }

    // Labels must match the class count the model's outputs imply.
    if (!request.graph.isNull()) {
        for (const Diagnostic &d : Preflight::check(project, request.graph)) {
            if (d.severity == Diagnostic::Severity::Error
                && (d.code.startsWith(QLatin1String("label")) || d.code == QLatin1String("output_shape")))
                out.problems.append(d);
        }
    }

    // The MUD from the same project, re-read exactly as the device would.
    MudWriter::Options mudOptions;
    mudOptions.modelFile = out.baseName + QStringLiteral(".cvimodel");
    mudOptions.npuModelFile = Pulsar2Plan::npuModelFile(out.baseName);
    mudOptions.vnpuModelFile = Pulsar2Plan::vnpuModelFile(out.baseName);
    const auto mud = MudWriter::render(project, out.baseName + QStringLiteral(".mud"), mudOptions);
    if (!mud) {
        out.problems.append(exportError(QStringLiteral("export_mud"), mud.error().message));
        return out;
    }
    out.mud = mud->mud;
    const MudReader::Result reread = MudReader::parse(mud->mud, out.baseName + QStringLiteral(".mud"));
    for (const Diagnostic &d : reread.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            out.problems.append(d);
    }
    if (!reread.deviceParses) {
        out.problems.append(exportError(QStringLiteral("export_mud"),
                                        QStringLiteral("The generated MUD would not load on the device.")));
    }
    if (hasErrors(out.problems))
        return out;

    Provenance provenance;
    provenance.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    provenance.workbenchVersion = QStringLiteral(MCW_VERSION);
    provenance.modelFile = QFileInfo(project.modelPath).fileName();
    provenance.modelSha256 = project.modelSha256;
    // Anchored at "/" so every path in it stays absolute and the file can be replayed anywhere.
    provenance.projectYaml = ProjectFile::serialize(project, QString::fromLatin1(Provenance::ProjectAnchor));
    provenance.calibrationImages = Provenance::calibrationManifest(project.quantization.datasetDir);
    provenance.toolVersion = request.job.toolVersion;
    provenance.backend = request.job.backend;
    provenance.imageId = ProjectJobFactory::storedImageId(request.job.directory);
    provenance.steps = Provenance::stepsFromJob(request.job);
    // Pulsar2 quantises to U8 (U16 where the project keeps layers; the settings record which).
    provenance.quantization = maixcam2 ? QStringLiteral("U8") : request.bf16 ? QStringLiteral("BF16") : QStringLiteral("INT8");
    provenance.cvimodelFile = models.first().bundleFile;
    provenance.cvimodelSha256 = models.first().hash;
    const QString modelPath = models.first().path;
    if (maixcam2) {
        for (const Model &model : std::as_const(models))
            provenance.axmodels.append({model.bundleFile, model.hash});
    } else {
        provenance.device.cvimodelBytes = QFileInfo(modelPath).size();
        if (const auto info = CvimodelInfo::readFile(ConversionPlan::deviceInfoFile(modelPath))) {
            provenance.device.ionMegabytes = info->ionMegabytes;
            provenance.device.weightBytes = info->weightBytes;
            provenance.device.neuronBytes = info->neuronBytes();
            provenance.device.cpuRoutines = info->cpuRoutines;
        }
        if (const auto tensors = CvimodelTensorInfo::readFile(CvimodelTensorInfo::pathFor(modelPath)))
            provenance.device.tensorTypes = tensors->summary();
    }
    out.provenance = provenance.toYaml();

    out.files.append({out.baseName + QStringLiteral(".mud"), mud->mud, {}});
    for (const Model &model : std::as_const(models))
        out.files.append({model.bundleFile, {}, model.path});
    if (!mud->labelsFileName.isEmpty())
        out.files.append({mud->labelsFileName, mud->labelsFile, {}});
    out.files.append({out.baseName + QStringLiteral(".provenance.yaml"), out.provenance, {}});
    return out;
}

Expected<QStringList> BundleExporter::exportBundle(const Request &request, const QString &destination,
                                                   bool overwrite)
{
    return write(prepare(request), destination, overwrite);
}

Expected<QStringList> BundleExporter::write(const Prepared &prepared, const QString &destination, bool overwrite)
{
    for (const Diagnostic &d : prepared.problems) {
        if (d.severity == Diagnostic::Severity::Error)
            return makeError(Error::Code::InvalidInput, d.message, d.suggestion);
    }
    const Expected<void> written = destination.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)
                                       ? BundleWriter::writeZip(destination, prepared.files, overwrite)
                                       : BundleWriter::writeDirectory(destination, prepared.files, overwrite);
    if (!written)
        return Unexpected(written.error());
    QStringList names;
    for (const BundleWriter::File &f : prepared.files)
        names.append(f.name);
    return names;
}

} // namespace Mcw::Core
