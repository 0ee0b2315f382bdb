// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shared main of widget tests: offscreen unless told otherwise, so test discovery runs headless.
#include <core/run/processguard.h>
#include <tests/support/testpaths.h>

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("MCW_NO_DIALOGS", "1");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("maixcam-workbench-tests"));
    QStandardPaths::setTestModeEnabled(true); // QSettings and caches stay out of the real home
    // ctest runs each test in its own process, in parallel: settings one test writes (view
    // options, recent files) must not leak into another that runs at the same time.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    // Tools run through the guard as in the apps, whose folder holds it (the tests' does not).
    Mcw::Core::ProcessGuard::setProgram(Mcw::Tests::binDir() + QStringLiteral("/maixcam-process-guard"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
