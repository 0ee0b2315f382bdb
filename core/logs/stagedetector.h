// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/logtypes.h>

#include <QStringView>

#include <optional>

namespace Mcw::Core {

/**
 * Follows the stage of a tpu-mlir run from its console lines: the `[Running]:` / `[CMD]:`
 * markers and the file names they mention (reference §1.2, §3.3), the calibration bars and
 * milestones (§2.3), and command lines pasted into a log. Matches substrings, not whole lines,
 * because pass lists differ between versions.
 */
class StageDetector
{
public:
    explicit StageDetector(ToolStage initial = ToolStage::Unknown)
        : m_stage(initial)
    {}

    /** Returns the new stage when this line starts one, else nullopt. */
    std::optional<ToolStage> feedLine(QStringView line);
    ToolStage stage() const { return m_stage; }
    /** Moves to \a stage when other evidence (e.g. a compare block's files) tells it; nullopt if unchanged. */
    std::optional<ToolStage> enter(ToolStage stage) { return change(stage); }

    /** The stage a `tpuc-opt` / `npz_tool.py compare` / `model_runner.py` command belongs to. */
    static ToolStage stageOfCommand(QStringView command, ToolStage current = ToolStage::Unknown);

private:
    std::optional<ToolStage> change(ToolStage stage);

    ToolStage m_stage;
};

} // namespace Mcw::Core
