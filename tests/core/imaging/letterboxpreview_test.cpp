// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/imaging/letterboxpreview.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

// A 4×2 binary PPM (P6) written byte by byte, so the expected pixels are known exactly.
static QString writePpm(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("tiny.ppm"));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("P6\n4 2\n255\n");
    for (int i = 0; i < 8; ++i) {
        const char rgb[3] = {char(200), char(100), char(i * 10)}; // R=200, G=100, B=0..70
        f.write(rgb, 3);
    }
    return path;
}

TEST(LetterboxPreview, PadsToTheInputAndCentresTheContent)
{
    QTemporaryDir dir;
    Preprocess p;
    p.keepAspectRatio = true;
    p.padValue = 114;
    const auto preview = makeLetterboxPreview(writePpm(dir), 8, 8, p);
    ASSERT_TRUE(preview) << preview.error().message.toStdString();
    EXPECT_EQ(preview->contentWidth, 8);
    EXPECT_EQ(preview->contentHeight, 4);
    EXPECT_EQ(preview->offsetY, 2);
    EXPECT_EQ(preview->pixels.size(), 8 * 8 * 3);
    // First row is padding; the centre row holds the image (red channel 200 in RGB order).
    EXPECT_EQ(quint8(preview->pixels.at(0)), 114);
    EXPECT_EQ(quint8(preview->pixels.at((4 * 8 + 3) * 3)), 200);
}

TEST(LetterboxPreview, ValueRangeFollowsMeanAndScale)
{
    QTemporaryDir dir;
    Preprocess p;
    p.keepAspectRatio = false; // stretch: no padding pixels in the range
    p.mean = {100.0, 100.0, 0.0};
    p.scale = {0.5, 0.5, 0.1};
    const auto preview = makeLetterboxPreview(writePpm(dir), 4, 2, p);
    ASSERT_TRUE(preview);
    ASSERT_EQ(preview->minimum.size(), 3);
    EXPECT_DOUBLE_EQ(preview->minimum[0], (200 - 100) * 0.5);
    EXPECT_DOUBLE_EQ(preview->maximum[1], (100 - 100) * 0.5);
    EXPECT_DOUBLE_EQ(preview->minimum[2], 0.0);
    EXPECT_DOUBLE_EQ(preview->maximum[2], 70 * 0.1);
}

TEST(LetterboxPreview, BgrModelsSeeChannelsReversed)
{
    QTemporaryDir dir;
    Preprocess p;
    p.keepAspectRatio = false;
    p.pixelFormat = QStringLiteral("bgr");
    p.mean = {0, 0, 0};
    p.scale = {1, 1, 1};
    const auto preview = makeLetterboxPreview(writePpm(dir), 4, 2, p);
    ASSERT_TRUE(preview);
    EXPECT_DOUBLE_EQ(preview->maximum[0], 70.0);  // model channel 0 is blue
    EXPECT_DOUBLE_EQ(preview->minimum[2], 200.0); // model channel 2 is red
}

TEST(LetterboxPreview, GrayModelHasOneChannel)
{
    QTemporaryDir dir;
    Preprocess p;
    p.pixelFormat = QStringLiteral("gray");
    p.mean = {0};
    p.scale = {1.0 / 255.0};
    const auto preview = makeLetterboxPreview(writePpm(dir), 4, 4, p);
    ASSERT_TRUE(preview);
    EXPECT_TRUE(preview->grayscale);
    EXPECT_EQ(preview->pixels.size(), 16);
    EXPECT_EQ(preview->minimum.size(), 1);
}

TEST(LetterboxPreview, UnreadableImageNamesTheFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.jpg"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("not an image");
    f.close();
    const auto preview = makeLetterboxPreview(path, 8, 8, Preprocess{});
    ASSERT_FALSE(preview);
    EXPECT_EQ(preview.error().message, path + QStringLiteral(": not a readable image."));
}
