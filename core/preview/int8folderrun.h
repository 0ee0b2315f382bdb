// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/conversionplan.h>
#include <core/project/project.h>
#include <core/result.h>

#include <QList>
#include <QString>

namespace Mcw::Core {

/**
 * The optional INT8 folder run of a project (PreviewSettings::imagesDir): the first MaxImages
 * pictures of the folder, each prepared exactly as the device prepares it and written as
 * `preview/<stem>_in_f32.npz` under the model's input name, so that tpu-mlir's model_runner can
 * run the INT8 cvimodel on it (ConversionPlan::Options::folderImages). Int8RunOutputs::loadFolder
 * reads the results back for the per-image table.
 */
class Int8FolderRun
{
public:
    /** A run step per image: enough for a table, few enough to keep a run short. */
    static constexpr int MaxImages = 16;

    /**
     * The folder's images as plan entries (sorted, the first MaxImages, stems made unique);
     * empty without a folder. The error names the folder.
     */
    static Expected<QList<ConversionPlan::FolderImage>> images(const Project &project);

    /**
     * Writes the input tensor of each of \a images into \a runDir (atomically); the error names
     * the picture or the model.
     */
    static Expected<void> writeInputs(const Project &project,
                                      const QList<ConversionPlan::FolderImage> &images,
                                      const QString &runDir);
};

} // namespace Mcw::Core
