// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectjobfactory.h"

#include <core/atomicfile.h>
#include <core/preview/int8folderrun.h>
#include <core/project/numberformat.h>
#include <core/project/projectfile.h>
#include <core/pulsar2/pulsar2jobinputs.h>
#include <core/run/conversionpipeline.h>
#include <core/run/stepreuse.h>
#include <core/sha256.h>

#include <QDir>
#include <QFile>

namespace Mcw::Core {

QString ProjectJobFactory::settingsFingerprint(const Project &project)
{
    QStringList parts;
    const auto numbers = [](const QList<double> &values) {
        return formatDecimalList(values, QStringLiteral(","));
    };
    QStringList shape;
    for (qint64 d : project.inputShape)
        shape.append(QString::number(d));
    const Preprocess &pp = project.preprocess;
    const Quantization &q = project.quantization;
    parts << QStringLiteral("model=") + project.modelSha256
          << QStringLiteral("cut=") + project.cutTensors.join(QLatin1Char(','))
          << QStringLiteral("shape=") + shape.join(QLatin1Char(','))
          << QStringLiteral("mean=") + numbers(pp.mean) << QStringLiteral("scale=") + numbers(pp.scale)
          << QStringLiteral("pixel=") + pp.pixelFormat << QStringLiteral("channel=") + pp.channelFormat
          << QStringLiteral("keep=%1/%2/%3").arg(pp.keepAspectRatio).arg(pp.keepRatioMode).arg(pp.padValue)
          << QStringLiteral("processor=") + q.processor
          << QStringLiteral("modes=%1/%2/%3").arg(q.int8).arg(q.quantInput).arg(q.bf16)
          << QStringLiteral("dataset=%1/%2/%3").arg(QDir::cleanPath(q.datasetDir)).arg(q.inputNum).arg(q.calibrationMethod)
          << QStringLiteral("tolerance=") + numbers({q.transformCos, q.transformEuclid, q.deployCos, q.deployEuclid});
    for (const auto &entry : q.quantizeTable)
        parts << QStringLiteral("qtable=%1 %2").arg(entry.first, entry.second);
    if (project.device == Device::MaixCam2) {
        // Only MaixCAM2 projects add these, so MaixCAM fingerprints of earlier runs stay valid.
        const Pulsar2Settings &s = project.pulsar2;
        parts << QStringLiteral("device=maixcam2")
              << QStringLiteral("pulsar2=%1/%2/%3/%4").arg(s.buildNpu).arg(s.buildVnpu).arg(s.calibrationMethod).arg(s.precisionAnalysis)
              << QStringLiteral("u16=") + s.u16Layers.join(QLatin1Char(','));
    }
    return sha256OfBytes(parts.join(QLatin1Char('\n')).toUtf8());
}

static QString readTrimmed(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(file.readAll()).trimmed();
}

QString ProjectJobFactory::storedFingerprint(const QString &jobDirectory)
{
    return readTrimmed(QDir(jobDirectory).filePath(QString::fromLatin1(FingerprintFileName)));
}

QString ProjectJobFactory::storedImageId(const QString &jobDirectory)
{
    return readTrimmed(QDir(jobDirectory).filePath(QString::fromLatin1(ImageIdFileName)));
}

Expected<JobRecord> ProjectJobFactory::createJob(const Project &project, const QString &jobsRoot,
                                                 const Options &options)
{
    if (project.name.isEmpty())
        return makeError(Error::Code::InvalidInput, QStringLiteral("The project has no name."));
    QList<ConversionPlan::FolderImage> folderImages;
    if (project.device == Device::MaixCam && !options.qtableSearch && project.quantization.int8) {
        auto images = Int8FolderRun::images(project);
        if (!images)
            return Unexpected(images.error());
        folderImages = std::move(*images);
    }
    const auto directory = ConversionPipeline::makeJobDirectory(jobsRoot, project.name);
    if (!directory)
        return Unexpected(directory.error());

    // Tools run in the job folder; inputs stay where they are and are passed absolute.
    Project inJob = project;
    inJob.workspaceDir = *directory;
    ConversionPlan::Options planOptions;
    planOptions.capabilities = options.capabilities;
    planOptions.compareAll = options.compareAll;
    planOptions.qtableSearch = options.qtableSearch;
    planOptions.projectDir = *directory;
    QList<PipelineStepSpec> steps;
    if (project.device == Device::MaixCam2) {
        // MaixCAM2: the cut model, calibration tar and configs are written here, then pulsar2 runs.
        const auto prepared = Pulsar2JobInputs::prepare(inJob, *directory);
        if (!prepared)
            return Unexpected(prepared.error());
        steps = *prepared;
    } else {
        planOptions.folderImages = folderImages;
        const ConversionPlan plan = ConversionPlan::build(inJob, planOptions);
        if (const auto inputs = Int8FolderRun::writeInputs(project, folderImages, *directory); !inputs)
            return Unexpected(inputs.error());
        for (const ConversionPlan::GeneratedFile &f : plan.files) {
            const auto written = writeFileAtomically(QDir(*directory).filePath(f.fileName), f.content.toUtf8());
            if (!written)
                return Unexpected(written.error());
        }
        steps = ConversionPipeline::fromPlan(plan);
    }
    if (steps.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("The project asks for neither INT8 nor BF16; nothing to build."));
    }

    const auto snapshot = ProjectFile::save(project, QDir(*directory).filePath(QString::fromLatin1(SnapshotFileName)));
    if (!snapshot)
        return Unexpected(snapshot.error());
    const auto fingerprint = writeFileAtomically(QDir(*directory).filePath(QString::fromLatin1(FingerprintFileName)),
                                                 settingsFingerprint(project).toLatin1() + '\n');
    if (!fingerprint)
        return Unexpected(fingerprint.error());
    if (!options.toolchainImageId.isEmpty()) {
        const auto image = writeFileAtomically(QDir(*directory).filePath(QString::fromLatin1(ImageIdFileName)),
                                               options.toolchainImageId.toLatin1() + '\n');
        if (!image)
            return Unexpected(image.error());
    }
    auto job = ConversionPipeline::createJob(project.name, *directory, steps);
    if (!job)
        return job;
    if (project.device == Device::MaixCam2) {
        // The pool would name tpu-mlir's image and version; these steps run Pulsar2's.
        job->backend = options.toolchain;
        job->toolVersion = options.capabilities.version;
    }
    const QString toolchain = QStringList{options.toolchain, options.toolchainImageId, options.capabilities.version,
                                          project.modelSha256}.join(QLatin1Char('|'));
    StepReuse::assignKeys(*job, toolchain);
    if (options.reuseFrom)
        StepReuse::carryOver(*job, *options.reuseFrom);
    const auto saved = job->save();
    if (!saved)
        return Unexpected(saved.error());
    return job;
}

} // namespace Mcw::Core
