// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shared main of widget tests: offscreen unless told otherwise, so test discovery runs headless.
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("MCW_NO_DIALOGS", "1");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("maixcam-workbench-tests"));
    QStandardPaths::setTestModeEnabled(true); // QSettings and caches stay out of the real home
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
