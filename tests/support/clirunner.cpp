// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"
#include "testpaths.h"

#include <QProcess>

namespace Mcw::Tests {

CliRun runConvert(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(binDir() + QStringLiteral("/maixcam-convert"), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace Mcw::Tests
