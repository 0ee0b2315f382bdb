// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Mcw::Tests {

/** What a run of the built maixcam-convert printed and returned. */
struct CliRun
{
    int exitCode = -1;   // -1: did not finish in time; -2: crashed
    QString out;
    QString err;
};

/** Runs bin/maixcam-convert with \a arguments, as a user would, and waits for it. */
CliRun runConvert(const QStringList &arguments, int timeoutMs = 120000);

} // namespace Mcw::Tests
