// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/layout/graphlayout.h>

namespace Mcw::Core::Layout {

/**
 * Runs the phases of layoutGraph() in order — cycle removal, ranks, dummy chains, crossing
 * minimisation, coordinates, edge paths — reporting monotonic progress and checking the cancel
 * flag between phases and sweeps.
 */
class SugiyamaLayout
{
public:
    SugiyamaLayout(const LayoutInput &input, const LayoutControl &control);

    LayoutResult run();

private:
    bool cancelled() const;
    void report(int percent);

    const LayoutInput &m_input;
    const LayoutControl &m_control;
    int m_lastProgress = -1;
};

} // namespace Mcw::Core::Layout
