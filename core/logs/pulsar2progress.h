// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Mcw::Core {

/**
 * Progress of one `pulsar2 build` from its console (maixcam2.md §4.2), whichever stream a line
 * comes on: the Rich bars `Building onnx` and `Building native` (`NN% 0:00:00`), the calibration
 * archive's extraction, `N File(s) Loaded.`, the tqdm `Calibration Progress(Phase k)` bar,
 * `Network Quantization Finished.`, the precision table and the final `fuse N subgraph(s)`.
 * Never goes backwards.
 */
class Pulsar2Progress
{
public:
    /** True when fraction() or stage() changed. */
    bool feed(const QString &line);

    double fraction() const { return m_fraction; }
    QString stage() const { return m_stage; }

private:
    void advance(double fraction, const QString &stage);

    double m_fraction = 0.0;
    QString m_stage;
};

} // namespace Mcw::Core
