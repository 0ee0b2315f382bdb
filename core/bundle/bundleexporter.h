// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/bundle/bundlewriter.h>
#include <core/logs/diagnostic.h>
#include <core/onnx/graph.h>
#include <core/project/project.h>
#include <core/result.h>
#include <core/run/jobrecord.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * Builds the bundle from the project's single source of truth and a finished job:
 * NAME.mud (re-read through the strict reader), NAME.cvimodel (the INT8 or BF16 product,
 * renamed to match `model =`) for MaixCAM or NAME_npu.axmodel / NAME_vnpu.axmodel for MaixCAM2,
 * an optional labels file and NAME.provenance.yaml. Nothing is
 * written unless every check passes; writing is all or nothing (BundleWriter).
 */
class BundleExporter
{
public:
    struct Request
    {
        Project project;
        QString projectPath;     // for provenance; may be empty
        Graph graph;             // for the label/class-count check; may be null
        JobRecord job;           // the run that produced the cvimodel
        bool bf16 = false;       // export the BF16 model instead of INT8
        QString bundleName;      // file base name; empty: the project name
    };

    struct Prepared
    {
        QString baseName;
        QList<BundleWriter::File> files;
        QList<Diagnostic> problems;     // errors block the export
        QByteArray mud;
        QByteArray provenance;
    };

    /**
     * The job steps whose models go into the bundle: deploy_int8 or deploy_bf16 for MaixCAM,
     * build_npu and/or build_vnpu (as the project selects) for MaixCAM2.
     */
    static QStringList modelStepIds(const Project &project, bool bf16);

    /** Checks everything and assembles the files without writing anything. */
    static Prepared prepare(const Request &request);

    /**
     * prepare() + write to \a destination: a folder, or a .zip file when it ends in ".zip".
     * Refuses when prepare() found errors (the first one's sentence is the error).
     */
    static Expected<QStringList> exportBundle(const Request &request, const QString &destination,
                                              bool overwrite);

    /** Writes what prepare() assembled (refuses when it found errors). */
    static Expected<QStringList> write(const Prepared &prepared, const QString &destination, bool overwrite);
};

} // namespace Mcw::Core
