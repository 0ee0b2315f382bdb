// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/bundle/bundlewriter.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

TEST(BundleWriter, WritesAFolderAndRefusesToOverwriteWithoutConsent)
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("bundle"));
    ASSERT_TRUE(BundleWriter::writeDirectory(target, {{QStringLiteral("m.mud"), "one", {}}}, false));
    EXPECT_EQ(readAll(target + QStringLiteral("/m.mud")), QByteArray("one"));

    const auto refused = BundleWriter::writeDirectory(target, {{QStringLiteral("m.mud"), "two", {}}}, false);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("already exists")));
    EXPECT_EQ(readAll(target + QStringLiteral("/m.mud")), QByteArray("one"));

    ASSERT_TRUE(BundleWriter::writeDirectory(target, {{QStringLiteral("m.mud"), "two", {}}}, true));
    EXPECT_EQ(readAll(target + QStringLiteral("/m.mud")), QByteArray("two"));
    // Replaced atomically: no hidden leftovers remain.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QStringLiteral("bundle")});
}

TEST(BundleWriter, AFailedWriteLeavesNoBundle)
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("bundle"));
    const auto result = BundleWriter::writeDirectory(
        target,
        {{QStringLiteral("m.mud"), "x", {}},
         {QStringLiteral("m.cvimodel"), {}, dir.filePath(QStringLiteral("does-not-exist.cvimodel"))}},
        false);
    ASSERT_FALSE(result);
    EXPECT_FALSE(QFileInfo::exists(target));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
}

TEST(BundleWriter, RefusesNamesThatLeaveTheBundle)
{
    QTemporaryDir dir;
    const auto result = BundleWriter::writeDirectory(dir.filePath(QStringLiteral("b")),
                                                     {{QStringLiteral("../escape.mud"), "x", {}}}, false);
    ASSERT_FALSE(result);
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("escape.mud"))));
}

TEST(BundleWriter, StalePartialsFromAKilledExportAreCleanedUp)
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath(QStringLiteral(".bundle.partial-abc123"));
    ASSERT_TRUE(BundleWriter::writeDirectory(dir.filePath(QStringLiteral("bundle")),
                                             {{QStringLiteral("m.mud"), "x", {}}}, false));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QStringLiteral("bundle")});
}

TEST(BundleWriter, ZipRefusesOverwriteWithoutConsent)
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("b.zip"));
    ASSERT_TRUE(BundleWriter::writeZip(zip, {{QStringLiteral("m.mud"), "x", {}}}, false));
    EXPECT_FALSE(BundleWriter::writeZip(zip, {{QStringLiteral("m.mud"), "y", {}}}, false));
    ASSERT_TRUE(BundleWriter::writeZip(zip, {{QStringLiteral("m.mud"), "y", {}}}, true));
    const auto entries = ZipArchive::entries(zip);
    ASSERT_TRUE(entries);
    EXPECT_EQ(entries->size(), 1);
}
