// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shared main of core tests: a QCoreApplication exists (event loops, QProcess), then GoogleTest.
#include <core/run/processguard.h>
#include <tests/support/testpaths.h>

#include <QCoreApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("maixcam-workbench-tests"));
    QStandardPaths::setTestModeEnabled(true); // QSettings and caches stay out of the real home
    // Tools run through the guard as in the apps, whose folder holds it (the tests' does not).
    Mcw::Core::ProcessGuard::setProgram(Mcw::Tests::binDir() + QStringLiteral("/maixcam-process-guard"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
