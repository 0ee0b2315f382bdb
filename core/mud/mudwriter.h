// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project/project.h>
#include <core/result.h>

#include <QByteArray>
#include <QString>

namespace Mcw::Core {

/**
 * Writes the model description (.mud) for a project's device (`cvimodel` for MaixCAM, `axmodel`
 * with model_npu/model_vnpu and the four cache flags for MaixCAM2), following the device parser's
 * rules (maixpy-mud.md §1.8): UTF-8 without BOM, LF, `key = value`, `[basic]` then `[extra]`
 * once each, plain full-precision decimals, no quotes. Labels go inline, or into a labels
 * file next to the MUD when there are many or when inline mode would mangle them.
 */
class MudWriter
{
public:
    struct Options
    {
        /** `model =` value; empty: `<project name>.cvimodel`. */
        QString modelFile;
        /**
         * MaixCAM2 (`type = axmodel`): `model_npu =` / `model_vnpu =` values; empty: the bundle's
         * names (`<name>_npu.axmodel`, `<name>_vnpu.axmodel`) for the builds the project selects.
         */
        QString npuModelFile;
        QString vnpuModelFile;
        /** More labels than this go to a labels file. */
        int maxInlineLabels = 200;
        /** Name of the labels file when one is written; empty: `<mud base name>_labels.txt`. */
        QString labelsFileName;
    };

    struct Output
    {
        QByteArray mud;
        QString labelsFileName; // empty when labels are inline
        QByteArray labelsFile;
    };

    /** \a mudFileName (e.g. "yolov8n.mud") only names the labels file. */
    static Expected<Output> render(const Project &project, const QString &mudFileName, const Options &options);
    static Expected<Output> render(const Project &project, const QString &mudFileName)
    {
        return render(project, mudFileName, Options{});
    }

    /** Writes the MUD (and labels file) atomically; returns the paths written. */
    static Expected<QStringList> writeFiles(const Project &project, const QString &mudPath, const Options &options);
};

} // namespace Mcw::Core
