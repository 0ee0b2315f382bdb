// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/logs/pulsar2progress.h>
#include <core/run/steplog.h>

#include <QString>

namespace Mcw::Core {

/**
 * Progress of one tool step from its output lines: stage markers (`[Running]:`/`[CMD]:` lines
 * and file names, reference §1.2 and §3.3) move a stage-based bar, tqdm bars (`NN%|…| n/N`)
 * fill the span of the current stage (calibration phases, compares). `docker pull` / `docker
 * build` (provisioning jobs) count layers and build steps (BuildKit's `[k/n]`, the legacy
 * builder's `Step k/n :`), `pulsar2 build` its own stages (Pulsar2Progress). Never goes
 * backwards.
 */
class StepProgress
{
public:
    /** \a tool: the program ("model_deploy.py", "run_calibration", …) picks the stage table. */
    explicit StepProgress(const QString &tool = {});

    /** Feeds one line; true when fraction() or stage() changed. */
    bool feed(OutputStream stream, const QString &line);

    double fraction() const { return m_fraction; }
    QString stage() const { return m_stage; }

private:
    enum class Tool { Transform, Calibration, Deploy, Docker, Pulsar2, Other };

    void advance(double fraction, const QString &stage, double spanEnd);

    Tool m_tool = Tool::Other;
    double m_fraction = 0.0;
    double m_spanStart = 0.0; // where the current stage starts
    double m_spanEnd = 0.0;   // where its tqdm bar ends
    QString m_stage;
    int m_compares = 0;
    int m_layers = 0;       // docker pull: layers announced
    int m_layersDone = 0;   // docker pull: layers complete
    Pulsar2Progress m_pulsar2; // pulsar2 build: its own stage table, on both streams
};

} // namespace Mcw::Core
