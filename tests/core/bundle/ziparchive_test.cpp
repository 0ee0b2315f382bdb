// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/bundle/ziparchive.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace Mcw::Core;

// Archives are written by Python's zipfile (stdlib), independently of the code under test.
static QString makeZip(const QTemporaryDir &dir, const QString &kind)
{
    const QString path = dir.filePath(kind + QStringLiteral(".zip"));
    const int status = QProcess::execute(QStringLiteral("python3"),
                                         {QStringLiteral(MCW_TEST_SOURCE_DIR_BUNDLE "/make_hostile_zip.py"),
                                          kind, path});
    EXPECT_EQ(status, 0) << "python3 zipfile helper failed for " << kind.toStdString();
    return path;
}

TEST(ZipArchive, ExtractsAGoodBundle)
{
    QTemporaryDir dir;
    const QString zip = makeZip(dir, QStringLiteral("good"));
    const QString target = dir.filePath(QStringLiteral("out"));
    const auto written = ZipArchive::extractSafely(zip, target);
    ASSERT_TRUE(written) << written.error().message.toStdString();
    EXPECT_EQ(written->size(), 3);
    QFile mud(target + QStringLiteral("/yolov8n.mud"));
    ASSERT_TRUE(mud.open(QIODevice::ReadOnly));
    EXPECT_TRUE(mud.readAll().startsWith("[basic]\ntype = cvimodel"));
    EXPECT_TRUE(QFileInfo::exists(target + QStringLiteral("/sub/labels.txt")));
    // The folder gets the umask's mode, not the staging folder's drwx------.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    struct stat st {};
    ASSERT_EQ(::stat(QFile::encodeName(target).constData(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0777 & ~mask);
    // No staging folder is left next to the target.
    EXPECT_EQ(QDir(dir.path()).entryList({QStringLiteral(".out.partial*")}, QDir::AllEntries | QDir::Hidden).size(), 0);
}

TEST(ZipArchive, ReadsOneEntry)
{
    QTemporaryDir dir;
    const QString zip = makeZip(dir, QStringLiteral("good"));
    const auto bytes = ZipArchive::readEntry(zip, QStringLiteral("sub/labels.txt"));
    ASSERT_TRUE(bytes);
    EXPECT_EQ(*bytes, QByteArray("person\ncar\n"));
    EXPECT_FALSE(ZipArchive::readEntry(zip, QStringLiteral("missing.txt")));
}

class HostileZip : public ::testing::TestWithParam<std::pair<const char *, const char *>>
{};

TEST_P(HostileZip, IsRefusedAndNothingIsWritten)
{
    QTemporaryDir dir;
    const QString kind = QString::fromLatin1(GetParam().first);
    const QString zip = makeZip(dir, kind);
    const QString target = dir.filePath(QStringLiteral("out"));
    // From inside the folder, so that an entry resolved against the current directory shows too.
    const QString before = QDir::currentPath();
    ASSERT_TRUE(QDir::setCurrent(dir.path()));
    const auto result = ZipArchive::extractSafely(zip, target);
    QDir::setCurrent(before);
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.startsWith(zip)) << result.error().message.toStdString();
    EXPECT_TRUE(result.error().message.contains(QString::fromLatin1(GetParam().second)))
        << result.error().message.toStdString();
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QFileInfo(zip).fileName()});
}

INSTANTIATE_TEST_SUITE_P(Bundles, HostileZip,
                         ::testing::Values(std::pair{"traversal", "leaves the target folder"},
                                           std::pair{"absolute", "absolute path"},
                                           std::pair{"resource", "starts with ':'"},
                                           std::pair{"symlink", "symbolic link"},
                                           std::pair{"duplicate", "appears twice"}));

TEST(ZipArchive, NotAZipIsOneSentence)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bundle.zip"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("not a zip");
    f.close();
    const auto result = ZipArchive::entries(path);
    ASSERT_FALSE(result);
    EXPECT_TRUE(result.error().message.startsWith(path + QStringLiteral(": not a readable zip archive")));
}

TEST(ZipArchive, WriteThenReadRoundTrip)
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("b.zip"));
    QFile src(dir.filePath(QStringLiteral("model.bin")));
    ASSERT_TRUE(src.open(QIODevice::WriteOnly));
    src.write(QByteArray(5000, 'x'));
    src.close();
    ASSERT_TRUE(ZipArchive::write(zip, {{QStringLiteral("a.mud"), QByteArray("[basic]\n"), {}},
                                        {QStringLiteral("a.cvimodel"), {}, src.fileName()}}));
    const auto entries = ZipArchive::entries(zip);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 2);
    EXPECT_EQ(entries->at(1).size, 5000);
    // Read back with Python's zipfile as an independent reader.
    QProcess py;
    py.start(QStringLiteral("python3"),
             {QStringLiteral("-c"),
              QStringLiteral("import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); "
                             "print(z.read('a.mud').decode(), len(z.read('a.cvimodel')))"),
              zip});
    ASSERT_TRUE(py.waitForFinished());
    EXPECT_EQ(py.readAllStandardOutput().trimmed(), QByteArray("[basic]\n 5000"));
}

TEST(ZipArchive, LimitsOnSizeAndEntriesAreOneSentenceAndNothingIsWritten)
{
    QTemporaryDir dir;
    const QString zip = makeZip(dir, QStringLiteral("good"));
    const QString target = dir.filePath(QStringLiteral("out"));
    ArchiveLimits small = ArchiveLimits::bundle();
    small.maxTotalBytes = 40; // the three entries hold 9 + 49 + 11 bytes
    const auto tooBig = ZipArchive::extractSafely(zip, target, small);
    ASSERT_FALSE(tooBig);
    EXPECT_EQ(tooBig.error().message, zip + QStringLiteral(" holds more than 40 bytes once unpacked, the limit."));
    ArchiveLimits few = ArchiveLimits::bundle();
    few.maxEntries = 2;
    const auto tooMany = ZipArchive::extractSafely(zip, target, few);
    ASSERT_FALSE(tooMany);
    EXPECT_EQ(tooMany.error().message, zip + QStringLiteral(" holds more than 2 entries, the limit."));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QStringLiteral("good.zip")});
}
