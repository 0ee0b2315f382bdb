// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/bundle/bundlewriter.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <string>

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

// The exported folder and its files get the modes the user's umask gives, not the private
// drwx------ of the staging folder; a bundle written into a shared folder stays readable.
class BundleWriterUmask : public ::testing::TestWithParam<mode_t>
{
protected:
    void SetUp() override { m_saved = ::umask(GetParam()); }
    void TearDown() override { ::umask(m_saved); }
    mode_t m_saved = 0;
};

static mode_t modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : mode_t(07777);
}

TEST_P(BundleWriterUmask, FolderAndFilesFollowTheUmask)
{
    const mode_t mask = GetParam();
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("private.cvimodel"));
    {
        QFile f(source);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("model");
    }
    ASSERT_EQ(::chmod(QFile::encodeName(source).constData(), 0600), 0); // as a container may leave it
    const QString target = dir.filePath(QStringLiteral("bundle"));
    ASSERT_TRUE(BundleWriter::writeDirectory(
        target, {{QStringLiteral("m.mud"), "one", {}}, {QStringLiteral("m.cvimodel"), {}, source}}, false));
    EXPECT_EQ(modeOf(target), 0777 & ~mask);
    EXPECT_EQ(modeOf(target + QStringLiteral("/m.mud")), 0666 & ~mask);
    EXPECT_EQ(modeOf(target + QStringLiteral("/m.cvimodel")), 0666 & ~mask);
    // Overwriting goes through the same staging and keeps the rule.
    ASSERT_TRUE(BundleWriter::writeDirectory(target, {{QStringLiteral("m.mud"), "two", {}}}, true));
    EXPECT_EQ(modeOf(target), 0777 & ~mask);
}

INSTANTIATE_TEST_SUITE_P(SharedAndPrivate, BundleWriterUmask, ::testing::Values(mode_t(022), mode_t(077)),
                         [](const ::testing::TestParamInfo<mode_t> &param) {
                             return "umask0" + std::to_string((param.param >> 3) & 7) + std::to_string(param.param & 7);
                         });
