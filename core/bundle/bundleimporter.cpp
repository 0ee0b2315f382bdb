// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundleimporter.h"
#include "ziparchive.h"

#include <core/atomicfile.h>
#include <core/localpath.h>
#include <core/project/decimallist.h>
#include <core/project/projectfile.h>

#include <QDir>
#include <QFileInfo>

namespace Mcw::Core {

static Diagnostic importError(const QString &code, const QString &message)
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.stage = QStringLiteral("import");
    d.code = code;
    d.message = message;
    return d;
}

QString BundleImporter::modelPathProblem(const QString &value, const QString &bundleFolder)
{
    if (value.isEmpty())
        return QStringLiteral("is empty");
    if (isAbsoluteLocalPath(value))
        return QStringLiteral("is an absolute path; bundles must name files next to the .mud");
    const QString root = QFileInfo(bundleFolder).canonicalFilePath();
    const QString lexical = resolveLocalPath(root, value);
    if (lexical != root && !lexical.startsWith(root + QLatin1Char('/')))
        return QStringLiteral("leaves the bundle folder");
    // A symlink inside the bundle may still point elsewhere.
    const QString resolved = QFileInfo(lexical).canonicalFilePath();
    if (!resolved.isEmpty() && resolved != root && !resolved.startsWith(root + QLatin1Char('/')))
        return QStringLiteral("is a link that leaves the bundle folder");
    return {};
}


Expected<BundleImporter::Bundle> BundleImporter::open(const QString &path, const QString &extractDir)
{
    if (!path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
        return openMud(path);
    if (extractDir.isEmpty()) {
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("%1: a folder to extract the bundle into is needed.").arg(path));
    }
    const auto written = ZipArchive::extractSafely(path, extractDir);
    if (!written)
        return Unexpected(written.error());
    QStringList muds;
    for (const QString &name : *written) {
        if (name.endsWith(QLatin1String(".mud")))
            muds.append(name);
    }
    Expected<Bundle> bundle = makeError(Error::Code::InvalidInput,
                                        QStringLiteral("%1: the archive holds %2 .mud files; exactly one is needed.")
                                            .arg(path)
                                            .arg(muds.size()));
    if (muds.size() == 1)
        bundle = openMud(QDir(extractDir).filePath(muds.first()));
    // The folder was created by this call: an import that fails leaves nothing beside the zip.
    if (!bundle)
        QDir(extractDir).removeRecursively();
    return bundle;
}

Expected<BundleImporter::Bundle> BundleImporter::openMud(const QString &mudPath)
{
    Bundle bundle;
    const auto mud = MudReader::readFile(mudPath);
    if (!mud)
        return Unexpected(mud.error());
    bundle.mudPath = QFileInfo(mudPath).absoluteFilePath();
    bundle.folder = QFileInfo(mudPath).absolutePath();
    bundle.mud = *mud;
    bundle.problems = mud->diagnostics;

    const MudDocument &doc = mud->document;
    Project &p = bundle.project;
    const bool axmodel = mud->modelFormat == QLatin1String("axmodel");
    // MaixCAM: `model`; MaixCAM2: `model_npu` and/or `model_vnpu` (the reader says when neither).
    QStringList keys{QStringLiteral("model")};
    if (axmodel) {
        p.device = Device::MaixCam2;
        p.pulsar2.buildNpu = !doc.value(QStringLiteral("basic"), QStringLiteral("model_npu")).isEmpty();
        p.pulsar2.buildVnpu = !doc.value(QStringLiteral("basic"), QStringLiteral("model_vnpu")).isEmpty();
        keys.clear();
        if (p.pulsar2.buildNpu)
            keys.append(QStringLiteral("model_npu"));
        if (p.pulsar2.buildVnpu)
            keys.append(QStringLiteral("model_vnpu"));
    }
    for (const QString &key : std::as_const(keys)) {
        const QString modelValue = doc.value(QStringLiteral("basic"), key);
        const QString problem = modelPathProblem(modelValue, bundle.folder);
        if (!problem.isEmpty()) {
            bundle.problems.append(importError(QStringLiteral("import_model_path"),
                                               QStringLiteral("%1: `%2 = %3` %4.").arg(mudPath, key, modelValue, problem)));
        } else if (!QFileInfo::exists(resolveLocalPath(bundle.folder, modelValue))) {
            bundle.problems.append(importError(QStringLiteral("import_model_missing"),
                                               QStringLiteral("%1: the model file %2 is not next to the .mud.")
                                                   .arg(mudPath, modelValue)));
        } else if (bundle.cvimodelPath.isEmpty()) {
            bundle.cvimodelPath = resolveLocalPath(bundle.folder, modelValue);
        }
    }

    p.name = QFileInfo(mudPath).completeBaseName();
    p.modelType = doc.value(QStringLiteral("extra"), QStringLiteral("model_type"));
    p.task = doc.value(QStringLiteral("extra"), QStringLiteral("type"));
    const QString input = doc.value(QStringLiteral("extra"), QStringLiteral("input_type"));
    if (!input.isEmpty())
        p.preprocess.pixelFormat = input;
    // A bad list is a problem of the import, never a silently shortened list.
    const auto readList = [&](const char *key, DecimalCount count, QList<double> &into) {
        const QString text = doc.value(QStringLiteral("extra"), QLatin1String(key));
        if (text.isEmpty())
            return;
        const auto values = parseDecimalList(text, QLatin1String(key), count);
        if (values) {
            into = *values;
            return;
        }
        bundle.problems.append(importError(QStringLiteral("import_number_list"),
                                           QStringLiteral("%1: %2").arg(mudPath, values.error().message)));
    };
    readList("mean", DecimalCount::OneOrThree, p.preprocess.mean);
    readList("scale", DecimalCount::OneOrThree, p.preprocess.scale);
    readList("anchors", DecimalCount::Pairs, p.anchors);
    p.labels = mud->labels;

    // A provenance file carries every setting: prefer it over what the MUD can express.
    const QString provenancePath = QDir(bundle.folder).filePath(p.name + QStringLiteral(".provenance.yaml"));
    if (QFileInfo::exists(provenancePath)) {
        const auto bytes = readWholeFile(provenancePath, 16 << 20);
        const auto provenance = bytes ? Provenance::fromYaml(*bytes, provenancePath)
                                      : Expected<Provenance>(Unexpected(bytes.error()));
        if (provenance) {
            const auto loaded = ProjectFile::parse(provenance->projectYaml, QString::fromLatin1(Provenance::ProjectAnchor));
            if (loaded) {
                bundle.hasProvenance = true;
                bundle.provenance = *provenance;
                bundle.project = loaded->project;
            }
        }
    }
    return bundle;
}

} // namespace Mcw::Core
