// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Mcw::Cli {

/** Exit codes shared by every command (documented in docs/cli.md). */
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,   // the command ran and found errors (check failed, job failed)
    ExitBadInput = 2,  // usage error or unreadable/invalid input file
};

/** A sub-command: `maixcam-convert <name> ARGS...`. run() gets the arguments after the name. */
struct Command
{
    QString name;
    QString summary;
    int (*run)(const QStringList &arguments);
};

// One function per command, each in its own <name>command.cpp.
int runInspect(const QStringList &arguments);
int runInit(const QStringList &arguments);
int runCheck(const QStringList &arguments);
int runPlan(const QStringList &arguments);
int runMud(const QStringList &arguments);
int runCut(const QStringList &arguments);
int runReport(const QStringList &arguments);
int runCompare(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runRebuild(const QStringList &arguments);
int runRun(const QStringList &arguments);
int runBatch(const QStringList &arguments);
int runDoctor(const QStringList &arguments);
int runPreview(const QStringList &arguments);

} // namespace Mcw::Cli
