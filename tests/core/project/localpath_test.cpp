// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/localpath.h>

#include <QDir>
#include <QFileInfo>

#include <gtest/gtest.h>

using namespace Mcw::Core;

TEST(LocalPath, OnlyALeadingSlashIsAbsolute)
{
    EXPECT_EQ(resolveLocalPath(QStringLiteral("/p"), QStringLiteral(":images")), QStringLiteral("/p/:images"));
    EXPECT_EQ(resolveLocalPath(QStringLiteral("/p/a"), QStringLiteral("../b/./c")), QStringLiteral("/p/b/c"));
    EXPECT_EQ(resolveLocalPath(QStringLiteral("/p"), QStringLiteral("/abs//x")), QStringLiteral("/abs/x"));
    EXPECT_EQ(resolveLocalPath(QStringLiteral("/p"), QString()), QString());
    EXPECT_TRUE(isAbsoluteLocalPath(QStringLiteral("/x")));
    EXPECT_FALSE(isAbsoluteLocalPath(QStringLiteral(":/x")));
    // What Qt does with the same names, the reason for these functions.
    EXPECT_EQ(QDir(QStringLiteral("/p")).filePath(QStringLiteral(":images")), QStringLiteral(":images"));
    EXPECT_TRUE(QDir::isAbsolutePath(QStringLiteral(":images")));
}

TEST(LocalPath, AbsoluteAgainstTheCurrentDirectory)
{
    EXPECT_EQ(absoluteLocalPath(QStringLiteral(":calib")), QDir::currentPath() + QStringLiteral("/:calib"));
    EXPECT_EQ(absoluteLocalPath(QStringLiteral("a/../b")), QDir::currentPath() + QStringLiteral("/b"));
    EXPECT_NE(QFileInfo(QStringLiteral(":calib")).absoluteFilePath(), absoluteLocalPath(QStringLiteral(":calib")));
}
