// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/imaging/calibrationsetcheck.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

QByteArray encode(const cv::Mat &image, const char *ext)
{
    std::vector<uchar> buffer;
    cv::imencode(ext, image, buffer);
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
}

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A colour picture whose channels differ (a gradient per channel).
cv::Mat colour(int w, int h, int seed)
{
    cv::Mat m(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar((x + seed) % 256), uchar((y * 2 + seed) % 256), uchar((x + y) % 256));
    return m;
}

const Diagnostic *find(const QList<Diagnostic> &list, const char *code)
{
    for (const Diagnostic &d : list) {
        if (d.code == QLatin1String(code))
            return &d;
    }
    return nullptr;
}

} // namespace

TEST(CalibrationSetCheck, NamesEachProblemOfAFolder)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("cali"));
    const QByteArray a = encode(colour(320, 240, 1), ".jpg");
    write(root + QStringLiteral("/a.jpg"), a);
    write(root + QStringLiteral("/b.jpg"), encode(colour(320, 240, 2), ".jpg"));
    write(root + QStringLiteral("/sub/c.png"), encode(colour(320, 240, 3), ".png"));
    write(root + QStringLiteral("/sub/copy-of-a.jpg"), a);                       // duplicate
    write(root + QStringLiteral("/gray1.png"), encode(cv::Mat(240, 320, CV_8UC1, cv::Scalar(90)), ".png"));
    cv::Mat grayRgb;
    cv::cvtColor(cv::Mat(240, 320, CV_8UC1, cv::Scalar(40)), grayRgb, cv::COLOR_GRAY2BGR);
    write(root + QStringLiteral("/gray3.jpg"), encode(grayRgb, ".jpg"));         // colour file, gray picture
    write(root + QStringLiteral("/tiny.jpg"), encode(colour(40, 30, 4), ".jpg")); // far below 320×240
    const QByteArray cut = encode(colour(320, 240, 5), ".jpg");
    write(root + QStringLiteral("/cut.jpg"), cut.left(cut.size() * 2 / 3));      // copy cut off
    write(root + QStringLiteral("/notes.jpg"), "this is not an image\n");        // unreadable
    write(root + QStringLiteral("/readme.txt"), "ignored\n");

    CalibrationSetOptions options;
    options.inputNum = 9;
    options.inputWidth = 320;
    options.inputHeight = 240;
    options.inputNames = {QStringLiteral("images")};
    options.macsPerSample = qint64(4.35e10); // a 640×640 yolov8l-sized model
    const auto report = CalibrationSetCheck::inspect(root, options);
    ASSERT_TRUE(report.has_value()) << report.error().message.toStdString();
    EXPECT_EQ(report->imageCount, 9);
    EXPECT_EQ(report->inspected, 9);
    EXPECT_EQ(report->unreadable, QStringList{root + QStringLiteral("/notes.jpg")});
    EXPECT_EQ(report->truncated, QStringList{root + QStringLiteral("/cut.jpg")});
    EXPECT_EQ(report->grayscale, (QStringList{root + QStringLiteral("/gray1.png"), root + QStringLiteral("/gray3.jpg")}));
    ASSERT_EQ(report->tooSmall.size(), 1);
    EXPECT_TRUE(report->tooSmall.first().startsWith(root + QStringLiteral("/tiny.jpg (40×30)")));
    ASSERT_EQ(report->duplicates.size(), 1);
    EXPECT_EQ(report->duplicates.first(), (QStringList{root + QStringLiteral("/a.jpg"), root + QStringLiteral("/sub/copy-of-a.jpg")}));
    EXPECT_EQ(report->usableCount(), 8);

    const QList<Diagnostic> diags = CalibrationSetCheck::diagnostics(*report, options, root);
    for (const char *code : {"calibration_unreadable", "calibration_too_few_usable", "calibration_truncated",
                             "calibration_grayscale", "calibration_small_images", "calibration_duplicates",
                             "calibration_time"}) {
        const Diagnostic *d = find(diags, code);
        ASSERT_NE(d, nullptr) << code;
        EXPECT_EQ(d->stage, QStringLiteral("preflight"));
        EXPECT_FALSE(d->message.contains(QLatin1Char('\n'))) << code;
    }
    EXPECT_TRUE(find(diags, "calibration_unreadable")->message.contains(QStringLiteral("notes.jpg")));
    EXPECT_EQ(find(diags, "calibration_unreadable")->severity, Diagnostic::Severity::Error);
    EXPECT_TRUE(find(diags, "calibration_grayscale")->message.startsWith(QStringLiteral("2 of 8 calibration images")));
    // 8 usable samples: 8 × (0.05 s + 43.5 GMAC / 7.5 GMAC/s) × 1.5 = 70.2 s.
    EXPECT_NEAR(CalibrationSetCheck::estimateSeconds(8, qint64(4.35e10)), 8 * (0.05 + 5.8) * 1.5, 1e-9);
    EXPECT_TRUE(find(diags, "calibration_time")->message.contains(QStringLiteral("about 70 s")));
    EXPECT_LT(CalibrationSetCheck::estimateSeconds(8, qint64(4.35e9)), 30); // short runs get no note
    EXPECT_EQ(find(diags, "calibration_needs_npz"), nullptr);
}

TEST(CalibrationSetCheck, HeadersGiveSizeAndChannels)
{
    const auto jpg = CalibrationSetCheck::readHeader(encode(colour(123, 45, 0), ".jpg"));
    ASSERT_TRUE(jpg.has_value());
    EXPECT_EQ(jpg->width, 123);
    EXPECT_EQ(jpg->height, 45);
    EXPECT_EQ(jpg->channels, 3);
    const auto gray = CalibrationSetCheck::readHeader(encode(cv::Mat(7, 9, CV_8UC1, cv::Scalar(1)), ".jpg"));
    ASSERT_TRUE(gray.has_value());
    EXPECT_EQ(gray->channels, 1);
    const auto bmp = CalibrationSetCheck::readHeader(encode(colour(31, 17, 0), ".bmp"));
    ASSERT_TRUE(bmp.has_value());
    EXPECT_EQ(bmp->width, 31);
    EXPECT_EQ(bmp->height, 17);
    EXPECT_FALSE(CalibrationSetCheck::readHeader("GIF89a....").has_value());
}

TEST(CalibrationSetCheck, NpzSamplesMustHoldTheModelInputs)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("npz"));
    QDir().mkpath(root);
    // numpy writes the samples, as a user's script would.
    QProcess python;
    python.start(QStringLiteral(MCW_PYTHON),
                 {QStringLiteral("-c"),
                  QStringLiteral("import numpy as np, sys; d = sys.argv[1]\n"
                                 "np.savez(d + '/s0.npz', image=np.zeros((1,3,8,8), np.float32), state=np.zeros((1,2), np.float32))\n"
                                 "np.savez(d + '/s1.npz', image=np.zeros((1,3,8,8), np.float32))\n"
                                 "np.savez(d + '/s2.npz', img=np.zeros((1,3,8,8), np.float32), state=np.zeros((1,2), np.float32))\n"),
                  root});
    ASSERT_TRUE(python.waitForFinished(60000));
    ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
    write(root + QStringLiteral("/extra.jpg"), encode(colour(8, 8, 0), ".jpg"));

    CalibrationSetOptions options;
    options.inputNum = 3;
    options.inputNames = {QStringLiteral("image"), QStringLiteral("state")};
    const auto report = CalibrationSetCheck::inspect(root, options);
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->npzCount, 3);
    ASSERT_EQ(report->npzWrongKeys.size(), 2);
    EXPECT_EQ(report->npzWrongKeys.at(0), root + QStringLiteral("/s1.npz (keys: image)"));
    EXPECT_EQ(report->npzWrongKeys.at(1), root + QStringLiteral("/s2.npz (keys: img, state)"));
    const QList<Diagnostic> diags = CalibrationSetCheck::diagnostics(*report, options, root);
    ASSERT_NE(find(diags, "calibration_npz_keys"), nullptr);
    EXPECT_TRUE(find(diags, "calibration_npz_keys")->message.startsWith(QStringLiteral("2 .npz samples do not hold exactly the model inputs image, state")));
    ASSERT_NE(find(diags, "calibration_mixed_types"), nullptr);
    ASSERT_NE(find(diags, "calibration_needs_npz"), nullptr);
}

TEST(CalibrationSetCheck, MissingFolderIsOneSentence)
{
    const auto report = CalibrationSetCheck::inspect(QStringLiteral("/no/such/folder"), {});
    ASSERT_FALSE(report.has_value());
    EXPECT_EQ(report.error().message, QStringLiteral("/no/such/folder: the calibration folder does not exist."));
}
